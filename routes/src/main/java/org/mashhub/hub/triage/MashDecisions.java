package org.mashhub.hub.triage;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.FreeText;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.enquiries.Enquiries;
import org.mashhub.hub.storage.Times;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the MASH decides for a child after a referral, and who has the referral meanwhile. A decision names its outcome
 * and why; it covers each copy of the child's referral; whoever recorded it may take it back within the undo window;
 * the outcomes the council lists wait for a manager's sign-off when someone else records them. Only someone who may
 * read the referral may decide on it. Every step is audited (the rationale is not: it is narrative, kept in the
 * decision).
 */
@Component
public class MashDecisions {

    /** A decision recorded for a child. */
    /** @param answersMissing the partners whose answer to a check about the child was not in when it was recorded; null: none */
    public record Decision(String decisionId, Outcome outcome, String rationale, String decidedBy, Instant decidedAt,
                           boolean needsSignOff, String signedOffBy, Instant signedOffAt, String sentEventId, String answersMissing) {

        public boolean awaitingSignOff() {
            return needsSignOff && signedOffBy == null;
        }

        /** The outcome in words; "not recorded" for decisions made before outcomes were. */
        public String outcomeWords() {
            return outcome == null ? "Outcome not recorded" : outcome.words();
        }
    }

    /** A decision, its child and what it was about, for the child's page and the managers' sign-off list. */
    public record Recorded(String eventId, String hubChildId, String childName, String agency, String summary, Decision decision,
                           Instant undoUntil) {
    }

    private final JdbcTemplate jdbc;
    private final ReferralInbox inbox;
    private final AuditTrail auditTrail;
    private final TriageProperties properties;
    private final Clock clock;

    private final Enquiries enquiries;

