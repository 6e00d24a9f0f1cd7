package org.mashhub.schemas.events;

/**
 * Where an event came from: the agency and partner, the partner's own message id, the hub's receipt for
 * that message, and the partner's case or incident reference.
 */
public record EventSource(Agency agency, String partnerId, String partnerMessageId, String hubMessageId, String reference) {
}
