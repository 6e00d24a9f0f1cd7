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

    /**
     * A child's birth date no other caller of this run gets: tests that send the example's household under a family name
     * of their own would otherwise now and then draw the same day, and the same given name, birth date and postcode under
     * another family name is taken for the same child (a surname changed). 41 days apart from a random start (680 of
     * them), from 2016 to just before the example's own Ruby (and three years on, before its Finn), whom other tests send.
     */
    public static java.time.LocalDate distinctBirthDate() {
        return java.time.LocalDate.of(2016, 1, 1).plusDays(NEXT_BIRTH_DAY.getAndAdd(41) % 680);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_BIRTH_DAY =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(680));

    public static byte[] bytes(ObjectNode json) {
        try {
            return CanonicalJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
