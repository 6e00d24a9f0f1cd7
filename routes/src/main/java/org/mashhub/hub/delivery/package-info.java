/**
 * Delivery to the case system, to the contract in {@code schemas/case-system/openapi.yaml}: a transacted consumer of the
 * delivery queue posts each event the ledger still has on its way to {@code {hub.case-system.url}/events}, signed as
 * Standard Webhooks has it ({@link org.mashhub.hub.edge.WebhookSignature}, with every secret while one is rotated),
 * with its Idempotency-Key and the child's sequence number, and tells the ledger what became of it before the broker's
 * copy is acknowledged. 2xx or 409 is delivered; 429 and 503 wait for their Retry-After; 408, 425, 5xx, timeouts and
 * refused connections are retried with exponential back-off and parked when the retries run out; 401 and 403 hold
 * delivery for longer ({@link org.mashhub.hub.delivery.CaseSystemTrust}); a redirect or another 4xx is parked with the
 * answer. Artemis message groups keep each child's events in order.
 */
package org.mashhub.hub.delivery;
