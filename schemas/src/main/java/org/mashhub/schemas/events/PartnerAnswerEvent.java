package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.mashhub.schemas.JsonContract;

/**
 * A partner's answer to the MASH's request for information about a child. Sent by the partner, with the hub child id of
 * the request's child only. Mirrors {@code schemas/events/partner-answer-event.v1.schema.json}.
 */
@JsonIgnoreProperties(value = {"eventType", "schemaVersion"}, allowGetters = true)
@JsonPropertyOrder({"eventType", "schemaVersion", "eventId"})
public record PartnerAnswerEvent(
        String eventId,
        String correlationId,
        Instant occurredAt,
        Instant recordedAt,
        EventSource source,
        ChildSubject child,
        Enquiry enquiry,
        Answer answer,
        List<DataCategory> dataCategories,
        Sharing sharing) implements CanonicalEvent {

    public static final String TYPE = "PartnerAnswerEvent";

    /** What the MASH asked, when, and by when. */
    public record Enquiry(String enquiryId, String requestId, String rag, String question, String raisedBy, Instant raisedAt, Instant dueAt) {
    }

    /** What the partner said. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(boolean nothingKnown, String summary, String detail, boolean late) {
    }

    public PartnerAnswerEvent {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
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
    public PartnerAnswerEvent withChild(ChildSubject newChild) {
        return new PartnerAnswerEvent(eventId, correlationId, occurredAt, recordedAt, source, newChild, enquiry, answer, dataCategories, sharing);
    }

    @Override
    @JsonIgnore
    public JsonContract contract() {
        return JsonContract.PARTNER_ANSWER_EVENT_V1;
    }

    @Override
    @JsonIgnore
    public String kind() {
        return "PARTNER_ANSWER";
    }
}
