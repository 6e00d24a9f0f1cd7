package org.mashhub.hub.ingest.health;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;
import org.mashhub.adapters.health.HealthFhir;

/** {@code GET /fhir/metadata}: what the hub's FHIR interface takes, for health partners' developers. */
final class HealthCapabilities {

    private HealthCapabilities() {
    }

    /** Resources that travel only inside messages and exports, each with the hub's profile of it. */
    private static final String[][] PROFILED = {
            {"MessageHeader", HealthFhir.PROFILE_MESSAGE_HEADER}, {"Patient", HealthFhir.PROFILE_PATIENT},
            {"Communication", HealthFhir.PROFILE_COMMUNICATION}, {"Encounter", HealthFhir.PROFILE_EMERGENCY_ENCOUNTER},
            {"Consent", HealthFhir.PROFILE_CONSENT}};

    /** @param base the hub's FHIR base URL, as partners reach it */
    static CapabilityStatement statement(HealthConformance conformance, String base) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(Enumerations.PublicationStatus.ACTIVE);
        statement.setDate(new Date());
        statement.setKind(CapabilityStatementKind.INSTANCE);
        statement.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json").addFormat("application/fhir+xml");
        String version = HealthCapabilities.class.getPackage().getImplementationVersion();
        statement.getSoftware().setName("MASH Hub").setVersion(version == null ? "development" : version);
        statement.getImplementation().setDescription("MASH Hub: health partners' safeguarding information for the council's MASH")
                .setUrl(base);
        statement.addImplementationGuide(base + "/package.tgz");
        statement.setPublisher("MASH Hub");
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Authorization: Bearer <partner API key> on every request but this one.");
        rest.setDocumentation("""
                POST [base]/$process-message: a Bundle of type message. MessageHeader.eventCoding from %s:
                safeguarding-concern (focus Communication), emergency-attendance (focus Encounter, class EMER),
                consent-update (focus Consent), patient-update (focus Patient). Bundle.identifier is the message id;
                the same id again gets the same receipt.
                POST [base]: a Bundle of type transaction or collection (a record export). Patients under 18, and care
                leavers to 25, are kept: demographics, emergency encounters, conditions, safeguarding flags (%s).
                Everything else is left out and listed in the answer; adults are refused and nothing of them kept.
                Profiles: %s, %s, %s, %s, %s. Unknown extensions are allowed.
                Answers: $process-message 200 with a response message (MessageHeader.response naming the request's
                MessageHeader, code ok, and the receipt: an information OperationOutcome whose id is the receipt), or
                with async=true 202 and the OperationOutcome; a record export 202 and the OperationOutcome; 400/422 with an
                OperationOutcome listing every issue by FHIRPath; 503 with Retry-After when nothing could be stored."""
                .formatted(HealthFhir.MESSAGE_EVENT_SYSTEM, HealthFhir.SAFEGUARDING_FLAG_SYSTEM, HealthFhir.PROFILE_MESSAGE_HEADER,
                        HealthFhir.PROFILE_PATIENT, HealthFhir.PROFILE_COMMUNICATION, HealthFhir.PROFILE_EMERGENCY_ENCOUNTER,
                        HealthFhir.PROFILE_CONSENT));
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("A record export; collection bundles are taken at the same address.");
        rest.addOperation().setName("process-message")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message");
        for (String[] profiled : PROFILED) {
            rest.addResource().setType(profiled[0]).setProfile("http://hl7.org/fhir/StructureDefinition/" + profiled[0])
                    .setDocumentation("Taken inside messages and record exports only, validated against the hub's profile.")
                    .addSupportedProfile(profiled[1]);
        }
        for (String type : new String[] {"StructureDefinition", "CodeSystem", "ValueSet", "MessageDefinition"}) {
            CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type)
                    .setDocumentation("The hub's own, read-only and open to anyone; all of them also at " + base + "/package.tgz");
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            resource.addSearchParam().setName("url").setType(Enumerations.SearchParamType.URI);
        }
        CapabilityStatement.CapabilityStatementMessagingComponent messaging = statement.addMessaging();
        messaging.addEndpoint().setAddress(base + "/$process-message")
                .setProtocol(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/message-transport", "http", "HTTP"));
        messaging.setDocumentation("Synchronous by default (a response message, code ok); async=true for 202 and the receipt.");
        for (String definition : conformance.messageDefinitions()) {
            messaging.addSupportedMessage().setMode(CapabilityStatement.EventCapabilityMode.RECEIVER).setDefinition(definition);
        }
        return statement;
    }
}
