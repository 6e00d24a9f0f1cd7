package org.mashhub.hub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.PublicUrl;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.stereotype.Component;

/**
 * A notification as a FHIR R4 message, for a health partner's {@code $process-message}: a {@code Bundle} of type
 * {@code message} whose {@code MessageHeader} names the hub's message event ({@code referral-outcome}, or
 * {@code information-request} for a partner check) and points at a {@code Communication} about the child (a {@code Patient}
 * as the partner described the child). The Communication says the outcome, or the MASH's question and by when, in words,
 * and carries the notification's envelope as a JSON attachment, so nothing of it is lost in translation. The Bundle's id and identifier are the notification's id: a repeat is recognisable.
 */
@Component
class FhirNotificationMessages {

    static final String REFERRAL_OUTCOME = "referral-outcome";

    private final HealthFhir fhir;
    private final PublicUrl publicUrl;

    FhirNotificationMessages(HealthFhir fhir, PublicUrl publicUrl) {
        this.fhir = fhir;
        this.publicUrl = publicUrl;
    }

    /** Whether the channel can carry this kind of notification. */
    static boolean carries(PartnerNotifications.Type type) {
        return type == PartnerNotifications.Type.REFERRAL_OUTCOME || type == PartnerNotifications.Type.INFORMATION_REQUEST
                || type == PartnerNotifications.Type.INFORMATION_REQUEST_REMINDER;
    }

    byte[] messageOf(PartnerNotifications.Notification n, java.net.URI destination) {
        JsonNode envelope = n.envelope();
        Patient patient = new Patient();
        patient.setId(UUID.randomUUID().toString());
        JsonNode name = envelope.at("/child/name");
        if (!name.isMissingNode()) {
            patient.addName().setFamily(name.path("family").asText(null)).addGiven(name.path("given").asText(null));
        }
        if (envelope.at("/child/birthDate").isTextual()) {
            patient.setBirthDate(java.sql.Date.valueOf(LocalDate.parse(envelope.at("/child/birthDate").asText())));
        }
        envelope.at("/child/identifiers").forEach(id -> patient.addIdentifier().setSystem(id.path("system").asText())
                .setValue(id.path("value").asText()));

        Communication communication = new Communication();
        communication.setId(UUID.randomUUID().toString());
        communication.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + n.id());
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.setSubject(new Reference("urn:uuid:" + patient.getIdPart()));
        communication.setSent(Date.from(n.createdAt()));
        boolean reminder = n.type() == PartnerNotifications.Type.INFORMATION_REQUEST_REMINDER;
        boolean request = reminder || n.type() == PartnerNotifications.Type.INFORMATION_REQUEST;
        String contact = envelope.at("/body/contact").isTextual() ? ". Contact: " + envelope.at("/body/contact").asText() : "";
        if (request) {
            communication.addPayload().setContent(new org.hl7.fhir.r4.model.StringType((reminder ? "Reminder: the MASH asked (" : "The MASH asks (") + envelope.at("/body/rag").asText()
                    + ", answer by " + envelope.get("dueBy").asText() + ", request " + envelope.at("/about/requestId").asText() + "): "
                    + envelope.at("/body/question").asText() + contact));
        } else {
            String reference = envelope.at("/about/partnerMessageId").asText("");
            communication.addPayload().setContent(new org.hl7.fhir.r4.model.StringType("Outcome of your referral"
                    + (reference.isEmpty() ? "" : " " + reference) + ": " + envelope.at("/body/outcomeText").asText() + contact));
        }
        try {
            communication.addPayload().setContent(new Attachment().setContentType("application/json")
                    .setData(CanonicalJson.mapper().writeValueAsBytes(envelope)).setTitle("MASH Hub notification " + n.id()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }

        MessageHeader header = new MessageHeader();
        // The notification's id: what a partner's answer names in its MessageHeader.response.identifier.
        header.setId(n.id());
        header.setEvent(request
                ? new org.hl7.fhir.r4.model.Coding(HealthFhir.MESSAGE_EVENT_SYSTEM, HealthFhir.INFORMATION_REQUEST_EVENT,
                        "The MASH asks the partner what it holds about a child, by a due time")
                : new org.hl7.fhir.r4.model.Coding(HealthFhir.MESSAGE_EVENT_SYSTEM, REFERRAL_OUTCOME,
                        "The hub tells a referrer what the MASH decided after its referral"));
        header.getSource().setName("MASH Hub").setEndpoint(publicUrl.configured().orElse("urn:mash-hub") + "/fhir");
        header.addDestination().setEndpoint(destination.toString());
        header.addFocus(new Reference("urn:uuid:" + communication.getIdPart()));

        Bundle bundle = new Bundle();
        bundle.setId(n.id());
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + n.id());
        bundle.setTimestamp(Date.from(n.createdAt()));
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getIdPart()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + communication.getIdPart()).setResource(communication);
        bundle.addEntry().setFullUrl("urn:uuid:" + patient.getIdPart()).setResource(patient);
        return fhir.context().newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }
}
