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
 * Something known about a child changed. {@code data} has the shape the schema defines for its
 * {@link RecordType} (see the {@code *Data} records in this package).
 * Mirrors {@code schemas/events/child-record-event.v1.schema.json}.
 */
@JsonIgnoreProperties(value = {"eventType", "schemaVersion"}, allowGetters = true)
@JsonPropertyOrder({"eventType", "schemaVersion", "eventId"})
public record ChildRecordEvent(
        String eventId,
        String correlationId,
        Instant occurredAt,
        Instant recordedAt,
        EventSource source,
        ChildSubject child,
        RecordType recordType,
        ObjectNode data,
        List<DataCategory> dataCategories,
        Sharing sharing,
        List<Redaction> redactions) implements CanonicalEvent {

    public static final String TYPE = "ChildRecordEvent";

    public ChildRecordEvent {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
    }

    /** Turns one of the typed {@code *Data} records into the event's data object. */
    public static ObjectNode dataOf(Object typedData) {
        return CanonicalJson.mapper().valueToTree(typedData);
    }

    /** Reads the data back as one of the typed {@code *Data} records. */
    public <T> T dataAs(Class<T> type) {
        return CanonicalJson.mapper().convertValue(data, type);
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
    public ChildRecordEvent withChild(ChildSubject newChild) {
        return new ChildRecordEvent(eventId, correlationId, occurredAt, recordedAt, source, newChild, recordType,
                data, dataCategories, sharing, redactions);
    }

    @Override
    @JsonIgnore
    public JsonContract contract() {
        return JsonContract.CHILD_RECORD_EVENT_V1;
    }

    @Override
    @JsonIgnore
    public String kind() {
        return recordType.name();
    }
}
