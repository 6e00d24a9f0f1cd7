package org.mashhub.hub.identity;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.mashhub.adapters.identity.MatchDecision;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.BoundedBody;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The child index for staff (engineers and practitioners): load the case system's known children, ask
 * which child a description is about (read-only), and work the queue of possible matches.
 */
@RestController
@RequestMapping("/api/v1/identity")
class IdentityController {

    private final KnownChildrenLoad load;
    private final ChildIndex index;
    private final ChildProfiles profiles;
    private final ReviewQueue reviews;
    private final AuditTrail auditTrail;
    private final IdentityProperties properties;
    private final IndexModel model;
    private final Clock clock;

    IdentityController(KnownChildrenLoad load, ChildIndex index, ChildProfiles profiles, ReviewQueue reviews,
                       AuditTrail auditTrail, IdentityProperties properties, IndexModel model, Clock clock) {
        this.load = load;
        this.index = index;
        this.profiles = profiles;
        this.reviews = reviews;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.model = model;
        this.clock = clock;
    }

    /** The answer to a match: the outcome, the child, and every candidate with each field's contribution. */
    record MatchAnswer(String outcome, String hubChildId, String caseSystemPersonId, Double score, Double probability, String via,
                       String reason, List<Candidate> candidates) {
    }

    /** {@code probability}: that this is the child, given every candidate (null where an identifier decided). */
    record Candidate(String hubChildId, String caseSystemPersonId, double score, Double probability, List<ReviewQueue.FieldView> fields) {
    }

    record Decision(String hubChildId, String reason) {
    }