    MashDecisions(JdbcTemplate jdbc, ReferralInbox inbox, AuditTrail auditTrail, TriageProperties properties, Clock clock,
                  Enquiries enquiries) {
        this.enquiries = enquiries;
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the decision for the child of this referral (each copy of it in its inbox row).
     *
     * @param outcome one of {@link Outcome}'s names
     */
    @Transactional
    public Recorded decide(String eventId, String outcome, String rationale, String actor, Collection<String> roles) {
        List<Map<String, String>> problems = new ArrayList<>();
        Outcome chosen = null;
        if (outcome == null || outcome.isBlank()) {
            problems.add(RequestRefusals.problem("/outcome", "Choose an outcome."));
        } else {
            try {
                chosen = Outcome.valueOf(outcome.trim());
            } catch (IllegalArgumentException e) {
                problems.add(RequestRefusals.problem("/outcome", "'" + outcome.substring(0, Math.min(40, outcome.length())) + "' is not an outcome; one of "
                        + java.util.Arrays.toString(Outcome.values()) + "."));
            }
        }
        if (rationale == null || rationale.isBlank()) {
            problems.add(RequestRefusals.problem("/rationale", "Say why: the rationale is required."));
        } else if (rationale.length() > FreeText.NOTE) {
            problems.add(RequestRefusals.problem("/rationale", "The rationale is " + rationale.length() + " characters long; at most " + FreeText.NOTE + "."));
        }
        ReferralInbox.Row row = inbox.row(eventId, roles).orElseThrow(() -> new RequestRefusals.NotFound("There is no referral " + eventId + "."));
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        if (!row.readable()) {
            throw new RequestRefusals.NotAllowed("You cannot decide on a referral you cannot read (" + row.unreadable().toLowerCase(java.util.Locale.ROOT)
                    + ").");
        }
        ReferralInbox.Child child = row.children().stream().filter(c -> c.eventIds().contains(eventId)).findFirst().orElseThrow();
        String hubChildId = child.hubChildId();
        if (child.decided()) {
            throw new RequestRefusals.Conflict("The MASH decision for " + name(child) + " on this referral is recorded already.");
        }
        List<String> copies = child.eventIds();
        String decisionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        boolean needsSignOff = properties.signOff().contains(chosen) && !roles.contains("MANAGER");
        // A decision need not wait for every partner: it says whose answers were not in.
        List<String> missing = enquiries.unansweredFor(hubChildId);
        String answersMissing = missing.isEmpty() ? null : String.join(", ", missing);
        for (String copy : copies) {
            jdbc.update("""
                    insert into mash_decision (event_id, decision_id, decided_at, decided_by, outcome, rationale, needs_sign_off, answers_missing)
                    select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from mash_decision where event_id = ?)""",
                    copy, decisionId, utc(now), actor, chosen.name(), rationale.trim(), needsSignOff, answersMissing, copy);
            auditTrail.append(AuditRecord.of(AuditAction.MASH_DECIDED).actor(actor).eventId(copy).hubChildId(hubChildId)
                    .detail("outcome=" + chosen.name() + (needsSignOff ? " awaiting manager sign-off" : "") + " decision=" + decisionId
                            + (missing.isEmpty() ? "" : " answers-missing=" + missing.size())));
        }
        return recorded(eventId).orElseThrow();
    }

    /** Takes a decision back: only whoever recorded it, within the undo window, before a manager has signed it off. */
    @Transactional
    public void undo(String eventId, String actor) {
        Recorded recorded = recorded(eventId).orElseThrow(() -> new RequestRefusals.NotFound("No decision is recorded on referral " + eventId + "."));
        Decision decision = recorded.decision();
        if (!decision.decidedBy().equals(actor)) {
            throw new RequestRefusals.NotAllowed("Only " + decision.decidedBy().replace("staff:", "") + ", who recorded it, can undo this decision.");
        }
        if (decision.signedOffBy() != null) {
            throw new RequestRefusals.Conflict("A manager has signed this decision off; it can no longer be undone.");
        }
        if (clock.instant().isAfter(recorded.undoUntil())) {
            throw new RequestRefusals.Conflict("A decision can be undone for " + properties.undoWindow().toMinutes() + " minutes; this one was recorded at "
                    + recorded.decision().decidedAt() + ".");
        }
        List<String> copies = jdbc.queryForList("select event_id from mash_decision where decision_id = ?", String.class,
                decision.decisionId());
        jdbc.update("delete from mash_decision where decision_id = ?", decision.decisionId());
        for (String copy : copies) {
            auditTrail.append(AuditRecord.of(AuditAction.MASH_DECISION_UNDONE).actor(actor).eventId(copy)
                    .hubChildId(recorded.hubChildId()).detail("decision=" + decision.decisionId()));
        }
    }

    /** A manager agrees a decision the council asks managers to see. */
    @Transactional
    public Recorded signOff(String eventId, String actor, Collection<String> roles) {
        if (!roles.contains("MANAGER")) {
            throw new RequestRefusals.NotAllowed("Only a manager signs decisions off.");
        }
        Recorded recorded = recorded(eventId).orElseThrow(() -> new RequestRefusals.NotFound("No decision is recorded on referral " + eventId + "."));
        if (!recorded.decision().awaitingSignOff()) {
            throw new RequestRefusals.Conflict(recorded.decision().signedOffBy() == null ? "This decision does not need a manager's sign-off."
                    : "This decision was signed off by " + recorded.decision().signedOffBy().replace("staff:", "") + " already.");
        }
        jdbc.update("update mash_decision set signed_off_by = ?, signed_off_at = ? where decision_id = ?", actor,
                utc(clock.instant()), recorded.decision().decisionId());
        for (String copy : jdbc.queryForList("select event_id from mash_decision where decision_id = ?", String.class,
                recorded.decision().decisionId())) {
            auditTrail.append(AuditRecord.of(AuditAction.MASH_DECISION_SIGNED_OFF).actor(actor).eventId(copy)
                    .hubChildId(recorded.hubChildId()).detail("outcome=" + recorded.decision().outcome()));
        }
        return recorded(eventId).orElseThrow();
    }

    /**
     * Gives the referral's row (every child and copy in it) to a member of staff: a practitioner takes it for
     * themself; a manager allocates it to anyone.
     */
    @Transactional
    public void allocate(String eventId, String to, String actor, Collection<String> roles) {
        if (to == null || !to.matches("staff:[A-Za-z0-9._@-]{1,100}")) {
            throw new RequestRefusals.Problems(List.of(RequestRefusals.problem("/to", "Name the member of staff, as staff:username.")));
        }
        if (!to.equals(actor) && !roles.contains("MANAGER")) {
            throw new RequestRefusals.NotAllowed("Only a manager allocates a referral to someone else; you can take it yourself.");
        }
        ReferralInbox.Row row = inbox.row(eventId, roles).orElseThrow(() -> new RequestRefusals.NotFound("There is no referral " + eventId + "."));
        OffsetDateTime now = utc(clock.instant());
        for (ReferralInbox.Child child : row.children()) {
            for (String event : child.eventIds()) {
                allocate(event, child.hubChildId(), to, actor, now);
            }
        }
    }

    private void allocate(String event, String hubChildId, String to, String actor, OffsetDateTime now) {
        if (jdbc.update("update referral_allocation set allocated_to = ?, allocated_by = ?, allocated_at = ? where event_id = ?",
                to, actor, now, event) == 0) {
            jdbc.update("insert into referral_allocation (event_id, allocated_to, allocated_by, allocated_at) values (?, ?, ?, ?)",
                    event, to, actor, now);
        }
        auditTrail.append(AuditRecord.of(AuditAction.REFERRAL_ALLOCATED).actor(actor).eventId(event).hubChildId(hubChildId)
                .detail("to " + to));
    }

    /** The decision on this referral, if there is one. */
    @Transactional(readOnly = true)
    public java.util.Optional<Recorded> recorded(String eventId) {
        return recordedWhere("d.event_id = ?", eventId).stream().findFirst();
    }

    /** Decisions for these children (a child and the children linked into it), newest first. */
    @Transactional(readOnly = true)
    public List<Recorded> ofChildren(Collection<String> hubChildIds) {
        if (hubChildIds.isEmpty()) {
            return List.of();
        }
        // One entry per decision, though it covers several copies.
        return List.copyOf(recordedWhere("a.hub_child_id in (" + hubChildIds.stream().map(c -> "?").collect(Collectors.joining(","))
                + ")", hubChildIds.toArray()).stream().collect(Collectors.toMap(r -> r.decision().decisionId(), r -> r, (a, b) -> a,
                java.util.LinkedHashMap::new)).values());
    }

    /** Decisions waiting for a manager's sign-off, oldest first. */
    @Transactional(readOnly = true)
    public List<Recorded> awaitingSignOff() {
        List<Recorded> all = recordedWhere("d.needs_sign_off = true and d.signed_off_by is null");
        return all.stream().collect(Collectors.toMap(r -> r.decision().decisionId(), r -> r, (a, b) -> a, java.util.LinkedHashMap::new))
                .values().stream().sorted(java.util.Comparator.comparing(r -> r.decision().decidedAt())).toList();
    }

    private List<Recorded> recordedWhere(String condition, Object... arguments) {
        return jdbc.queryForList("""
                select a.event_id, a.hub_child_id, a.partner_id, a.payload, d.decision_id, d.decided_at, d.decided_by, d.outcome,
                       d.rationale, d.needs_sign_off, d.signed_off_by, d.signed_off_at, d.sent_event_id,
                       d.answers_missing
                from mash_decision d join accepted_event a on a.event_id = d.event_id
                where\s""" + condition + " order by d.decided_at desc", arguments).stream().map(row -> {
            Decision decision = decision(row);
            com.fasterxml.jackson.databind.JsonNode event = parse((String) row.get("payload"));
            String name = event == null ? null : (event.at("/child/name/given").asText("") + " " + event.at("/child/name/family").asText(""))
                    .trim();
            return new Recorded((String) row.get("event_id"), (String) row.get("hub_child_id"), name == null || name.isEmpty() ? null : name,
                    inbox.agency((String) row.get("partner_id")), event == null ? null : event.at("/concern/summary").asText(null), decision,
                    decision.decidedAt().plus(properties.undoWindow()));
        }).toList();
    }

    /** The decision in a row read with the columns of {@code mash_decision}, or null where there is none. */
    static Decision decision(Map<String, Object> row) {
        if (row.get("decided_at") == null) {
            return null;
        }
        String outcome = (String) row.get("outcome");
        return new Decision((String) row.get("decision_id"), outcome == null ? null : Outcome.valueOf(outcome),
                (String) row.get("rationale"), (String) row.get("decided_by"), Times.instant(row.get("decided_at")),
                Boolean.TRUE.equals(row.get("needs_sign_off")), (String) row.get("signed_off_by"), Times.instant(row.get("signed_off_at")),
                (String) row.get("sent_event_id"), (String) row.get("answers_missing"));
    }

    private static String name(ReferralInbox.Child child) {
        return child.name() == null ? "this child" : child.name();
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return org.mashhub.schemas.CanonicalJson.mapper().readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }


    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
