package org.mashhub.adapters.health;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.schemas.Problem;

/**
 * Reads a partner's FHIR Bundle strictly: UTF-8 only; XML with a DTD or entity declaration is refused
 * before any parser sees it (HAPI's XML parser does not resolve them either); every element the parser
 * does not know or cannot read is reported, not silently dropped.
 */
final class FhirInput {

    private FhirInput() {
    }

    static Bundle readBundle(HealthFhir fhir, byte[] body, FhirFormat format) {
        String text = utf8(body);
        if (format == FhirFormat.XML) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("<!doctype") || lower.contains("<!entity")) {
                throw InvalidMessageException.malformed("XML with a document type or entity declarations is refused.");
            }
        }
        if (format == FhirFormat.JSON) {
            requireUnambiguousJson(text);
        }
        Collector collector = new Collector();
        IParser parser = format == FhirFormat.JSON ? fhir.context().newJsonParser() : fhir.context().newXmlParser();
        parser.setParserErrorHandler(collector);
        IBaseResource resource;
        try {
            resource = parser.parseResource(text);
        } catch (DataFormatException e) {
            throw InvalidMessageException.malformed("The body is not a well-formed FHIR " + format.name() + " resource: "
                    + firstLine(e.getMessage()));
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID,
                    List.of(Problem.at(resource.fhirType(), "expected a Bundle, not a " + resource.fhirType())));
        }
        if (!collector.found.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, collector.located(FhirPaths.of(text, format)));
        }
        return bundle;
    }

    /**
     * HAPI's JSON parser takes a duplicated key without a word (and two readers could read two documents); the hub's
     * strict reader refuses duplicate keys and nesting deeper than any FHIR message needs, before HAPI sees the text.
     */
    private static void requireUnambiguousJson(String text) {
        try (com.fasterxml.jackson.core.JsonParser json = org.mashhub.schemas.CanonicalJson.mapper().createParser(text)) {
            while (json.nextToken() != null) {
                // reading every token is the check
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InvalidMessageException.malformed("The body is not acceptable JSON: " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw InvalidMessageException.malformed("The body could not be read as JSON.");
        }
    }

    private static String utf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidMessageException.malformed("The body is empty.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidMessageException.malformed("The body is not valid UTF-8.");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        // HAPI prefixes a code such as "HAPI-1861: "; the rest says what and where.
        return line.replaceFirst("^HAPI-\\d+: ", "");
    }

    /**
     * Collects what the parser would otherwise only log, and then locates each in the text as a FHIRPath rooted at
     * the resource. Values are never quoted back.
     */
    private static final class Collector implements IParserErrorHandler {

        /** What the parser said: the element it names (with its value, to tell occurrences apart), and what is wrong. */
        private record Found(String element, String value, String child, String fallback, String detail) {
        }

        private final List<Found> found = new ArrayList<>();

        /** @param child a missing element's name, added to its parent's path; null otherwise */
        private void add(IParseLocation location, String element, String value, String child, String detail) {
            String parent = location == null || location.getParentElementName() == null ? "" : location.getParentElementName();
            String name = child != null ? child : element;
            found.add(new Found(element, value, child, parent.isEmpty() || parent.equals(name) ? name : parent + "." + name, detail));
        }

        private void add(IParseLocation location, String name, String detail) {
            add(location, name, null, null, detail);
        }

        List<Problem> located(FhirPaths paths) {
            return found.stream().map(f -> Problem.at(paths.find(f.element(), f.value())
                    .map(path -> f.child() == null ? path : path + "." + f.child()).orElse(f.fallback()), f.detail())).toList();
        }

        @Override
        public void containedResourceWithNoId(IParseLocation location) {
            add(location, "contained", "a contained resource has no id");
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName, BaseJsonLikeValue.ValueType expected,
                                      BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                      BaseJsonLikeValue.ScalarType foundScalar) {
            add(location, elementName, "has the wrong JSON type: expected " + expected + ", found " + found);
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            String element = location == null || location.getParentElementName() == null ? "value" : location.getParentElementName();
            add(location, element, value, null, "is not a valid value: " + (error == null ? "" : firstLine(error)));
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String elementName) {
            String parent = location == null || location.getParentElementName() == null ? "" : location.getParentElementName();
            add(location, parent, null, elementName, "is required");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            add(location, elementName, "may appear only once");
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
            add(location, attributeName, "is not a FHIR R4 attribute here");
        }

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
            add(location, elementName, "is not a FHIR R4 element here");
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
            // references are resolved, and reported, by the adapters
        }

        @Override
        public void invalidInternalReference(IParseLocation location, String reference) {
            add(location, "reference", reference, null, "points at no contained resource");
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
            add(location, "extension", "has both a value and nested extensions");
        }
    }
}
