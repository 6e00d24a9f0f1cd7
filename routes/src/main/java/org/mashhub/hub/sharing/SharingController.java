package org.mashhub.hub.sharing;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.consent.ConsentRegistry;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.FreeText;
import org.mashhub.hub.ledger.HubNotices;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
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
 * Lawful sharing for staff: the agreements in force, the events withheld from the case system (managers
 * release or refuse them, with a reason), consent a manager records, and what was shared before a family
 * withdrew consent.
 */
@RestController
@RequestMapping("/api/v1")
class SharingController {

    private final Agreements agreements;
    private final WithheldEvents withheld;
    private final ManagerDecisions decisions;
    private final ConsentRegistry consents;
    private final AuditTrail auditTrail;
    private final JdbcTemplate jdbc;
    private final RetentionPurge purge;
    private final Clock clock;
    private final PartnerRegistry partners;
    private final HubNotices notices;

    SharingController(Agreements agreements, WithheldEvents withheld, ManagerDecisions decisions, ConsentRegistry consents,
                      AuditTrail auditTrail, JdbcTemplate jdbc, RetentionPurge purge, Clock clock, PartnerRegistry partners,
                      HubNotices notices) {
        this.notices = notices;
        this.partners = partners;
        this.agreements = agreements;
        this.withheld = withheld;
        this.decisions = decisions;
        this.consents = consents;
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
        this.purge = purge;
        this.clock = clock;
    }

    record Reason(String reason) {
    }

    /** What a manager records: a family's consent, told to the MASH, for a partner's category (or '*'). */
    record ConsentRecording(String hubChildId, String partnerId, String category, ConsentState state, LocalDate from,
                            LocalDate to, String note) {
    }

    /** A withdrawal of consent and the events shared before it, for a manager to follow up. */
    record Withdrawal(ConsentRegistry.Recorded withdrawal, List<Map<String, Object>> sharedBefore) {
    }

    @ApiResponse(responseCode = "200", description = "Every information sharing agreement loaded, with its categories and terms")
    @GetMapping("/sharing/agreements")
    List<Agreement> agreements() {
        return agreements.all();
    }

    @ApiResponse(responseCode = "200", description = "Events the sharing policy withheld, for a manager to release or refuse")
    @GetMapping("/sharing/withheld")
    List<WithheldEvents.Held> withheld(@RequestParam(defaultValue = "HELD") WithheldEvents.Status status,
                                       @RequestParam(defaultValue = "100") int limit) {
        return withheld.list(status, Math.min(Math.max(limit, 1), 500));
    }

    /** One withheld event with its content, for a manager to decide on: a view of a child, audited. */
    @ApiResponse(responseCode = "200", description = "The withheld event, with the rule that withheld it")
    @ApiResponse(responseCode = "404", description = "No withheld event of that id")
    @GetMapping("/sharing/withheld/{eventId}")
    Map<String, Object> withheldEvent(@PathVariable String eventId, Principal staff, HttpServletRequest request) {
        WithheldEvents.Held held = withheld.find(eventId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No withheld event " + eventId + "."));
        String payload = jdbc.queryForObject("select payload from accepted_event where event_id = ?", String.class, eventId);
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor("staff:" + staff.getName())
                .correlationId(CorrelationIdFilter.of(request)).eventId(eventId).hubChildId(held.hubChildId())
                .detail("withheld-event"));
        return Map.of("withheld", held, "event", payload == null ? Map.of() : parse(payload));
    }

