package org.mashhub.hub.delivery;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.ledger.ParkedEvents;
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
 * Parked events ("dead letters") for engineers ({@code ENGINEER} role, see the security chain): list (by partner, words in the reason,
 * age as an ISO duration such as {@code PT1H}), show one, replay one or all that match, discard one with a reason.
 * Every call is audited.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterController {

    record Discard(String reason) {
    }

    private final ParkedEvents deadLetters;
    private final AuditTrail auditTrail;

    DeadLetterController(ParkedEvents deadLetters, AuditTrail auditTrail) {
        this.deadLetters = deadLetters;
        this.auditTrail = auditTrail;
    }

    @ApiResponse(responseCode = "200", description = "Parked events, oldest first")
    @ApiResponse(responseCode = "422", description = "olderThan is not an ISO-8601 duration")
    @GetMapping
    List<ParkedEvents.Parked> list(@RequestParam(required = false) String partner, @RequestParam(required = false) String reason,
                                      @RequestParam(required = false) String olderThan, @RequestParam(defaultValue = "100") int limit,
                                      Principal staff) {
        List<ParkedEvents.Parked> found = deadLetters.list(filter(partner, reason, olderThan), Math.max(1, Math.min(limit, 1000)));
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor("staff:" + staff.getName()).partnerId(partner)
                .detail("dead-letters listed=" + found.size()));
        return found;
    }

    @ApiResponse(responseCode = "200", description = "The parked event, with why it was parked and the case system's answer")
    @ApiResponse(responseCode = "404", description = "Not a parked event (replayed or discarded already?)")
    @GetMapping("/{eventId}")
    ParkedEvents.Parked show(@PathVariable String eventId, Principal staff) {
        ParkedEvents.Parked letter = deadLetters.find(eventId).orElseThrow(() -> notFound(eventId));
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor("staff:" + staff.getName()).eventId(eventId)
                .partnerId(letter.partnerId()).detail("dead-letter"));
        return letter;
    }

    @ApiResponse(responseCode = "200", description = "On its way to the case system again, under the same event id")
    @ApiResponse(responseCode = "404", description = "Not a parked event (replayed or discarded already?)")
    @PostMapping("/{eventId}/replay")
    Map<String, Object> replay(@PathVariable String eventId, Principal staff) {
        if (!deadLetters.replay(eventId, "staff:" + staff.getName())) {
            throw notFound(eventId);
        }
        return Map.of("eventId", eventId, "replayed", true);
    }

    /** Replays every dead letter that matches the filter (all of them when none is given). */
    @ApiResponse(responseCode = "200", description = "How many parked events were sent again")
    @ApiResponse(responseCode = "422", description = "olderThan is not an ISO-8601 duration")
    @PostMapping("/replay")
    Map<String, Object> replayAll(@RequestParam(required = false) String partner, @RequestParam(required = false) String reason,
                                  @RequestParam(required = false) String olderThan, Principal staff) {
        return Map.of("replayed", deadLetters.replayAll(filter(partner, reason, olderThan), "staff:" + staff.getName()));
    }

    @ApiResponse(responseCode = "200", description = "Removed for good, with the reason, audited")
    @ApiResponse(responseCode = "404", description = "Not a parked event (replayed or discarded already?)")
    @PostMapping("/{eventId}/discard")
    Map<String, Object> discard(@PathVariable String eventId, @RequestBody(required = false) Discard discard, Principal staff) {
        if (!deadLetters.discard(eventId, "staff:" + staff.getName(), discard == null ? null : discard.reason())) {
            throw notFound(eventId);
        }
        return Map.of("eventId", eventId, "discarded", true);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> unusable(IllegalArgumentException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage())).build();
    }

    private static ParkedEvents.Filter filter(String partner, String reason, String olderThan) {
        try {
            return new ParkedEvents.Filter(partner, reason, olderThan == null || olderThan.isBlank() ? null : Duration.parse(olderThan));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("olderThan is an ISO-8601 duration, such as PT1H or P2D.");
        }
    }

    private static ResponseStatusException notFound(String eventId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Event " + eventId + " is not a dead letter (replayed or discarded already?).");
    }
}
