/**
 * Police forces' SOAP edge (WSDL-first, {@code schemas/police/ppn-v1.wsdl}): a Camel {@code cxf:}
 * endpoint at {@code /services/police} in PAYLOAD mode, so the hub validates the notice itself and can
 * list every problem in the Fault. Answers: a receipt once durable, or a SOAP Fault with a
 * {@code NoticeRefused} detail.
 */
package org.mashhub.hub.ingest.police;
