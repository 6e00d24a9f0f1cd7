package org.mashhub.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.JsonContract;
import org.mashhub.schemas.Problem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the hub sends back to partners, and each notification's state: made (WAITING), then DELIVERED once the partner
 * acknowledged it (pull) or its endpoint took it (push); PARKED when its endpoint refused it or did not take it for long
 * enough (an engineer replays it; the partner can still pull it). Every notification is checked against
 * {@code schemas/notifications/notification.v1.schema.json} before it is kept, and every change is audited with it.
 * One notification of a type about an event for a partner: making it again is the same notification, so a retry of
 * whatever made it never sends a partner two.
 */
@Component
public class PartnerNotifications {

    /** The notification types of the envelope schema. */
    public enum Type { REFERRAL_OUTCOME, OPERATION_ENCOMPASS, INFORMATION_REQUEST, INFORMATION_REQUEST_REMINDER }

    /**
     * A notification as kept: its id, the partner's, its state, the envelope the partner gets, and the partner's endpoint's
     * last answer (why it was retried or parked).
     */
    public record Notification(String id, String partnerId, Type type, String status, Instant createdAt, Instant dueBy,
                               String hubChildId, String aboutEventId, String aboutRequestId, int attempts, Instant deliveredAt,
                               ObjectNode envelope, String lastAnswer) {
    }

