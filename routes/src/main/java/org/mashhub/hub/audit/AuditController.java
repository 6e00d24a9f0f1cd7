package org.mashhub.hub.audit;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit for auditors: {@code GET /api/v1/audit/verify} (is the chain intact, and if not, where does it first
 * break) and {@code GET /api/v1/audit/entries?actor=&action=&hubChildId=&from=&to=&page=&size=} (newest first).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditChainVerifier verifier;
    private final AuditChainer chainer;
    private final AuditSearch search;

    AuditController(AuditChainVerifier verifier, AuditChainer chainer, AuditSearch search) {
        this.verifier = verifier;
        this.chainer = chainer;
        this.search = search;
    }

    @ApiResponse(responseCode = "200", description = "Every entry committed so far, chained and verified: valid, or the first entry where the chain breaks and why")
    @GetMapping("/verify")
    AuditChainVerifier.Verification verify() {
        chainer.chainPending(); // every entry committed so far, chained, checkpointed and verified
        return verifier.verify();
    }

    @ApiResponse(responseCode = "200", description = "A page of audit entries, newest first")
    @ApiResponse(responseCode = "400", description = "A criterion that cannot be read (an unknown action, a date that is not ISO-8601)")
    @GetMapping("/entries")
    AuditSearch.Page entries(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                             @RequestParam(required = false) String hubChildId, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        return search.search(new AuditSearch.Criteria(actor, action, hubChildId, from, to), page, size);
    }

    @ExceptionHandler(AuditSearch.BadCriteria.class)
    ProblemDetail badCriteria(AuditSearch.BadCriteria e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