    @ApiResponse(responseCode = "200", description = "Released under a safeguarding override, with the reason: on its way to the case system")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "409", description = "Not waiting for a decision (never withheld, decided already, or its content purged)")
    @ApiResponse(responseCode = "422", description = "A reason too long")
    @PostMapping("/sharing/withheld/{eventId}/release")
    WithheldEvents.Held release(@PathVariable String eventId, @RequestBody Reason body, Principal staff) throws Exception {
        return decisions.release(eventId, "staff:" + staff.getName(), body.reason());
    }

    @ApiResponse(responseCode = "200", description = "Refused: it never goes to the case system")
    @ApiResponse(responseCode = "400", description = "The body is not readable JSON")
    @ApiResponse(responseCode = "409", description = "Not waiting for a decision (never withheld, decided already, or its content purged)")
    @ApiResponse(responseCode = "422", description = "A reason too long")
    @PostMapping("/sharing/withheld/{eventId}/refuse")
    WithheldEvents.Held refuse(@PathVariable String eventId, @RequestBody Reason body, Principal staff) {
        return decisions.refuse(eventId, "staff:" + staff.getName(), body.reason());
    }

    /** Withdrawn consents, each with the events of that child and partner delivered before it. */
    @ApiResponse(responseCode = "200", description = "Withdrawn consents, each with the events of that child and partner delivered before it")
    @GetMapping("/sharing/withdrawals")
    List<Withdrawal> withdrawals() {
        return consents.withdrawals().stream().map(w -> new Withdrawal(w, jdbc.queryForList("""
                select event_id, kind, primary_category, delivered_at from accepted_event
                where hub_child_id = ? and partner_id = ? and status = 'DELIVERED' and delivered_at <= ?
                  and (? = '*' or primary_category = ?)
                order by delivered_at""", w.hubChildId(), w.partnerId(), w.recordedAt(), w.category(), w.category()))).toList();
    }

    @ApiResponse(responseCode = "201", description = "The consent recorded for the child and category; the audit has it")
    @ApiResponse(responseCode = "422", description = "A child, partner, category or dates missing or not known: every problem is listed")
    @PostMapping("/consent")
    @Transactional
    ResponseEntity<?> recordConsent(@RequestBody ConsentRecording c, Principal staff) {
        List<Map<String, String>> problems = new java.util.ArrayList<>();
        if (c.hubChildId() == null || c.hubChildId().isBlank()) {
            problems.add(problem("/hubChildId", "required: the child's hub id"));
        } else if (jdbc.queryForObject("select count(*) from hub_child where hub_child_id = ?", Integer.class, c.hubChildId()) == 0) {
            problems.add(problem("/hubChildId", "the hub knows no such child"));
        }
        if (c.partnerId() == null || c.partnerId().isBlank()) {
            problems.add(problem("/partnerId", "required: the partner whose information the consent is about"));
        } else if (partners.byId(c.partnerId()).isEmpty()) {
            problems.add(problem("/partnerId", "no such partner"));
        }
        if (c.category() == null || !(ConsentStatement.ALL_CATEGORIES.equals(c.category()) || DATA_CATEGORIES.contains(c.category()))) {
            problems.add(problem("/category", "required: a data category (" + String.join(", ", DATA_CATEGORIES) + ") or *"));
        }
        if (c.state() == null) {
            problems.add(problem("/state", "required: " + java.util.Arrays.toString(ConsentState.values())));
        }
        if (c.from() != null && c.to() != null && c.to().isBefore(c.from())) {
            problems.add(problem("/to", "before 'from'"));
        }
        if (c.note() != null && c.note().length() > FreeText.NOTE) {
            problems.add(problem("/note", c.note().length() + " characters long; at most " + FreeText.NOTE));
        }
        if (!problems.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    problems.size() + " problem(s) found; nothing was recorded.");
            problem.setProperty("errors", problems);
            return ResponseEntity.of(problem).build();
        }
        ChildSubject child = new ChildSubject(c.hubChildId(), List.of(), null, null, null, null, null);
        ConsentStatement statement = new ConsentStatement(child, c.category(), c.state(), c.from(), c.to(), clock.instant());
        if (consents.recordByStaff(statement, c.partnerId(), "staff:" + staff.getName(), c.note())) {
            notices.publish("staff:" + staff.getName(),
                    List.of(HubNotices.Notice.consentWithdrawn(statement, c.partnerId(), "staff:" + staff.getName())));
        }
        auditTrail.append(AuditRecord.of(AuditAction.CONSENT_RECORDED).actor("staff:" + staff.getName()).partnerId(c.partnerId())
                .hubChildId(c.hubChildId()).detail("category=" + c.category() + " state=" + c.state()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("state", c.state().name()));
    }

    private static final List<String> DATA_CATEGORIES = java.util.Arrays.stream(org.mashhub.schemas.events.DataCategory.values())
            .map(org.mashhub.schemas.events.DataCategory::code).sorted().toList();

    private static Map<String, String> problem(String pointer, String detail) {
        return Map.of("pointer", pointer, "detail", detail);
    }

    /** Runs the retention purge now (it also runs on its schedule). */
    @ApiResponse(responseCode = "200", description = "What the purge removed (event contents, attendance marks); the case system is told per child (RECORDS_PURGED)")
    @PostMapping("/admin/retention/purge")
    RetentionPurge.Purged purgeNow(Principal staff) {
        return purge.purge("staff:" + staff.getName());
    }

    @ExceptionHandler(ManagerDecisions.NotDecidable.class)
    ResponseEntity<ProblemDetail> notDecidable(ManagerDecisions.NotDecidable e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage())).build();
    }

    private static Object parse(String json) {
        try {
            return org.mashhub.schemas.CanonicalJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
