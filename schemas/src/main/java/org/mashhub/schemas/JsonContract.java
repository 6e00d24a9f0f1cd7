package org.mashhub.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema (2020-12) shipped in this module, ready to validate documents.
 *
 * <p>Schemas name each other by their {@code $id} under {@value #ID_PREFIX}; those ids are resolved from
 * the classpath, never fetched over the network. Formats ({@code date}, {@code date-time}) are asserted,
 * not just annotated.
 */
public final class JsonContract {

    public static final String ID_PREFIX = "https://mash-hub.example/schemas/";

    // Declared before the contracts below: static fields initialise in order.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    public static final JsonContract REFERRAL_EVENT_V1 = load("events/referral-event.v1.schema.json");
    public static final JsonContract CHILD_RECORD_EVENT_V1 = load("events/child-record-event.v1.schema.json");
    public static final JsonContract HUB_NOTICE_EVENT_V1 = load("events/hub-notice-event.v1.schema.json");
    public static final JsonContract PARTNER_ANSWER_EVENT_V1 = load("events/partner-answer-event.v1.schema.json");
    public static final JsonContract PARTNER_NOTIFICATION_V1 = load("notifications/notification.v1.schema.json");
    public static final JsonContract HOUSING_NOTIFICATION_V1 = load("housing/housing-notification.v1.schema.json");

    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "dependentRequired");

    private final String name;
    private final JsonSchema schema;

    private JsonContract(String name, JsonSchema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** Loads a schema by its path under {@code schemas/} on the classpath, e.g. {@code events/referral-event.v1.schema.json}. */
    public static JsonContract load(String path) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + path), config);
        schema.initializeValidators();
        return new JsonContract(path, schema);
    }

    /** Every problem with the document, ordered by where it is; empty when valid. */
    public List<Problem> validate(JsonNode document) {
        return schema.validate(document).stream()
                .map(JsonContract::toProblem)
                .sorted(Comparator.comparing(Problem::pointer).thenComparing(Problem::detail))
                .distinct()
                .toList();
    }

    /** Validates JSON text; used by tests over the example files. */
    public List<Problem> validate(String json) throws java.io.IOException {
        return validate(CanonicalJson.mapper().readTree(json));
    }

    public String name() {
        return name;
    }

    private static Problem toProblem(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        // These name a property of the object they are reported on: point at the property itself.
        if (PROPERTY_KEYWORDS.contains(message.getType()) && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return Problem.at(pointer, message.getMessage().replaceFirst("^[^:]*: ", ""));
    }
}
