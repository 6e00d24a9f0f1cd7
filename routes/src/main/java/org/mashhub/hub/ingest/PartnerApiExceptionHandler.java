package org.mashhub.hub.ingest;

import org.mashhub.hub.edge.RequestRejectedException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ledger.MessageIdReusedException;
import org.mashhub.schemas.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Answers partners on the REST edges. A failure to store is a 503 with Retry-After: the message was not
 * acknowledged and the partner sends it again. Anything unexpected is a 500, logged with ids only.
 */
@RestControllerAdvice(basePackageClasses = PartnerApiExceptionHandler.class)
class PartnerApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PartnerApiExceptionHandler.class);

    private final IngestProperties properties;
    private final RejectionAudit rejectionAudit;

    PartnerApiExceptionHandler(IngestProperties properties, RejectionAudit rejectionAudit) {
        this.properties = properties;
        this.rejectionAudit = rejectionAudit;
    }

    @ExceptionHandler(InvalidMessageException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidMessageException e, HttpServletRequest request) {
        String correlationId = CorrelationIdFilter.of(request);
        return ResponseEntity.of(e.kind() == InvalidMessageException.Kind.MALFORMED
                ? PartnerProblems.malformed(e.problems(), correlationId)
                : PartnerProblems.invalid(e.problems(), correlationId)).build();
    }

    @ExceptionHandler(PartnerMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(PartnerMismatchException e, HttpServletRequest request) {
        return ResponseEntity.of(PartnerProblems.forbidden(
                "The message names another partner as its sender; a partner may only submit as itself.",
                CorrelationIdFilter.of(request))).build();
    }

    @ExceptionHandler(MessageIdReusedException.class)
    ResponseEntity<ProblemDetail> reused(MessageIdReusedException e, HttpServletRequest request) {
        return ResponseEntity.of(PartnerProblems.messageIdReused(e.partnerMessageId(), CorrelationIdFilter.of(request))).build();
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejectedAtEdge(RequestRejectedException e, HttpServletRequest request) {
        String correlationId = CorrelationIdFilter.of(request);
        rejectionAudit.rejected(partnerIdOf(request), correlationId, e.status().value(), e.status().name().toLowerCase());
        return ResponseEntity.of(PartnerProblems.rejectedAtEdge(e.status(), e.getMessage(), correlationId)).build();
    }

    /** A status the controller chose (a file that is not this partner's, or not processed yet), as problem details. */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, HttpServletRequest request) {
        ProblemDetail problem = e.getBody();
        problem.setProperty("correlationId", CorrelationIdFilter.of(request));
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return rejectedAtEdge(new RequestRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
                "The upload is larger than " + e.getMaxUploadSize() + " bytes."), request);
    }

    /** A multipart upload without its part, or not multipart at all. */
    @ExceptionHandler({MissingServletRequestPartException.class, MultipartException.class})
    ResponseEntity<ProblemDetail> notMultipart(Exception e, HttpServletRequest request) {
        return ResponseEntity.of(PartnerProblems.malformed(List.of(Problem.at("",
                "Send the file as multipart/form-data in a part named 'file'.")), CorrelationIdFilter.of(request))).build();
    }

    @ExceptionHandler({
            DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, NonTransientDataAccessResourceException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class,
            JmsException.class, JMSException.class, JMSRuntimeException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        String correlationId = CorrelationIdFilter.of(request);
        log.warn("Not accepted, storage unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.of(PartnerProblems.unavailable(properties.retryAfterSeconds(), correlationId))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds()))
                .build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (StorageFailures.isStorageFailure(e)) {
            return unavailable(e, request);
        }
        // The exception type and where it arose; its message could quote partner data, so it is not logged.
        log.error("Not accepted, unexpected failure: {} at {}", e.getClass().getName(),
                e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        return ResponseEntity.of(PartnerProblems.internal(CorrelationIdFilter.of(request))).build();
    }

    private static String partnerIdOf(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
}