    /**
     * What makes a notification: the partner, the type, the child, what it follows from (an event, or a partner check's
     * request), and the envelope's parts.
     */
    public record Draft(String partnerId, Type type, String hubChildId, String aboutEventId, String aboutRequestId, Instant dueBy,
                        ObjectNode child, ObjectNode about, ObjectNode body) {

        /** A notification that follows from an event. */
        public Draft(String partnerId, Type type, String hubChildId, String aboutEventId, Instant dueBy, ObjectNode child,
                     ObjectNode about, ObjectNode body) {
            this(partnerId, type, hubChildId, aboutEventId, null, dueBy, child, about, body);
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final Clock clock;

    PartnerNotifications(JdbcTemplate jdbc, AuditTrail auditTrail, Clock clock) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    /**
     * Makes the notification, audited, unless the partner has it already for that event or request; the one kept either way.
     *
     * @throws IllegalStateException when the envelope does not meet its schema (the hub's own making: a bug)
     */
    @Transactional
    public Notification make(Draft draft, String actor) {
        Optional<Notification> made = made(draft);
        if (made.isPresent()) {
            return made.get();
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ObjectNode envelope = CanonicalJson.mapper().createObjectNode().put("id", id).put("schemaVersion", 1)
                .put("type", draft.type().name()).put("partnerId", draft.partnerId()).put("createdAt", now.toString());
        if (draft.dueBy() != null) {
            envelope.put("dueBy", draft.dueBy().toString());
        }
        envelope.set("child", draft.child());
        envelope.set("about", draft.about());
        envelope.set("body", draft.body());
        List<Problem> problems = JsonContract.PARTNER_NOTIFICATION_V1.validate(envelope);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(draft.type() + " notification does not meet its schema: " + problems);
        }
        jdbc.update("""
                insert into partner_notification (notification_id, partner_id, type, status, created_at, due_by, hub_child_id,
                                                  about_event_id, about_request_id, payload)
                values (?, ?, ?, 'WAITING', ?, ?, ?, ?, ?, ?)""", id, draft.partnerId(), draft.type().name(), utc(now),
                draft.dueBy() == null ? null : utc(draft.dueBy()), draft.hubChildId(), draft.aboutEventId(), draft.aboutRequestId(),
                json(envelope));
        auditTrail.append(AuditRecord.of(AuditAction.NOTIFICATION_MADE).actor(actor).partnerId(draft.partnerId())
                .eventId(draft.aboutEventId()).hubChildId(draft.hubChildId()).detail("type=" + draft.type() + " notification=" + id
                        + (draft.aboutRequestId() == null ? "" : " request=" + draft.aboutRequestId())));
        return made(draft).orElseThrow();
    }

    /** The partner's notification of this type about a partner check's request, if one was made. */
    public Optional<Notification> aboutRequest(String partnerId, Type type, String requestId) {
        return jdbc.query("select * from partner_notification where partner_id = ? and type = ? and about_request_id = ?",
                this::notification, partnerId, type.name(), requestId).stream().findFirst();
    }

    private Optional<Notification> made(Draft draft) {
        if (draft.aboutRequestId() == null) {
            return find(draft.partnerId(), draft.type(), draft.aboutEventId());
        }
        return aboutRequest(draft.partnerId(), draft.type(), draft.aboutRequestId());
    }

    /** The partner's notifications it does not have yet (waiting, or parked after a push failed), oldest first, after the one given. */
    public List<Notification> waiting(String partnerId, String after, int limit) {
        if (after == null) {
            return jdbc.query("select * from partner_notification where partner_id = ? and status in ('WAITING', 'PARKED') "
                    + "order by created_at, notification_id limit ?", this::notification, partnerId, limit);
        }
        return jdbc.query("""
                select n.* from partner_notification n, partner_notification a
                where a.notification_id = ? and a.partner_id = ? and n.partner_id = ? and n.status in ('WAITING', 'PARKED')
                  and (n.created_at > a.created_at or (n.created_at = a.created_at and n.notification_id > a.notification_id))
                order by n.created_at, n.notification_id limit ?""", this::notification, after, partnerId, partnerId, limit);
    }

    /**
     * The partner's waiting notifications that may be pushed now, oldest first: up to the first one waiting for its next
     * attempt, so a later notification never overtakes an earlier one.
     */
    public List<Notification> due(String partnerId, int limit) {
        return jdbc.query("""
                select * from partner_notification n where n.partner_id = ? and n.status = 'WAITING'
                  and not exists (select 1 from partner_notification b where b.partner_id = n.partner_id and b.status = 'WAITING'
                                  and b.next_attempt_at > ?
                                  and (b.created_at < n.created_at or (b.created_at = n.created_at and b.notification_id <= n.notification_id)))
                order by n.created_at, n.notification_id limit ?""",
                this::notification, partnerId, utc(clock.instant()), limit);
    }

    /** A push did not reach the partner: tried again at that time, audited with the answer. */
    @Transactional
    public void retrying(Notification n, String answer, Instant nextAttempt) {
        if (jdbc.update("update partner_notification set attempts = attempts + 1, next_attempt_at = ?, last_answer = ? "
                + "where notification_id = ? and status = 'WAITING'", utc(nextAttempt), clip(answer), n.id()) == 1) {
            auditTrail.append(entry(AuditAction.NOTIFICATION_RETRIED, "hub", n).detail("type=" + n.type() + " notification=" + n.id()
                    + " answer=" + clip(answer)));
        }
    }

    /** The partner's endpoint refused it, or did not take it for long enough: put aside, audited with the reason. */
    @Transactional
    public void parked(Notification n, String reason) {
        if (jdbc.update("update partner_notification set status = 'PARKED', attempts = attempts + 1, last_answer = ? "
                + "where notification_id = ? and status = 'WAITING'", clip(reason), n.id()) == 1) {
            auditTrail.append(entry(AuditAction.NOTIFICATION_PARKED, "hub", n).detail("type=" + n.type() + " notification=" + n.id()
                    + " " + clip(reason)));
        }
    }

    /** An engineer sends a parked notification again (the same id: the partner keeps it once); false when not parked. */
    @Transactional
    public boolean replayed(String notificationId, String actor) {
        List<Notification> found = jdbc.query("select * from partner_notification where notification_id = ? and status = 'PARKED' for update",
                this::notification, notificationId);
        if (found.isEmpty()) {
            return false;
        }
        jdbc.update("update partner_notification set status = 'WAITING', next_attempt_at = null where notification_id = ?", notificationId);
        auditTrail.append(entry(AuditAction.NOTIFICATION_REPLAYED, actor, found.get(0)).detail("notification=" + notificationId));
        return true;
    }

    /** Parked notifications, oldest first, for engineers. */
    public List<Notification> parkedList(int limit) {
        return jdbc.query("select * from partner_notification where status = 'PARKED' order by created_at limit ?", this::notification, limit);
    }

    private static AuditRecord entry(AuditAction action, String actor, Notification n) {
        return AuditRecord.of(action).actor(actor).partnerId(n.partnerId()).eventId(n.aboutEventId()).hubChildId(n.hubChildId());
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    /** The partner's notification, whatever its state; empty for another partner's. */
    public Optional<Notification> find(String partnerId, String notificationId) {
        return jdbc.query("select * from partner_notification where notification_id = ? and partner_id = ?", this::notification,
                notificationId, partnerId).stream().findFirst();
    }

    /** The notifications about an event, for every partner (the MASH view: when was the referrer told). */
    public List<Notification> about(String eventId) {
        return jdbc.query("select * from partner_notification where about_event_id = ? order by created_at", this::notification, eventId);
    }

    /**
     * The partner has it: DELIVERED, audited once. Empty when it is not the partner's notification; an acknowledgement
     * of one delivered already changes nothing (a retried acknowledgement).
     */
    @Transactional
    public Optional<Notification> delivered(String partnerId, String notificationId, String actor) {
        Optional<Notification> found = jdbc.query("select * from partner_notification where notification_id = ? and partner_id = ? "
                + "for update", this::notification, notificationId, partnerId).stream().findFirst();
        if (found.isEmpty() || found.get().status().equals("DELIVERED")) {
            return found;
        }
        jdbc.update("update partner_notification set status = 'DELIVERED', delivered_at = ?, attempts = attempts + 1 "
                + "where notification_id = ?", utc(clock.instant()), notificationId);
        Notification n = found.get();
        auditTrail.append(AuditRecord.of(AuditAction.NOTIFICATION_DELIVERED).actor(actor).partnerId(partnerId).eventId(n.aboutEventId())
                .hubChildId(n.hubChildId()).detail("type=" + n.type() + " notification=" + notificationId));
        return find(partnerId, notificationId);
    }

    private Optional<Notification> find(String partnerId, Type type, String aboutEventId) {
        return jdbc.query("select * from partner_notification where partner_id = ? and type = ? and about_event_id = ?",
                this::notification, partnerId, type.name(), aboutEventId).stream().findFirst();
    }

    private Notification notification(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime due = rs.getObject("due_by", OffsetDateTime.class);
        OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
        try {
            return new Notification(rs.getString("notification_id"), rs.getString("partner_id"), Type.valueOf(rs.getString("type")),
                    rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    due == null ? null : due.toInstant(), rs.getString("hub_child_id"), rs.getString("about_event_id"),
                    rs.getString("about_request_id"), rs.getInt("attempts"), delivered == null ? null : delivered.toInstant(),
                    (ObjectNode) CanonicalJson.mapper().readTree(rs.getString("payload")), rs.getString("last_answer"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(ObjectNode envelope) {
        try {
            return CanonicalJson.mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return EventLedger.utc(instant);
    }
}
