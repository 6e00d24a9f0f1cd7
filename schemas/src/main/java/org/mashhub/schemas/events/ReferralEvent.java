package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.mashhub.schemas.JsonContract;

/** Someone is worried about a child. Mirrors {@code schemas/events/referral-event.v1.schema.json}. */
@JsonIgnoreProperties(value = {"eventType", "schemaVersion"}, allowGetters = true)
@JsonPropertyOrder({"eventType", "schemaVersion", "eventId"})
public record ReferralEvent(
        String eventId,
        String correlationId,
        Instant occurredAt,
        Instant recordedAt,
        EventSource source,
        ChildSubject child,
        Concern concern,
        List<PersonInvolved> peopleInvolved,
        Contact referrer,
        List<DataCategory> dataCategories,
        Sharing sharing,
        List<Redaction> redactions) implements CanonicalEvent {

    public static final String TYPE = "ReferralEvent";

    public ReferralEvent {
        peopleInvolved = peopleInvolved == null ? List.of() : List.copyOf(peopleInvolved);
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
    }

    @Override
    @JsonProperty("eventType")
    public String eventType() {
        return TYPE;
    }

    @Override
    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return 1;
    }

    @Override
    public ReferralEvent withChild(ChildSubject newChild) {
        return new ReferralEvent(eventId, correlationId, occurredAt, recordedAt, source, newChild, concern,
                peopleInvolved, referrer, dataCategories, sharing, redactions);
    }

    @Override
    @JsonIgnore
    public JsonContract contract() {
        return JsonContract.REFERRAL_EVENT_V1;
    }

    @Override
    @JsonIgnore
    public String kind() {
        return TYPE;
    }
}
