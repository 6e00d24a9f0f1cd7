/**
 * Delivery to the case system: a transacted consumer of the delivery queue posts each event the ledger still has on its
 * way to {@code {hub.case-system.url}/events} with its Idempotency-Key and an HMAC signature, and tells the ledger what
 * became of it before the broker's copy is acknowledged. 2xx or 409 is delivered; another 4xx is parked with the reason;
 * a 5xx, timeout or refused connection is retried with exponential back-off and parked when the retries run out.
 * Artemis message groups keep each child's events in order.
 */
package org.mashhub.hub.delivery;
