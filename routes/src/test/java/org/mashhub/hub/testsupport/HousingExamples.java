package org.mashhub.hub.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.mashhub.schemas.CanonicalJson;

/** The housing examples from {@code schemas/housing/examples}, and variations of them for tests. */
public final class HousingExamples {

    public static final Path DIRECTORY = Path.of("..", "schemas", "housing", "examples");

    private HousingExamples() {
    }

    /** An example as sent by the given partner, under a message id no other test uses. */
    public static ObjectNode fresh(String example, String partnerId) {
        ObjectNode json = read(example);
        json.put("messageId", "IT-" + UUID.randomUUID());
        ((ObjectNode) json.get("sender")).put("partnerId", partnerId);
        return json;
    }

    public static ObjectNode read(String example) {
        try {
            return (ObjectNode) CanonicalJson.mapper().readTree(DIRECTORY.resolve(example).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A household move of one child with the given names, so tests can send many messages about distinct children. */
    public static ObjectNode moveOf(String partnerId, String givenName, String familyName, String messageId) {
        ObjectNode json = read("household-move.json");
        json.put("messageId", messageId);
        ((ObjectNode) json.get("sender")).put("partnerId", partnerId);
        ObjectNode child = (ObjectNode) ((ArrayNode) json.get("household").get("members")).get(1);
        child.put("givenName", givenName).put("familyName", familyName).remove("nhsNumber");
        return json;
    }

    public static byte[] bytes(ObjectNode json) {
        try {
            return CanonicalJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
