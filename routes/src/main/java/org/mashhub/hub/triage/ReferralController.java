package org.mashhub.hub.triage;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.RequestRefusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MASH workflow for case-system and team tools: the inbox as JSON, a decision with its outcome (every problem
 * listed as problem+json), undo, a manager's sign-off, allocation. The same rules as the pages.
 */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralController {

    record AllocationRequest(String to) {
    }

    private final ReferralInbox inbox;
    private final MashDecisions decisions;
    private final AuditTrail auditTrail;

    ReferralController(ReferralInbox inbox, MashDecisions decisions, AuditTrail auditTrail) {
        this.inbox = inbox;
        this.decisions = decisions;
        this.auditTrail = auditTrail;
    }

    /** The inbox, filtered and paged as the page is; the children it shows are audited as viewed. */
    @ApiResponse(responseCode = "200", description = "A page of open referrals, most urgent first; the children shown are audited as viewed")
    @ApiResponse(responseCode = "422", description = "A filter value not allowed: every problem is listed")
    @GetMapping
    ReferralInbox.Page open(@RequestParam(required = false) String rag, @RequestParam(required = false) String agency,
                            @RequestParam(required = false) String locality, @RequestParam(defaultValue = "false") boolean overdue,
                            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "false") boolean unallocated,
                            @RequestParam(defaultValue = "1") int page, Authentication staff, HttpServletRequest request) {
        List<Map<String, String>> problems = new java.util.ArrayList<>();
        if (rag != null && !rag.isBlank() && !List.of("RED", "AMBER", "GREEN", "BLUE", "NONE").contains(rag)) {
            problems.add(RequestRefusals.problem("rag", "one of RED, AMBER, GREEN, BLUE, NONE (not rated)"));
        }
        if (agency != null && !agency.isBlank() && !List.of("police", "health", "education", "housing", "other").contains(agency)) {
            problems.add(RequestRefusals.problem("agency", "one of police, health, education, housing, other"));
        }
        if (page < 1) {
            problems.add(RequestRefusals.problem("page", "1 or more"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        ReferralInbox.Page shown = inbox.open(new ReferralInbox.Filter(rag, agency, locality, overdue, mine, unallocated, page),
                actor(staff), roles(staff));
        auditTrail.childrenShown(actor(staff), CorrelationIdFilter.of(request), "referrals-api", childrenIn(shown.rows()));
        return shown;
    }

    @ApiResponse(responseCode = "201", description = "The decision, recorded (a manager signs it off where it needs one)")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "422", description = "An outcome or rationale missing or not allowed: every problem is listed")
    @PostMapping("/{eventId}/decision")
    ResponseEntity<MashDecisions.Recorded> decide(@PathVariable String eventId, @RequestBody JsonNode body, Authentication staff) {
        // Read as JSON, not bound to a type: a field of the wrong type is one of the problems listed, not a bare 400.
        List<Map<String, String>> problems = new java.util.ArrayList<>();
        String outcome = text(body, "outcome", problems);
        String rationale = text(body, "rationale", problems);
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        MashDecisions.Recorded recorded = decisions.decide(eventId, outcome, rationale, actor(staff), roles(staff));
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + eventId + "/decision")).body(recorded);
    }

    @ApiResponse(responseCode = "200", description = "The decision recorded on the referral")
    @ApiResponse(responseCode = "404", description = "No such referral, or no decision on it")
    @GetMapping("/{eventId}/decision")
    MashDecisions.Recorded decision(@PathVariable String eventId) {
        return decisions.recorded(eventId).orElseThrow(() -> new RequestRefusals.NotFound("No decision is recorded on referral " + eventId + "."));
    }

    @ApiResponse(responseCode = "204", description = "Undone: the referral is open again")
    @ApiResponse(responseCode = "403", description = "Only whoever recorded the decision may undo it")
    @ApiResponse(responseCode = "404", description = "No such referral, or no decision on it")
    @ApiResponse(responseCode = "409", description = "Past the undo window, or signed off: the decision is final")
    @DeleteMapping("/{eventId}/decision")
    ResponseEntity<Void> undo(@PathVariable String eventId, Authentication staff) {
        decisions.undo(eventId, actor(staff));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "200", description = "Signed off: the decision is final once its undo window has passed")
    @ApiResponse(responseCode = "403", description = "Only a manager signs off")
    @ApiResponse(responseCode = "404", description = "No such referral, or no decision on it")
    @ApiResponse(responseCode = "409", description = "The decision needs no sign-off, or has it already")
    @PostMapping("/{eventId}/decision/sign-off")
    MashDecisions.Recorded signOff(@PathVariable String eventId, Authentication staff) {
        return decisions.signOff(eventId, actor(staff), roles(staff));
    }

    @ApiResponse(responseCode = "204", description = "Allocated (or unallocated, with no one named)")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "403", description = "Not allowed to allocate to someone else")
    @ApiResponse(responseCode = "404", description = "No such referral")
    @ApiResponse(responseCode = "422", description = "No member of staff named (as staff:username)")
    @PostMapping("/{eventId}/allocation")
    ResponseEntity<Void> allocate(@PathVariable String eventId, @RequestBody AllocationRequest body, Authentication staff) {
        decisions.allocate(eventId, body.to(), actor(staff), roles(staff));
        return ResponseEntity.noContent().build();
    }

    /** A text field of the body: absent or null is null (the decision says what is missing); any other type is a problem. */
    private static String text(JsonNode body, String field, List<Map<String, String>> problems) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(RequestRefusals.problem("/" + field, "must be text, not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        return value.asText();
    }

    /** A body that is not JSON at all (or not an object). */
    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ProblemDetail unreadable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is not readable JSON; send an object such as {\"outcome\": \"EARLY_HELP\", \"rationale\": \"...\"}.");
        problem.setType(URI.create("https://mash-hub.example/problems/unreadable-body"));
        return problem;
    }

    /** The children rows show, for the audit. */
    static List<String> childrenIn(List<ReferralInbox.Row> rows) {
        return rows.stream().flatMap(r -> r.children().stream()).map(ReferralInbox.Child::hubChildId).distinct().toList();
    }

    private static Set<String> roles(Authentication staff) {
        return org.mashhub.hub.security.StaffRole.namesOf(staff);
    }

    private static String actor(Authentication staff) {
        return org.mashhub.hub.security.StaffRole.actorOf(staff);
    }
}
