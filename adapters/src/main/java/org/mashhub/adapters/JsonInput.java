package org.mashhub.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mashhub.schemas.CanonicalJson;

/** Reads partner JSON strictly: UTF-8 only, one document, no duplicate keys, bounded depth. */
public final class JsonInput {

    private JsonInput() {
    }

    public static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidMessageException.malformed("The body is empty.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InvalidMessageException.malformed("The body is not valid UTF-8.");
        }
        try {
            JsonNode node = CanonicalJson.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw InvalidMessageException.malformed("The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            // The parser's own message names the problem and its line and column; it never echoes
            // more than a token of the input.
            throw InvalidMessageException.malformed("The body is not well-formed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw InvalidMessageException.malformed("The body could not be read as JSON.");
        }
    }
}
