/**
 * Health partners' FHIR R4 edge: {@code POST /fhir/$process-message} (messages), {@code POST /fhir}
 * (record exports) and {@code GET /fhir/metadata}. Answers are FHIR: an information OperationOutcome
 * carrying the receipt, or an OperationOutcome with every issue located by FHIRPath.
 */
package org.mashhub.hub.ingest.health;
