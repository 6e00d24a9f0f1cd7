package org.mashhub.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every accepted event's state, and every change of it, with the audit entry of each change in the same transaction.
 * The changes allowed are {@link EventStatus#from()}; a change from any other status is refused
 * ({@link IllegalTransition}), so two hands cannot both decide what became of an event.
 *
 * <p>An event goes to the broker only through the outbox: acceptance, a manager's release and an engineer's replay each
 * add an outbox row in their own transaction, and {@link OutboxRelay} sends it once that has committed.
 */
@Component
public class EventLedger {

    /** Who an event is about and where it came from, for its audit entries. */
    public record Subject(String eventId, String partnerId, String hubMessageId, String hubChildId, String correlationId) {
    }

    /** The sharing policy's decision, recorded with what became of the event next (see {@code SharingGate}). */
    public record SharingDecision(String outcome, String rule, AuditRecord entry) {
    }

    /** The change asked for is not allowed from the event's status now (or the event is unknown). */
    public static class IllegalTransition extends IllegalStateException {
        IllegalTransition(String eventId, EventStatus to) {
            super("Event " + eventId + " cannot become " + to + " from its status now");
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final Clock clock;

    EventLedger(JdbcTemplate jdbc, AuditTrail auditTrail, Clock clock) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    /**
     * Records a message's events as accepted, numbers them in each child's sequence, and queues them for the broker,
     * with the audit entries of the acceptance. Only inside the acceptance's transaction: taking the children's next
     * numbers locks their rows (in a fixed order, so two messages cannot wait for each other), so acceptances about the
     * same child commit one after the other and their outbox rows are in that order.
     */
    public void accept(PartnerSubmission s, List<AuditRecord> acceptanceEntries) {
        List<CanonicalEvent> events = s.events();
        List<AuditRecord> entries = new ArrayList<>(acceptanceEntries);
        for (CanonicalEvent event : events) {
            entries.add(AuditRecord.of(AuditAction.PUBLISHED).actor("hub")
                    .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                    .eventId(event.eventId()).hubChildId(event.child().hubChildId())
                    .detail("kind=" + event.kind()));
        }
        auditTrail.append(entries);
        if (events.isEmpty()) {
            return;
        }
        Map<String, Long> nextSequence = takeSequences(events);
        OffsetDateTime acceptedAt = utc(s.receivedAt());
        jdbc.batchUpdate("""
                insert into accepted_event (event_id, hub_message_id, event_index, event_type, kind, hub_child_id,
                                            partner_id, status, accepted_at, payload, primary_category, child_sequence)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", IntStream.range(0, events.size()).boxed().toList(), events.size(), (ps, index) -> {
            CanonicalEvent e = events.get(index);
            ps.setString(1, e.eventId());
            ps.setString(2, s.hubMessageId());
            ps.setInt(3, index);
            ps.setString(4, e.eventType());
            ps.setString(5, e.kind());
            ps.setString(6, e.child().hubChildId());
            ps.setString(7, s.partnerId());
            ps.setString(8, EventStatus.PUBLISHED.name());
            ps.setObject(9, acceptedAt);
            // As accepted, before the sharing policy: it decides at each use, with the consent of that moment.
            ps.setString(10, json(e));
            ps.setString(11, e.dataCategories().isEmpty() ? null : e.dataCategories().get(0).code());
            Long sequence = nextSequence.computeIfPresent(e.child().hubChildId(), (child, n) -> n + 1);
            ps.setObject(12, sequence == null ? null : sequence - 1);
        });
        enqueue(events.stream().map(CanonicalEvent::eventId).toList(), List.of());
    }

    /**
     * Takes each child's next numbers for these events; the first number of each child, by child. A child the index
     * does not hold (none should be) gets no number.
     */
    private Map<String, Long> takeSequences(List<CanonicalEvent> events) {
        Map<String, Long> counts = new TreeMap<>(events.stream()
                .collect(Collectors.groupingBy(e -> e.child().hubChildId(), Collectors.counting())));
        List<Object[]> updates = counts.entrySet().stream().map(c -> new Object[] {c.getValue(), c.getKey()}).toList();
        jdbc.batchUpdate("update hub_child set event_sequence = event_sequence + ? where hub_child_id = ?", updates);
        Map<String, Long> first = new HashMap<>();
        String in = String.join(",", Collections.nCopies(counts.size(), "?"));
        jdbc.query("select hub_child_id, event_sequence from hub_child where hub_child_id in (" + in + ")",
                rs -> {
                    String child = rs.getString(1);
                    first.put(child, rs.getLong(2) - counts.get(child) + 1);
                }, counts.keySet().toArray());
        return first;
    }

    /** Queues events for the broker; a replay or release has a broker duplicate id of its own, the first send the event id. */
    private void enqueue(List<String> eventIds, List<String> duplicateIds) {
        OffsetDateTime now = now();
        List<Object[]> rows = new ArrayList<>(eventIds.size());
        for (int i = 0; i < eventIds.size(); i++) {
            rows.add(new Object[] {eventIds.get(i), duplicateIds.isEmpty() ? eventIds.get(i) : duplicateIds.get(i), now});
        }
        jdbc.batchUpdate("insert into event_outbox (event_id, duplicate_id, created_at) values (?, ?, ?)", rows);
    }

    /** How many events are on their way to the case system (published or released, not yet delivered, parked or withheld). */
    public long onTheirWay() {
        return jdbc.queryForObject("select count(*) from accepted_event where status in (?, ?)", Long.class,
                EventStatus.PUBLISHED.name(), EventStatus.RELEASED.name());
    }

    /** The event's status, if the hub accepted it. */
    public Optional<EventStatus> status(String eventId) {
        return jdbc.query("select status from accepted_event where event_id = ?",
                (rs, i) -> EventStatus.valueOf(rs.getString(1)), eventId).stream().findFirst();
    }

    /** The case system has the event, after this many attempts. */
    @Transactional
    public void delivered(Subject e, int attempts, SharingDecision shared) {
        move(e, EventStatus.DELIVERED, shared, "delivered_at = ?, attempts = ?", List.of(now(), attempts),
                entry(AuditAction.DELIVERED, "hub", e).detail("attempts=" + attempts));
    }

    /** The case system could not be reached, and the event will be tried again: no change of status, an entry. */
    @Transactional
    public void retrying(Subject e, int attempts, String reason, SharingDecision shared) {
        List<Object> values = new ArrayList<>(List.of(attempts));
        String assignments = "attempts = ?";
        List<AuditRecord> entries = new ArrayList<>(2);
        if (shared != null) {
            assignments += ", sharing_decision = ?, sharing_rule = ?";
            values.addAll(List.of(shared.outcome(), shared.rule()));
            entries.add(shared.entry());
        }
        values.add(e.eventId());
        jdbc.update("update accepted_event set " + assignments + " where event_id = ?", values.toArray());
        entries.add(entry(AuditAction.RETRIED, "hub", e).detail("attempt=" + attempts + " reason=" + reason));
        auditTrail.append(entries);
    }

    /** Put aside for an engineer: the case system refused it, or could not be reached for long enough, or the broker gave up. */
    @Transactional
    public void parked(Subject e, String reason, int attempts, String caseSystemAnswer, SharingDecision shared) {
        move(e, EventStatus.PARKED, shared, "parked_reason = ?, parked_at = ?, attempts = ?, case_system_answer = ?",
                Arrays.asList(clip(reason), now(), attempts, clip(caseSystemAnswer)), entry(AuditAction.PARKED, "hub", e).detail(reason));
    }

    /** Withheld by the sharing policy, for a manager to decide. */
    @Transactional
    public void withheld(Subject e, SharingDecision withheld) {
        move(e, EventStatus.WITHHELD, withheld, "", List.of(), null);
    }

    /** A manager released a withheld event: on its way again, under the manager's override. */
    @Transactional
    public void released(Subject e, String actor, String rule) {
        move(e, EventStatus.RELEASED, null, "", List.of(),
                entry(AuditAction.WITHHELD_RELEASED, actor, e).detail("withheld under " + rule));
        // The release's own duplicate id: the broker has seen the event id; a second release is refused above.
        enqueue(List.of(e.eventId()), List.of(e.eventId() + ":released"));
    }

    /** A manager refused a withheld event: it never goes to the case system. */
    @Transactional
    public void refused(Subject e, String actor, String rule) {
        move(e, EventStatus.REFUSED, null, "", List.of(), entry(AuditAction.WITHHELD_REFUSED, actor, e).detail("withheld under " + rule));
    }

    /** An engineer sent a parked event again; false when it is not parked. */
    @Transactional
    public boolean replayed(String eventId, String actor) {
        Optional<Subject> e = subject(eventId, EventStatus.PARKED);
        if (e.isEmpty()) {
            return false;
        }
        move(e.get(), EventStatus.PUBLISHED, null, "parked_reason = null, parked_at = null, case_system_answer = null", List.of(),
                entry(AuditAction.REPLAYED, actor, e.get()).detail("from parked"));
        // A new message to the broker (it has seen the event id), the same event to the case system.
        enqueue(List.of(eventId), List.of(eventId + ":replay:" + UUID.randomUUID()));
        return true;
    }

    /** An engineer removed a parked event for good, with the reason; false when it is not parked. */
    @Transactional
    public boolean discarded(String eventId, String actor, String reason) {
        Optional<Subject> e = subject(eventId, EventStatus.PARKED);
        if (e.isEmpty()) {
            return false;
        }
        move(e.get(), EventStatus.DISCARDED, null, "", List.of(), entry(AuditAction.DISCARDED, actor, e.get()).detail("from parked: " + reason));
        return true;
    }

    /** Who the event is about, locked, if it is in this status. */
    public Optional<Subject> subject(String eventId, EventStatus status) {
        return jdbc.query("""
                select a.event_id, a.partner_id, a.hub_message_id, a.hub_child_id, m.correlation_id
                from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id
                where a.event_id = ? and a.status = ? for update""",
                (rs, i) -> new Subject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                eventId, status.name()).stream().findFirst();
    }

    /**
     * The one place an event's status changes: only from a status {@code to} allows, with the sharing decision the
     * change went out under (if any) and the change's audit entry, together.
     */
    private void move(Subject e, EventStatus to, SharingDecision decided, String assignments, List<Object> values, AuditRecord entry) {
        StringBuilder set = new StringBuilder("status = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(to.name());
        if (!assignments.isEmpty()) {
            set.append(", ").append(assignments);
            arguments.addAll(values);
        }
        List<AuditRecord> entries = new ArrayList<>(2);
        if (decided != null) {
            set.append(", sharing_decision = ?, sharing_rule = ?");
            arguments.add(decided.outcome());
            arguments.add(decided.rule());
            entries.add(decided.entry());
        }
        arguments.add(e.eventId());
        String from = to.from().stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        if (jdbc.update("update accepted_event set " + set + " where event_id = ? and status in (" + from + ")", arguments.toArray()) != 1) {
            throw new IllegalTransition(e.eventId(), to);
        }
        if (entry != null) {
            entries.add(entry);
        }
        auditTrail.append(entries);
    }

    private static AuditRecord entry(AuditAction action, String actor, Subject e) {
        return AuditRecord.of(action).actor(actor).correlationId(e.correlationId()).partnerId(e.partnerId())
                .hubMessageId(e.hubMessageId()).eventId(e.eventId()).hubChildId(e.hubChildId());
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static String json(CanonicalEvent event) {
        try {
            return CanonicalJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
