/**
 * Health partners' FHIR R4: messages ({@code Bundle} of type message: safeguarding concern, emergency
 * attendance, consent update, patient update) and record exports ({@code Bundle} of type transaction or
 * collection). {@link org.mashhub.adapters.health.HealthFhir} holds the one FhirContext and validator;
 * the adapters parse strictly, validate against the hub's profiles in {@code schemas/health/profiles},
 * keep only children (and care leavers), and map to canonical events.
 */
package org.mashhub.adapters.health;
