package org.mashhub.hub.ingest.health;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.ingest.PartnerAnswers;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.Partner;
import org.mashhub.schemas.Problem;
import org.springframework.stereotype.Component;

/**
 * A health partner answering the MASH's request for information as FHIR messaging does: a {@code message} Bundle of
 * event {@code information-request} whose {@code MessageHeader.response.identifier} is the request's id (or the id of the
 * request's message), with a {@code Communication} as its focus. The Communication's category
 * ({@value #ANSWER_SYSTEM}) says {@code nothing-known} or {@code information-held}; its first payload string is the
 * summary and a second, if any, the detail. Any other message with a {@code response} is refused: the hub asks nothing
 * else of partners.
 */
@Component
class HealthAnswers {

    static final String ANSWER_SYSTEM = HealthFhir.BASE + "/CodeSystem/enquiry-answer";

    private final HealthFhir fhir;
    private final PartnerAnswers answers;

    private final PartnerNotifications notifications;

    HealthAnswers(HealthFhir fhir, PartnerAnswers answers, PartnerNotifications notifications) {
        this.fhir = fhir;
        this.answers = answers;
        this.notifications = notifications;
    }

    /**
     * The message, if it answers a message of the hub's ({@code MessageHeader.response} present). For JSON the caller's
     * plain read of the first entry decides, so a partner's ordinary message is not parsed twice.
     *
     * @param firstEntry the Bundle's first entry as plain JSON (for a JSON message)
     */
    Optional<Bundle> answerIn(byte[] body, FhirFormat format, JsonNode firstEntry) {
        if (format == FhirFormat.JSON ? !firstEntry.path("resource").has("response")
                : !new String(body, StandardCharsets.UTF_8).contains("response")) {
            return Optional.empty();
        }
        Bundle bundle;
        try {
            bundle = format == FhirFormat.JSON
                    ? fhir.context().newJsonParser().parseResource(Bundle.class, new String(body, StandardCharsets.UTF_8))
                    : fhir.context().newXmlParser().parseResource(Bundle.class, new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw InvalidMessageException.malformed("The Bundle could not be read: " + e.getMessage());
        }
        return bundle.getEntryFirstRep().getResource() instanceof MessageHeader header && header.hasResponse()
                ? Optional.of(bundle) : Optional.empty();
    }

    /** Takes the answer; the response message names the answer's MessageHeader and says whether it came in time. */
    Bundle take(Partner partner, Bundle message, String endpoint) {
        MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
        List<Problem> problems = new ArrayList<>();
        if (message.getType() != Bundle.BundleType.MESSAGE) {
            problems.add(Problem.at("Bundle.type", "is " + message.getType() + "; an answer is a message"));
        }
        if (!header.hasEventCoding() || !HealthFhir.INFORMATION_REQUEST_EVENT.equals(header.getEventCoding().getCode())
                || !HealthFhir.MESSAGE_EVENT_SYSTEM.equals(header.getEventCoding().getSystem())) {
            problems.add(Problem.at("MessageHeader.eventCoding", "answers the hub's information-request: system "
                    + HealthFhir.MESSAGE_EVENT_SYSTEM + ", code " + HealthFhir.INFORMATION_REQUEST_EVENT));
        }
        String answering = header.getResponse().getIdentifier();
        if (answering == null || answering.isBlank()) {
            problems.add(Problem.at("MessageHeader.response.identifier", "names the request answered (its requestId)"));
        }
        Communication communication = focus(message, header);
        if (communication == null) {
            problems.add(Problem.at("MessageHeader.focus", "a Communication in the Bundle, with the answer"));
        }
        Boolean nothingKnown = null;
        String summary = null;
        String detail = null;
        if (communication != null) {
            String said = communication.getCategory().stream().flatMap(c -> c.getCoding().stream())
                    .filter(c -> ANSWER_SYSTEM.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse(null);
            if ("nothing-known".equals(said) || "information-held".equals(said)) {
                nothingKnown = said.equals("nothing-known");
            } else {
                problems.add(Problem.at("Communication.category", "a coding of " + ANSWER_SYSTEM + ": nothing-known or information-held"));
            }
            List<String> texts = communication.getPayload().stream().filter(p -> p.hasContentStringType())
                    .map(p -> p.getContentStringType().getValue()).toList();
            summary = texts.isEmpty() ? null : texts.get(0);
            detail = texts.size() < 2 ? null : texts.get(1);
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        PartnerAnswers.Taken taken;
        try {
            // FHIR messaging names the message answered: the request that message carried (else the request itself).
            String requestId = notifications.find(partner.id(), answering).map(PartnerNotifications.Notification::aboutRequestId)
                    .orElse(answering);
            taken = answers.answer(partner, requestId, new PartnerAnswers.Said(nothingKnown, summary, detail));
        } catch (RequestRefusals.Problems e) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, e.problems().stream()
                    .map(p -> Problem.at(fhirPath(p.get("pointer")), p.get("detail"))).toList());
        }
        return response(header, taken, endpoint);
    }

    private static Communication focus(Bundle message, MessageHeader header) {
        String reference = header.getFocusFirstRep().getReference();
        for (Bundle.BundleEntryComponent entry : message.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Communication c && (reference == null || reference.equals(entry.getFullUrl())
                    || reference.equals("Communication/" + c.getIdElement().getIdPart()))) {
                return c;
            }
        }
        return null;
    }

    private static String fhirPath(String pointer) {
        return Map.of("/nothingKnown", "Communication.category", "/summary", "Communication.payload[0].contentString",
                "/detail", "Communication.payload[1].contentString").getOrDefault(pointer, "Communication");
    }

    /** The response message: code ok, the answer's MessageHeader in response.identifier, an OperationOutcome saying when. */
    private static Bundle response(MessageHeader answer, PartnerAnswers.Taken taken, String endpoint) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(UUID.randomUUID().toString());
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDetails(new CodeableConcept().setText("Answer to request " + taken.requestId() + " taken at " + taken.answeredAt()
                        + (taken.late() ? ", after its due time" : ", in time")));
        MessageHeader header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(answer.getEventCoding().copy());
        header.getSource().setName("MASH Hub").setEndpoint(endpoint);
        if (answer.getSource().hasEndpoint()) {
            header.addDestination().setEndpoint(answer.getSource().getEndpoint());
        }
        // (HAPI's parser gives a resource without an id its entry's fullUrl: the id is what follows urn:uuid:)
        header.getResponse().setIdentifier(answer.getIdElement().getIdPart().replaceFirst("^urn:uuid:", "")).setCode(MessageHeader.ResponseType.OK);
        header.addFocus().setReference("urn:uuid:" + outcome.getIdPart());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(java.util.Date.from(taken.answeredAt()));
        bundle.setId(UUID.randomUUID().toString());
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getIdPart()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + outcome.getIdPart()).setResource(outcome);
        return bundle;
    }
}
