package org.mashhub.adapters;

/** A parsed, valid partner message: enough for the pipeline to authorise it and recognise a resubmission. */
public interface PartnerMessage {

    /** The partner's own id for the message; the same id again means the same message. */
    String partnerMessageId();

    /** The partner the message says it comes from; must be the authenticated one. */
    String claimedPartnerId();
}
