package org.mashhub.hub.ingest.health;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mashhub.adapters.ProcessingNote;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.ledger.Receipt;
import org.mashhub.schemas.Problem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The FHIR answers: OperationOutcomes for receipts and refusals, in the partner's format. */
public final class FhirOutcomes {

    /** The receipt (hub message id) is the OperationOutcome's id and the code of its first issue. */
    public static final String RECEIPT_SYSTEM = HealthFhir.BASE + "/receipt";
    /** Each event the message became, by id, with its kind as the display. */
    public static final String EVENT_SYSTEM = HealthFhir.BASE + "/event-id";

    private FhirOutcomes() {
    }

    public static OperationOutcome accepted(Receipt receipt) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(receipt.receipt());
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDetails(new CodeableConcept(new Coding(RECEIPT_SYSTEM, receipt.receipt(), "receipt"))
                        .setText("Accepted: receipt " + receipt.receipt() + ", " + receipt.events().size() + " event(s)"));
        for (Receipt.EventRef event : receipt.events()) {
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept(new Coding(EVENT_SYSTEM, event.eventId(), event.kind())));
        }
        for (ProcessingNote note : receipt.notes()) {
            outcome.addIssue()
                    .setSeverity(note.severity() == ProcessingNote.Severity.WARNING ? IssueSeverity.WARNING : IssueSeverity.INFORMATION)
                    .setCode(note.severity() == ProcessingNote.Severity.WARNING ? IssueType.BUSINESSRULE : IssueType.INFORMATIONAL)
                    .setDiagnostics(note.text())
                    .addExpression(note.location());
        }
        return outcome;
    }

    /**
     * The response message of {@code $process-message} in synchronous mode: a {@code message} Bundle whose MessageHeader
     * answers the request's (its id in {@code response.identifier}, {@code code} ok), with the receipt's OperationOutcome
     * as its focus. The Bundle's id is the receipt too.
     *
     * @param request  the partner's MessageHeader, as it sent it
     * @param endpoint the hub's FHIR base, the answer's source
     */
    public static Bundle responseMessage(Receipt receipt, MessageHeader request, String endpoint) {
        OperationOutcome outcome = accepted(receipt);
        MessageHeader header = new MessageHeader();
        header.setId(java.util.UUID.randomUUID().toString());
        header.setEvent(request.getEvent().copy());
        header.getSource().setName("MASH Hub").setEndpoint(endpoint);
        if (request.getSource().hasEndpoint()) {
            header.addDestination().setEndpoint(request.getSource().getEndpoint());
        }
        // (HAPI's parser gives a resource without an id its entry's fullUrl: the id is what follows urn:uuid:)
        header.getResponse().setIdentifier(request.getIdElement().getIdPart().replaceFirst("^urn:uuid:", ""))
                .setCode(MessageHeader.ResponseType.OK);
        header.addFocus().setReference("urn:uuid:" + receipt.receipt());
        Bundle answer = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(java.util.Date.from(receipt.acceptedAt()));
        answer.setId(receipt.receipt());
        answer.setIdentifier(new Identifier().setSystem(RECEIPT_SYSTEM).setValue(receipt.receipt()));
        answer.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        answer.addEntry().setFullUrl("urn:uuid:" + receipt.receipt()).setResource(outcome);
        return answer;
    }

    /** Issues listed at most; the rest are counted in one more issue. */
    static final int MAX_ISSUES = 100;
    /** Characters of an issue's diagnostics or expression at most: a validator's message can quote a whole element. */
    static final int MAX_TEXT = 500;

    /**
     * Every problem, up to {@value #MAX_ISSUES} of them and each cut to {@value #MAX_TEXT} characters: an answer is
     * bounded however large and broken the message was (a megabyte in once made 34 MB out).
     */
    public static OperationOutcome refused(IssueType type, List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems.subList(0, Math.min(problems.size(), MAX_ISSUES))) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(cut(problem.detail()));
            if (problem.pointer() != null && !problem.pointer().isEmpty()) {
                issue.addExpression(cut(problem.pointer()));
            }
        }
        if (problems.size() > MAX_ISSUES) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics((problems.size() - MAX_ISSUES)
                    + " more problems not listed: correct those above and send the message again to see them.");
        }
        return outcome;
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    public static OperationOutcome refused(IssueType type, String detail) {
        return refused(type, List.of(Problem.at("", detail)));
    }

    public static ResponseEntity<byte[]> respond(HttpStatusCode status, IBaseResource resource, FhirFormat format, HealthFhir fhir) {
        String body = format == FhirFormat.XML
                ? fhir.context().newXmlParser().encodeResourceToString(resource)
                : fhir.context().newJsonParser().encodeResourceToString(resource);
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"))
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
