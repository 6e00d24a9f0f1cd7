package org.mashhub.hub.ingest.health;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.RejectionAudit;
import org.mashhub.hub.edge.RequestRejectedException;
import org.mashhub.hub.ingest.StorageFailures;
import org.mashhub.hub.ledger.MessageIdReusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals on the FHIR edge, as OperationOutcomes in the partner's format, every issue located by FHIRPath. */
@RestControllerAdvice(assignableTypes = HealthFhirController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HealthFhirExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HealthFhirExceptionHandler.class);

    private final HealthFhir fhir;
    private final IngestProperties properties;
    private final RejectionAudit rejectionAudit;

    HealthFhirExceptionHandler(HealthFhir fhir, IngestProperties properties, RejectionAudit rejectionAudit) {
        this.fhir = fhir;
        this.properties = properties;
        this.rejectionAudit = rejectionAudit;
    }

    @ExceptionHandler(InvalidMessageException.class)
    ResponseEntity<byte[]> invalid(InvalidMessageException e, HttpServletRequest request) {
        if (e instanceof NotAChildException) {
            return answer(HttpStatus.UNPROCESSABLE_ENTITY, FhirOutcomes.refused(IssueType.BUSINESSRULE, e.problems()), request);
        }
        boolean malformed = e.kind() == InvalidMessageException.Kind.MALFORMED;
        return answer(malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
                FhirOutcomes.refused(malformed ? IssueType.STRUCTURE : IssueType.INVALID, e.problems()), request);
    }

    @ExceptionHandler(RequestRefusals.NotFound.class)
    ResponseEntity<byte[]> noSuchRequest(RequestRefusals.NotFound e, HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, FhirOutcomes.refused(IssueType.NOTFOUND, e.getMessage()), request);
    }

    @ExceptionHandler(RequestRefusals.Conflict.class)
    ResponseEntity<byte[]> answeredAlready(RequestRefusals.Conflict e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, FhirOutcomes.refused(IssueType.CONFLICT, e.getMessage()), request);
    }

    @ExceptionHandler(MessageIdReusedException.class)
    ResponseEntity<byte[]> reused(MessageIdReusedException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, FhirOutcomes.refused(IssueType.DUPLICATE, "Message id '" + e.partnerMessageId()
                + "' was accepted before with different content. Send a new id for a new message."), request);
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<byte[]> rejectedAtEdge(RequestRejectedException e, HttpServletRequest request) {
        rejectionAudit.rejected(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                CorrelationIdFilter.of(request), e.status().value(), e.status().name().toLowerCase());
        IssueType type = e.status() == HttpStatus.PAYLOAD_TOO_LARGE ? IssueType.TOOCOSTLY
                : e.status() == HttpStatus.NOT_FOUND ? IssueType.NOTFOUND : IssueType.NOTSUPPORTED;
        return answer(e.status(), FhirOutcomes.refused(type, e.getMessage()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        if (StorageFailures.isStorageFailure(e)) {
            log.warn("Not accepted, storage unavailable: {}", e.getClass().getSimpleName());
            OperationOutcome outcome = FhirOutcomes.refused(IssueType.TRANSIENT, "Nothing was accepted: the hub cannot store "
                    + "messages right now. Send the same message again after " + properties.retryAfterSeconds() + " seconds.");
            ResponseEntity<byte[]> response = answer(HttpStatus.SERVICE_UNAVAILABLE, outcome, request);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds())).body(response.getBody());
        }
        log.error("Not accepted, unexpected failure: {} at {}", e.getClass().getName(),
                e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, FhirOutcomes.refused(IssueType.EXCEPTION,
                "Nothing was accepted: the hub failed. The failure is logged under correlation id " + CorrelationIdFilter.of(request)),
                request);
    }

    private ResponseEntity<byte[]> answer(HttpStatus status, OperationOutcome outcome, HttpServletRequest request) {
        return FhirOutcomes.respond(status, outcome,
                HealthFhirController.responseFormat(request, FhirFormat.ofContentType(request.getContentType())), fhir);
    }
}
