package org.mashhub.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mashhub.adapters.NhsNumber;

/**
 * The partners' messages of the load and crash programs, made from the repository's examples with a made-up child's
 * details put in (a {@code null} keeps the example's), and the event ids read back from the hub's receipts.
 */
public final class PartnerMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOAP_EVENT = Pattern.compile("<EventId>([^<]+)</EventId>");

    private final String housing = resource("schemas/housing/examples/household-move.json");
    private final String fhir = resource("schemas/health/examples/message-safeguarding-concern.json");
    private final String notice = resource("schemas/police/examples/missing-child.xml").replaceFirst("<\\?xml[^>]*\\?>\\s*", "");

    /** A household move: the family's name on every member, the child (the second member) with the given details. */
    public String housing(String messageId, String caseReference, String family, String given, String birthDate, String postcode) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(housing);
            message.put("messageId", messageId);
            message.put("caseReference", caseReference);
            for (JsonNode member : message.at("/household/members")) {
                ((ObjectNode) member).put("familyName", family).remove("nhsNumber");
            }
            ObjectNode child = (ObjectNode) ((ArrayNode) message.at("/household/members")).get(1);
            child.put("birthDate", birthDate);
            if (given != null) {
                child.put("givenName", given);
            }
            if (postcode != null) {
                message.at("/addresses").forEach(address -> ((ObjectNode) address).put("postcode", postcode));
            }
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A safeguarding-concern message about a patient with the given NHS Number (its partner-local id follows it). */
    public String fhir(String messageId, String nhsNumber, String family, String given, String birthDate, String postcode) {
        try {
            ObjectNode bundle = (ObjectNode) JSON.readTree(fhir);
            ((ObjectNode) bundle.get("identifier")).put("value", messageId);
            for (JsonNode entry : bundle.get("entry")) {
                if ("Patient".equals(entry.at("/resource/resourceType").asText())) {
                    ObjectNode patient = (ObjectNode) entry.get("resource");
                    patient.put("id", "p" + nhsNumber);
                    ((ObjectNode) patient.get("identifier").get(0)).put("value", nhsNumber);
                    ObjectNode name = (ObjectNode) patient.get("name").get(0);
                    name.put("family", family);
                    if (given != null) {
                        name.putArray("given").add(given);
                    }
                    patient.put("birthDate", birthDate);
                    if (postcode != null) {
                        patient.path("address").forEach(address -> ((ObjectNode) address).put("postalCode", postcode));
                    }
                }
            }
            return JSON.writeValueAsString(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A missing-child notice in its SOAP envelope; the child's given name replaces the example's ("Kai"). */
    public String soap(String noticeId, String personId, String family, String given, String postcode) {
        String body = notice.replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>" + noticeId + "</NoticeId>")
                .replaceFirst("<PersonId>[^<]+</PersonId>", "<PersonId>" + personId + "</PersonId>")
                .replaceAll("<FamilyName>[^<]+</FamilyName>", "<FamilyName>" + family + "</FamilyName>");
        if (given != null) {
            body = body.replace("<GivenName>Kai</GivenName>", "<GivenName>" + given + "</GivenName>");
        }
        if (postcode != null) {
            body = body.replaceAll("<Postcode>[^<]+</Postcode>", "<Postcode>" + postcode + "</Postcode>");
        }
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    /** The event ids of a receipt: a SOAP answer's EventIds, the housing receipt's events, a FHIR OperationOutcome's event-id codings. */
    public static List<String> eventIds(String receipt) throws IOException {
        List<String> ids = new ArrayList<>();
        if (receipt.startsWith("<")) {
            Matcher m = SOAP_EVENT.matcher(receipt);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }
        JsonNode json = JSON.readTree(receipt);
        if ("Bundle".equals(json.path("resourceType").asText())) { // a FHIR response message: its OperationOutcome
            json = json.at("/entry/1/resource");
        }
        if (json.has("events")) {
            json.get("events").forEach(e -> ids.add(e.get("eventId").asText()));
        } else {
            for (JsonNode issue : json.path("issue")) {
                for (JsonNode coding : issue.path("details").path("coding")) {
                    if (coding.path("system").asText().endsWith("/event-id")) {
                        ids.add(coding.get("code").asText());
                    }
                }
            }
        }
        return ids;
    }

    /** A made-up NHS Number from the 999 range, which is never issued. */
    public static String nhsNumber(Random random) {
        while (true) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", random.nextInt(1_000_000)));
            if (number.isPresent()) {
                return number.get();
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = PartnerMessages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
