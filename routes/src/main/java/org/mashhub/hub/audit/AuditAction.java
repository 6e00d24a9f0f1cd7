package org.mashhub.hub.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** A partner message was accepted (durably). */
    RECEIVED,
    /** A partner message was refused: invalid, conflicting, or from the wrong partner. */
    REJECTED,
    /** A request to a partner interface without a valid key (401). */
    AUTHENTICATION_FAILED,
    /** A member of staff's sign-in failed (the user name tried, never the password). */
    SIGN_IN_FAILED,
    /** An account or a source address was locked out after too many failed sign-ins. */
    SIGN_IN_LOCKED,
    /** An authenticated caller asked for something it may not have (403). */
    ACCESS_DENIED,
    /** A partner's statement of a family's consent was kept (no event: the sharing policy reads it). */
    CONSENT_RECORDED,
    /** An event was put on the broker for delivery. */
    PUBLISHED,
    /** The case system has the event. */
    DELIVERED,
    /** Delivery failed for now and will be tried again. */
    RETRIED,
    /** Delivery gave up; the event waits in the parked queue with its reason. */
    PARKED,
    /** A school file was processed to the end: how many rows became events and how many were refused. */
    FILE_PROCESSED,
    /** The child index decided which child a message is about: MATCH, REVIEW or NO_MATCH, and how. */
    MATCHED,
    /** A member of staff linked a possible match to a known child. */
    IDENTITY_LINKED,
    /** A member of staff confirmed a possible match is a new child. */
    IDENTITY_CONFIRMED_NEW,
    /** A member of staff looked at a child's information (who, which child, what). */
    VIEWED,
    /** The MASH recorded its decision on a referral, with the outcome (the inbox clock stops). */
    MASH_DECIDED,
    /** Whoever recorded a MASH decision took it back within the undo window (the referral is open again). */
    MASH_DECISION_UNDONE,
    /** A manager signed off a MASH decision the configuration asks a manager to see. */
    MASH_DECISION_SIGNED_OFF,
    /** A referral was taken by, or allocated to, a member of staff. */
    REFERRAL_ALLOCATED,
    /** The sharing policy decided an event (SHARE, SHARE_UNDER_OVERRIDE, REDACT, WITHHOLD) and named the rule. */
    POLICY_DECIDED,
    /** A manager released a withheld event, with a reason. */
    WITHHELD_RELEASED,
    /** A manager refused a withheld event: it is never shared. */
    WITHHELD_REFUSED,
    /** The retention purge removed what had passed its period (counts, never content). */
    RETENTION_PURGED,
    /** An engineer put a parked event back on the delivery queue. */
    REPLAYED,
    /** An engineer discarded a parked event: it will not be delivered. */
    DISCARDED,
    /** The hub made a notification for a partner (a referral's outcome, an Operation Encompass notice): type, partner. */
    NOTIFICATION_MADE,
    /** The sharing agreement does not let this kind of notification go back to the partner: none was made. */
    NOTIFICATION_NOT_ALLOWED,
    /** The partner has the notification: it acknowledged a pulled one, or its endpoint took a pushed one. */
    NOTIFICATION_DELIVERED,
    /** A pushed notification did not reach the partner this time; it is tried again (attempt, answer). */
    NOTIFICATION_RETRIED,
    /** A pushed notification was refused, or not taken for long enough: put aside for an engineer (it can still be pulled). */
    NOTIFICATION_PARKED,
    /** An engineer sent a parked notification again. */
    NOTIFICATION_REPLAYED,
    /** Staff asked partners what they know about a child (the enquiry, the partners, the RAG, the lawful basis). */
    ENQUIRY_RAISED,
    /** A partner answered a request of an enquiry ("nothing known" is an answer), on time or late. */
    ENQUIRY_ANSWERED,
    /** A partner tried to answer a request that is not its own (or not open): refused. */
    ENQUIRY_ANSWER_REFUSED,
    /** A partner's request passed its due time unanswered. */
    ENQUIRY_OVERDUE
}
