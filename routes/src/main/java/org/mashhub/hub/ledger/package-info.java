/**
 * The event ledger: the one owner of an accepted partner message ({@link org.mashhub.hub.ledger.InboundMessages}) and of
 * every event's state and each change of it ({@link org.mashhub.hub.ledger.EventLedger}, with the changes allowed in
 * {@link org.mashhub.hub.ledger.EventStatus}), each change audited in its own transaction. Events reach the broker only
 * through its outbox ({@link org.mashhub.hub.ledger.OutboxRelay}); parked events are kept here for engineers
 * ({@link org.mashhub.hub.ledger.ParkedEvents}). The hub's own notices to the case system (children linked or separated,
 * consent withdrawn, content purged) enter the ledger as a message of the hub's, in the transaction of the change they
 * tell of ({@link org.mashhub.hub.ledger.HubNotices}); a message's sameness is its
 * {@link org.mashhub.hub.ledger.MessageFingerprint}.
 */
package org.mashhub.hub.ledger;
