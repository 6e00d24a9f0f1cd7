/**
 * The event ledger: the one owner of an accepted partner message ({@link org.mashhub.hub.ledger.InboundMessages}) and of
 * every event's state and each change of it ({@link org.mashhub.hub.ledger.EventLedger}, with the changes allowed in
 * {@link org.mashhub.hub.ledger.EventStatus}), each change audited in its own transaction. Events reach the broker only
 * through its outbox ({@link org.mashhub.hub.ledger.OutboxRelay}); parked events are kept here for engineers
 * ({@link org.mashhub.hub.ledger.ParkedEvents}).
 */
package org.mashhub.hub.ledger;
