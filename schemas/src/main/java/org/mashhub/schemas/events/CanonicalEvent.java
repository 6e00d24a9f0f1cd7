package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import org.mashhub.schemas.JsonContract;

/** What the pipeline needs from every kind of event, whatever its content. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "eventType")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ReferralEvent.class, name = ReferralEvent.TYPE),
        @JsonSubTypes.Type(value = ChildRecordEvent.class, name = ChildRecordEvent.TYPE),
        @JsonSubTypes.Type(value = HubNoticeEvent.class, name = HubNoticeEvent.TYPE),
        @JsonSubTypes.Type(value = PartnerAnswerEvent.class, name = PartnerAnswerEvent.TYPE)
})
public sealed interface CanonicalEvent permits ReferralEvent, ChildRecordEvent, HubNoticeEvent, PartnerAnswerEvent {

    String eventType();

    int schemaVersion();

    String eventId();

    String correlationId();

    Instant occurredAt();

    Instant recordedAt();

    EventSource source();

    ChildSubject child();

    List<DataCategory> dataCategories();

    Sharing sharing();

    /** The same event about the given child (the identity stage fills in the hub child id). */
    CanonicalEvent withChild(ChildSubject child);

    /** The schema this event must satisfy before it is published. */
    JsonContract contract();

    /** A short label for logs and metrics: the event type, or the record or notice type. */
    String kind();
}
