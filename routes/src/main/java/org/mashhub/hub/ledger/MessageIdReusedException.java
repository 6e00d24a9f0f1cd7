package org.mashhub.hub.ledger;

/** A partner sent a message id it had used before, with different content: refused, never overwritten. */
public class MessageIdReusedException extends RuntimeException {

    private final String partnerMessageId;

    public MessageIdReusedException(String partnerMessageId) {
        super("partner message id already used for a different message");
        this.partnerMessageId = partnerMessageId;
    }

    public String partnerMessageId() {
        return partnerMessageId;
    }
}