    /** NDJSON, one known child per line: {@code {"caseSystemPersonId", "nhsNumber"?, "upn"?, "givenName", ...}}. */
    @ApiResponse(responseCode = "200", description = "The load: lines read, children created, updated and refused (each refused line with its problems)")
    @ApiResponse(responseCode = "413", description = "Larger than hub.identity.max-load-bytes: nothing was loaded")
    @PostMapping("/children")
    KnownChildrenLoad.Summary loadChildren(HttpServletRequest request, Principal staff) throws IOException {
        long limit = properties.maxLoadBytes().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "The load is larger than " + limit + " bytes.");
        }
        // Spooled to a file first, counting: a chunked body has no Content-Length to refuse it by, and a load cut off
        // at the limit would leave half the children loaded.
        java.nio.file.Path spooled = java.nio.file.Files.createTempFile("known-children-", ".ndjson");
        KnownChildrenLoad.Summary summary;
        try {
            try (InputStream body = request.getInputStream();
                 java.io.OutputStream out = java.nio.file.Files.newOutputStream(spooled)) {
                byte[] buffer = new byte[65536];
                long total = 0;
                for (int n; (n = body.read(buffer)) != -1; ) {
                    total += n;
                    if (total > limit) {
                        throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "The load is larger than " + limit
                                + " bytes; nothing was loaded.");
                    }
                    out.write(buffer, 0, n);
                }
            }
            try (InputStream body = java.nio.file.Files.newInputStream(spooled)) {
                summary = load.load(body);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(spooled);
        }
        auditTrail.append(AuditRecord.of(AuditAction.RECEIVED).actor("staff:" + staff.getName())
                .correlationId(CorrelationIdFilter.of(request))
                .detail("known-children lines=" + summary.lines() + " created=" + summary.created() + " updated=" + summary.updated()
                        + " rejected=" + summary.rejected()));
        return summary;
    }

    /** Which child this is, changing nothing. */
    @ApiResponse(responseCode = "200", description = "The outcome (MATCH, REVIEW or NO_MATCH), the child chosen, and the candidates with what each field added; nothing is changed")
    @ApiResponse(responseCode = "413", description = "Larger than 64 KiB")
    @ApiResponse(responseCode = "422", description = "Not a JSON object of the known-child fields, or a field not allowed: every problem is listed")
    @PostMapping("/match")
    ResponseEntity<?> match(HttpServletRequest request, Principal staff) throws IOException {
        byte[] body = BoundedBody.read(request, 64 * 1024);
        KnownChild query;
        try {
            query = CanonicalJson.mapper().readerFor(KnownChild.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (JsonProcessingException e) {
            return problems(List.of(Problem.at("", "not a JSON object of the known-child fields: " + e.getOriginalMessage())));
        }
        List<Problem> problems = query.problems(false, clock);
        if (!problems.isEmpty()) {
            return problems(problems);
        }
        long started = System.nanoTime();
        ChildIndex.Evaluation evaluation = index.match(query.subject());
        MatchDecision.Candidate chosen = evaluation.chosen();
        String chosenId = chosen == null || evaluation.outcome() == MatchDecision.Outcome.NO_MATCH ? null : chosen.hubChildId();
        List<MatchDecision.Candidate> shown = evaluation.candidates().stream().limit(properties.reviewCandidates()).toList();
        java.util.Set<String> named = new java.util.LinkedHashSet<>(shown.stream().map(MatchDecision.Candidate::hubChildId).toList());
        if (chosenId != null) {
            named.add(chosenId);
        }
        java.util.Map<String, String> caseSystemIds = profiles.caseSystemPersonIds(named);
        auditTrail.childrenShown("staff:" + staff.getName(), CorrelationIdFilter.of(request), "identity-match outcome="
                + evaluation.outcome() + " fields=" + query.fieldsGiven(), named);
        // How long the index took, for whoever measures the API (W3C Server-Timing).
        return ResponseEntity.ok().header("Server-Timing", String.format(java.util.Locale.ROOT, "match;dur=%.3f",
                        (System.nanoTime() - started) / 1e6))
                .body(new MatchAnswer(evaluation.outcome().name(), chosenId,
                chosenId == null ? null : caseSystemIds.get(chosenId),
                chosen == null ? null : chosen.score().total(), chosen == null ? null : probability(chosen), evaluation.via(),
                evaluation.reason(), shown.stream().map(c -> new Candidate(c.hubChildId(), caseSystemIds.get(c.hubChildId()),
                        c.score().total(), probability(c), ReviewQueue.CandidateView.of(c).fields())).toList()));
    }

    private static Double probability(MatchDecision.Candidate candidate) {
        return Double.isNaN(candidate.probability()) ? null : candidate.probability();
    }

    /** Measures the index again now (term frequencies, u): after a load, before a benchmark. Engineers. */
    @ApiResponse(responseCode = "204", description = "The index measured again (term frequencies, u)")
    @PostMapping("/model/refresh")
    ResponseEntity<Void> refreshModel() {
        model.measure();
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "200", description = "The reviews in that status, oldest first; the children shown are audited as viewed")
    @ApiResponse(responseCode = "400", description = "A status other than OPEN, LINKED or NEW_CHILD")
    @GetMapping("/reviews")
    List<ReviewQueue.Review> reviews(@RequestParam(defaultValue = "OPEN") ReviewQueue.Status status,
                                     @RequestParam(defaultValue = "50") int limit, Principal staff, HttpServletRequest request) {
        List<ReviewQueue.Review> listed = reviews.list(status, Math.min(Math.max(limit, 1), 500));
        auditTrail.childrenShown("staff:" + staff.getName(), CorrelationIdFilter.of(request),
                "identity-reviews status=" + status + " reviews=" + listed.size(), ReviewQueue.childrenIn(listed));
        return listed;
    }

    /** One possible match, with the partner's description of the child: a view of a child, audited. */
    @ApiResponse(responseCode = "200", description = "The review, with the partner's description of the child; audited as a view of the child")
    @ApiResponse(responseCode = "404", description = "No such review")
    @GetMapping("/reviews/{reviewId}")
    ReviewQueue.Review review(@PathVariable String reviewId, Principal staff, HttpServletRequest request) {
        ReviewQueue.Review review = reviews.find(reviewId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no review " + reviewId + "."));
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor("staff:" + staff.getName())
                .correlationId(CorrelationIdFilter.of(request)).hubChildId(review.provisionalHubChildId())
                .detail("identity-review " + reviewId));
        return review;
    }

    @ApiResponse(responseCode = "200", description = "Linked: one child from now on, audited, and the case system told (HubNoticeEvent CHILDREN_LINKED)")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "409", description = "No such review, decided already, or no other known child to link to")
    @ApiResponse(responseCode = "422", description = "No hubChildId, or a reason too long")
    @PostMapping("/reviews/{reviewId}/link")
    ReviewQueue.Review link(@PathVariable String reviewId, @RequestBody Decision decision, Principal staff) {
        if (decision.hubChildId() == null || decision.hubChildId().isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Say which child to link to: hubChildId.");
        }
        return reviews.link(reviewId, decision.hubChildId(), "staff:" + staff.getName(), decision.reason());
    }

    @ApiResponse(responseCode = "200", description = "Confirmed a child of its own, audited; for a birth-date conflict the record's events move to a new child and the case system is told (CHILDREN_SEPARATED)")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "409", description = "No such review, or decided already")
    @ApiResponse(responseCode = "422", description = "A reason too long")
    @PostMapping("/reviews/{reviewId}/new-child")
    ReviewQueue.Review newChild(@PathVariable String reviewId, @RequestBody(required = false) Decision decision, Principal staff) {
        return reviews.confirmNewChild(reviewId, "staff:" + staff.getName(), decision == null ? null : decision.reason());
    }

    @ExceptionHandler(ReviewQueue.ReviewDecisionException.class)
    ResponseEntity<ProblemDetail> undecidable(ReviewQueue.ReviewDecisionException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage())).build();
    }

    private static ResponseEntity<ProblemDetail> problems(List<Problem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                problems.size() + " problem(s) found.");
        problem.setProperty("errors", problems.stream().map(p -> java.util.Map.of("pointer", p.pointer(), "detail", p.detail())).toList());
        return ResponseEntity.of(problem).build();
    }
}
