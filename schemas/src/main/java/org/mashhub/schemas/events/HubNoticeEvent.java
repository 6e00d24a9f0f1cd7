package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.JsonContract;

/**
 * The hub tells the case system of a change to its own records about a child. Sent by the hub itself, with the hub
 * child id only; {@code data} has the shape the schema defines for its {@link NoticeType} (the notice {@code *Data}
 * records in this package). Mirrors {@code schemas/events/hub-notice-event.v1.schema.json}.
 */
@JsonIgnoreProperties(value = {"eventType", "schemaVersion"}, allowGetters = true)
@JsonPropertyOrder({"eventType", "schemaVersion", "eventId"})
public record HubNoticeEvent(
        String eventId,
        String correlationId,
        Instant occurredAt,
        Instant recordedAt,
        EventSource source,
        ChildSubject child,
        NoticeType noticeType,
        ObjectNode data,
        List<DataCategory> dataCategories,
        Sharing sharing) implements CanonicalEvent {

    public static final String TYPE = "HubNoticeEvent";

    public HubNoticeEvent {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    }

    /** A notice about the child, with one of the notice {@code *Data} records as its data. */
    public static HubNoticeEvent of(String eventId, String correlationId, Instant at, EventSource source, String hubChildId,
                                    NoticeType type, Object typedData) {
        return new HubNoticeEvent(eventId, correlationId, at, at, source, new ChildSubject(hubChildId, List.of(), null, null, null,
                null, null), type, CanonicalJson.mapper().valueToTree(typedData), List.of(DataCategory.SOCIAL_CARE_DECISION),
                Sharing.publicTask(ConsentState.NOT_SOUGHT));
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
    public HubNoticeEvent withChild(ChildSubject newChild) {
        return new HubNoticeEvent(eventId, correlationId, occurredAt, recordedAt, source, newChild, noticeType, data,
                dataCategories, sharing);
    }

    @Override
    @JsonIgnore
    public JsonContract contract() {
        return JsonContract.HUB_NOTICE_EVENT_V1;
    }

    @Override
    @JsonIgnore
    public String kind() {
        return noticeType.name();
    }
}
