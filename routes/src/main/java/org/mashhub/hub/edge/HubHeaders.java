package org.mashhub.hub.edge;

/**
 * Names of the headers the hub sets on Camel messages and JMS messages. They are valid JMS property
 * names (no dots or dashes) so they survive the broker unchanged.
 */
public final class HubHeaders {

    public static final String CORRELATION_ID = "MashCorrelationId";
    public static final String PARTNER_ID = "MashPartnerId";
    public static final String HUB_MESSAGE_ID = "MashHubMessageId";
    public static final String EVENT_ID = "MashEventId";
    /** The partner message's encoding where a partner may send more than one (FHIR JSON or XML). */
    public static final String CONTENT_FORMAT = "MashContentFormat";
    public static final String EVENT_KIND = "MashEventKind";
    public static final String HUB_CHILD_ID = "MashHubChildId";
    public static final String ACCEPTED_AT = "MashAcceptedAt";
    /** The event's number among its child's events, in the order the hub accepted them. */
    public static final String CHILD_SEQUENCE = "MashChildSequence";
    /** Read only from events parked on the broker's queue by hubs before the event ledger. */
    public static final String PARK_REASON = "MashParkReason";
    public static final String DELIVERY_ATTEMPTS = "MashDeliveryAttempts";
    /** The start of the case system's answer to a refused event, as those hubs kept it. */
    public static final String CASE_SYSTEM_ANSWER = "MashCaseSystemAnswer";

    /** Artemis keeps messages in one group in order, on one consumer at a time. */
    public static final String JMS_GROUP_ID = "JMSXGroupID";
    /** Artemis drops a second message with the same value on the same address. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";

    private HubHeaders() {
    }
}
