package org.mashhub.hub.enquiries;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.ingest.PartnerAnswers;
import org.mashhub.hub.ledger.MadeEvents;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.outbound.OutboundProperties;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.Agreements;
import org.mashhub.hub.sharing.StaffView;
import org.mashhub.hub.storage.Times;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.PartnerAnswerEvent;
import org.mashhub.schemas.events.Sharing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner checks: an enquiry about a child asks each chosen partner what it holds, due by the RAG rating. Each request
 * becomes one {@code INFORMATION_REQUEST} notification, only where the partner's agreement lets {@value #KIND} go to it,
 * naming the child as that partner knows the child (its own reference and identifiers, the NHS Number for health, the
 * UPN for a school) and nothing of what other partners said. A partner answers only its own requests.
 */
@Component
public class Enquiries implements PartnerAnswers {

    /** The agreement's name for this kind of notification ({@code outbound:} in {@code config/sharing/}). */
    static final String KIND = "information-request";
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Set<String> AGENCIES = Set.of("police", "health", "education", "housing");
    /** An answer's substance, by the answering agency: what that agency's agreement says of the like. */
    private static final Map<String, DataCategory> ANSWER_CATEGORY = Map.of("police", DataCategory.POLICE_INTELLIGENCE,
            "health", DataCategory.HEALTH_CONDITION, "education", DataCategory.EDUCATION_CONCERN, "housing", DataCategory.HOUSING_STATUS);

    /** What staff ask for: the child, whom (partner ids, or agencies: every partner of each), how urgent, what, and why. */
    public record Raise(String hubChildId, List<String> partners, List<String> agencies, String rag, String question,
                        List<String> lawfulBasis) {
    }

    /** A partner's request as staff see it: whom, when due, and the answer once there. */
    public record Request(String id, String partnerId, String partnerName, String agency, String status, Instant dueAt, boolean overdue,
                          Instant answeredAt, Boolean late, Boolean nothingKnown, String summary, String detail, Instant answerPurgedAt,
                          String answerEventId, String notShown) {

        /** The request with its answer's words held back from this viewer, and why. */
        Request heldBack(String why) {
            return new Request(id, partnerId, partnerName, agency, status, dueAt, overdue, answeredAt, late, null, null, null, answerPurgedAt,
                    answerEventId, why);
        }
    }

    /** An enquiry: the child, what was asked and why, by whom, and each partner's request. */
    public record Enquiry(String id, String hubChildId, String rag, String question, List<String> lawfulBasis, String raisedBy,
                          Instant raisedAt, List<Request> requests, List<Map<String, String>> notAsked) {
    }

    private final JdbcTemplate jdbc;
    private final PartnerRegistry partners;
    private final ChildIndex index;
    private final Agreements agreements;
    private final PartnerNotifications notifications;
    private final AuditTrail auditTrail;
    private final EnquiryProperties properties;
    private final String mashContact;
    private final Clock clock;
    private final MadeEvents madeEvents;
    private final ChildAsKnown childAsKnown;
    private final StaffView staffView;
    private final boolean answersToCaseSystem;

    Enquiries(JdbcTemplate jdbc, PartnerRegistry partners, ChildIndex index, Agreements agreements, PartnerNotifications notifications,
              AuditTrail auditTrail,
              EnquiryProperties properties, OutboundProperties outbound, Clock clock, MadeEvents madeEvents, ChildAsKnown childAsKnown,
              StaffView staffView,
              @Value("${hub.case-system.answers:true}") boolean answersToCaseSystem) {
        this.madeEvents = madeEvents;
        this.childAsKnown = childAsKnown;
        this.staffView = staffView;
        this.answersToCaseSystem = answersToCaseSystem;
        this.jdbc = jdbc;
        this.partners = partners;
        this.index = index;
        this.agreements = agreements;
        this.notifications = notifications;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.mashContact = outbound.mashContact();
        this.clock = clock;
    }

    /** Raises the enquiry and sends each allowed partner its request; partners whose agreement does not allow it are listed. */
    @Transactional
    public Enquiry raise(Raise raise, String actor) {
        List<Map<String, String>> problems = new ArrayList<>();
        // A child linked into another is asked about as the child it was linked into.
        String hubChildId = raise.hubChildId() == null || raise.hubChildId().isBlank() ? null : index.current(raise.hubChildId());
        if (hubChildId == null) {
            problems.add(RequestRefusals.problem("/hubChildId", "the hub child id of the child asked about (from the child's page)"));
        } else if (index.describe(hubChildId).isEmpty()) {
            problems.add(RequestRefusals.problem("/hubChildId", "no child " + raise.hubChildId() + " is known to the hub"));
        }
        EnquiryProperties.Rag rag = Arrays.stream(EnquiryProperties.Rag.values()).filter(r -> r.name().equals(raise.rag())).findFirst()
                .orElse(null);
        if (rag == null) {
            problems.add(RequestRefusals.problem("/rag", "one of RED, AMBER, GREEN"));
        }
        if (raise.question() == null || raise.question().isBlank() || raise.question().length() > 2000) {
            problems.add(RequestRefusals.problem("/question", "what the MASH asks, 1 to 2000 characters"));
        }
        List<String> bases = raise.lawfulBasis() == null ? List.of() : raise.lawfulBasis();
        if (bases.isEmpty()) {
            problems.add(RequestRefusals.problem("/lawfulBasis", "at least one of " + Agreements.LAWFUL_BASES.stream().sorted().toList()));
        }
        bases.stream().filter(b -> !Agreements.LAWFUL_BASES.contains(b))
                .forEach(b -> problems.add(RequestRefusals.problem("/lawfulBasis", b + " is not one of " + Agreements.LAWFUL_BASES.stream().sorted().toList())));
        Set<String> asked = whom(raise, problems);
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(UK));
        List<String> allowed = asked.stream().filter(p -> agreements.inForce(p, today).map(a -> a.allowsBack(KIND)).orElse(false)).toList();
        List<Map<String, String>> notAsked = asked.stream().filter(p -> !allowed.contains(p))
                .map(p -> Map.of("partnerId", p, "reason", "its sharing agreement has no outbound " + KIND)).toList();
        if (allowed.isEmpty()) {
            throw new RequestRefusals.Problems(List.of(RequestRefusals.problem("/partners", "no partner asked may be sent a request: " + notAsked)));
        }
        String enquiryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into enquiry (enquiry_id, hub_child_id, rag, question, lawful_basis, raised_by, raised_at)
                values (?, ?, ?, ?, ?, ?, ?)""", enquiryId, hubChildId, rag.name(), raise.question().trim(), String.join(" ", bases), actor, utc(now));
        // To the second: the same instant in the partner's notification and in the hub's table.
        Instant due = now.plus(properties.answerWithin(rag)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (String partnerId : allowed) {
            String requestId = UUID.randomUUID().toString();
            jdbc.update("insert into enquiry_request (request_id, enquiry_id, partner_id, status, due_at) values (?, ?, ?, 'WAITING', ?)",
                    requestId, enquiryId, partnerId, utc(due));
            ObjectNode about = CanonicalJson.mapper().createObjectNode().put("requestId", requestId);
            ObjectNode child = childAsKnown.forPartner(partnerId, hubChildId, about);
            ObjectNode body = CanonicalJson.mapper().createObjectNode().put("enquiryId", enquiryId).put("question", raise.question().trim())
                    .put("rag", rag.name());
            bases.forEach(body.putArray("lawfulBasis")::add);
            if (!mashContact.isBlank()) {
                body.put("contact", mashContact);
            }
            PartnerNotifications.Notification sent = notifications.make(new PartnerNotifications.Draft(partnerId,
                    PartnerNotifications.Type.INFORMATION_REQUEST, hubChildId, null, requestId, due, child, about, body), actor);
            jdbc.update("update enquiry_request set notification_id = ? where request_id = ?", sent.id(), requestId);
        }
        notAsked.forEach(n -> auditTrail.append(AuditRecord.of(AuditAction.NOTIFICATION_NOT_ALLOWED).actor(actor).partnerId(n.get("partnerId"))
                .hubChildId(hubChildId).detail("type=INFORMATION_REQUEST enquiry=" + enquiryId + ": the agreement has no outbound " + KIND)));
        auditTrail.append(AuditRecord.of(AuditAction.ENQUIRY_RAISED).actor(actor).hubChildId(hubChildId)
                .detail("enquiry=" + enquiryId + " rag=" + rag + " partners=" + String.join(",", allowed) + " basis=" + String.join(",", bases)));
        return find(enquiryId).map(e -> new Enquiry(e.id(), e.hubChildId(), e.rag(), e.question(), e.lawfulBasis(), e.raisedBy(), e.raisedAt(),
                e.requests(), notAsked)).orElseThrow();
    }

    /** A request still waiting for its partner's answer, for the MASH's list of what it waits for. */
    public record Waiting(String requestId, String enquiryId, String hubChildId, String partnerId, String partnerName,
                          String agency, String rag, Instant dueAt, boolean overdue) {
    }

    /** Every request still waiting for an answer, soonest due (the overdue) first. */
    public List<Waiting> waiting() {
        Instant now = clock.instant();
        return jdbc.queryForList("""
                select r.request_id, r.enquiry_id, r.partner_id, r.due_at, e.hub_child_id, e.rag
                from enquiry_request r join enquiry e on e.enquiry_id = r.enquiry_id
                where r.status = 'WAITING' order by r.due_at, r.request_id""").stream().map(r -> {
                    Instant due = Times.instant(r.get("due_at"));
                    String partnerId = (String) r.get("partner_id");
                    return new Waiting((String) r.get("request_id"), (String) r.get("enquiry_id"), (String) r.get("hub_child_id"),
                            partnerId, partners.byId(partnerId).map(Partner::name).orElse(partnerId),
                            partners.agency(partnerId), (String) r.get("rag"), due, now.isAfter(due));
                }).toList();
    }

    /** How many requests are past their due time unanswered, for the managers' figures. */
    public int overdue() {
        Integer overdue = jdbc.queryForObject("select count(*) from enquiry_request where status = 'WAITING' and due_at < ?", Integer.class,
                utc(clock.instant()));
        return overdue == null ? 0 : overdue;
    }

    /** The partners (by name) whose answer to a check about the child (or a child linked into it) is still awaited. */
    public List<String> unansweredFor(String hubChildId) {
        return jdbc.queryForList("""
                select distinct r.partner_id from enquiry_request r join enquiry e on e.enquiry_id = r.enquiry_id
                join hub_child c on c.hub_child_id = e.hub_child_id
                where r.status = 'WAITING' and (c.hub_child_id = ? or c.merged_into = ?) order by r.partner_id""", String.class,
                hubChildId, hubChildId).stream().map(p -> partners.byId(p).map(Partner::name).orElse(p)).toList();
    }

    /** The child's name as the latest partner wrote it, for a list of checks. */
    public Optional<String> childName(String hubChildId) {
        return childAsKnown.name(hubChildId);
    }

    /** The enquiries about the child (and children linked into it), latest first, as staff with these roles may read them. */
    public List<Enquiry> ofChild(String hubChildId, Collection<String> roles) {
        return jdbc.queryForList("""
                select e.enquiry_id from enquiry e join hub_child c on c.hub_child_id = e.hub_child_id
                where c.hub_child_id = ? or c.merged_into = ? order by e.raised_at desc""", String.class, hubChildId, hubChildId)
                .stream().map(id -> seenBy(find(id).orElseThrow(), roles)).toList();
    }

    /** The enquiry as staff with these roles may read it. */
    public Optional<Enquiry> find(String enquiryId, Collection<String> roles) {
        return find(enquiryId).map(e -> seenBy(e, roles));
    }

    /**
     * Each answer's words only where its event may be seen: the sharing policy (the family's consent today, a manager's
     * release), the agreement's roles, retention; as on the child's page and on the way to the case system.
     */
    private Enquiry seenBy(Enquiry enquiry, Collection<String> roles) {
        List<Request> requests = enquiry.requests().stream().map(r -> {
            if (r.answerEventId() == null) {
                return r;
            }
            Map<String, Object> event = jdbc.queryForMap("select partner_id, primary_category, payload from accepted_event where event_id = ?",
                    r.answerEventId());
            StaffView.Seen seen = staffView.see(r.answerEventId(), (String) event.get("partner_id"), (String) event.get("primary_category"),
                    (String) event.get("payload"), roles);
            return seen.shown() ? r : r.heldBack(seen.heldBecause());
        }).toList();
        return new Enquiry(enquiry.id(), enquiry.hubChildId(), enquiry.rag(), enquiry.question(), enquiry.lawfulBasis(), enquiry.raisedBy(),
                enquiry.raisedAt(), requests, enquiry.notAsked());
    }

    /** The enquiry with each request and answer, as it stands now (every answer's words: for the hub's own use). */
    Optional<Enquiry> find(String enquiryId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from enquiry where enquiry_id = ?", enquiryId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> e = rows.get(0);
        Instant now = clock.instant();
        List<Map<String, Object>> requestRows = jdbc.queryForList("select * from enquiry_request where enquiry_id = ? order by partner_id", enquiryId);
        List<Request> requests = requestRows.stream().map(r -> {
                    Instant due = Times.instant(r.get("due_at"));
                    Instant answered = r.get("answered_at") == null ? null : Times.instant(r.get("answered_at"));
                    String partnerId = (String) r.get("partner_id");
                    return new Request((String) r.get("request_id"), partnerId, partners.byId(partnerId).map(Partner::name).orElse(partnerId),
                            partners.agency(partnerId), (String) r.get("status"), due,
                            answered == null && now.isAfter(due), answered, answered == null ? null : answered.isAfter(due),
                            (Boolean) r.get("nothing_known"), (String) r.get("summary"), (String) r.get("detail"),
                            Times.instant(r.get("answer_purged_at")), (String) r.get("answer_event_id"), null);
                }).toList();
        return Optional.of(new Enquiry(enquiryId, (String) e.get("hub_child_id"), (String) e.get("rag"), (String) e.get("question"),
                List.of(((String) e.get("lawful_basis")).split(" ")), (String) e.get("raised_by"), Times.instant(e.get("raised_at")),
                requests, List.of()));
    }

    /**
     * The partner answers its own request. The same answer again is answered as before; another answer once one is in is a
     * conflict. Another partner's request, or one that does not exist, is refused as not found, and the refusal audited.
     */
    @Override
    @Transactional(noRollbackFor = RequestRefusals.NotFound.class) // the refusal's audit entry stays
    public Taken answer(Partner partner, String requestId, Said answer) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select r.*, e.hub_child_id, e.rag, e.question, e.lawful_basis, e.raised_by, e.raised_at
                from enquiry_request r join enquiry e on e.enquiry_id = r.enquiry_id
                where r.request_id = ? for update""", requestId);
        if (rows.isEmpty() || !partner.id().equals(rows.get(0).get("partner_id"))) {
            auditTrail.append(AuditRecord.of(AuditAction.ENQUIRY_ANSWER_REFUSED).actor("partner:" + partner.id()).partnerId(partner.id())
                    .detail("request=" + clip(requestId) + (rows.isEmpty() ? ": no such request" : ": another partner's request")));
            throw new RequestRefusals.NotFound("No request " + requestId + " for this partner.");
        }
        Map<String, Object> row = rows.get(0);
        List<Map<String, String>> problems = new ArrayList<>();
        if (answer.nothingKnown() == null) {
            problems.add(RequestRefusals.problem("/nothingKnown", "true when the partner holds nothing about the child, false otherwise"));
        }
        String summary = answer.summary() == null || answer.summary().isBlank() ? null : answer.summary().trim();
        if (Boolean.FALSE.equals(answer.nothingKnown()) && summary == null) {
            problems.add(RequestRefusals.problem("/summary", "what the partner holds, in a few sentences (required unless nothingKnown)"));
        }
        if (summary != null && summary.length() > 2000) {
            problems.add(RequestRefusals.problem("/summary", summary.length() + " characters long; at most 2000"));
        }
        String detail = answer.detail() == null || answer.detail().isBlank() ? null : answer.detail().trim();
        if (detail != null && detail.length() > 20000) {
            problems.add(RequestRefusals.problem("/detail", detail.length() + " characters long; at most 20000"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        if ("ANSWERED".equals(row.get("status"))) {
            boolean same = answer.nothingKnown().equals(row.get("nothing_known")) && java.util.Objects.equals(summary, row.get("summary"))
                    && java.util.Objects.equals(detail, row.get("detail"));
            if (!same) {
                throw new RequestRefusals.Conflict("Request " + requestId + " was answered already, otherwise.");
            }
        } else {
            // To the microsecond, as the database keeps it: a repeat of the answer is told the same time.
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            boolean late = now.isAfter(Times.instant(row.get("due_at")));
            auditTrail.append(AuditRecord.of(AuditAction.ENQUIRY_ANSWERED).actor("partner:" + partner.id()).partnerId(partner.id())
                    .hubChildId((String) row.get("hub_child_id")).detail("request=" + requestId + " enquiry=" + row.get("enquiry_id")
                            + " nothingKnown=" + answer.nothingKnown() + (late ? " late" : " in time")));
            String eventId = answersToCaseSystem ? recordAnswer(partner, row, answer.nothingKnown(), summary, detail, now, late) : null;
            jdbc.update("""
                    update enquiry_request set status = 'ANSWERED', answered_at = ?, nothing_known = ?, summary = ?, detail = ?,
                           answer_event_id = ?
                    where request_id = ?""", utc(now), answer.nothingKnown(), summary, detail, eventId, requestId);
            row.put("answered_at", utc(now));
            // Answering shows the partner has the request (and any reminder): neither is offered or pushed again.
            if (row.get("notification_id") != null) {
                notifications.delivered(partner.id(), (String) row.get("notification_id"), "partner:" + partner.id());
            }
            notifications.aboutRequest(partner.id(), PartnerNotifications.Type.INFORMATION_REQUEST_REMINDER, requestId)
                    .ifPresent(r -> notifications.delivered(partner.id(), r.id(), "partner:" + partner.id()));
        }
        Instant answeredAt = Times.instant(row.get("answered_at"));
        return new Taken(requestId, answeredAt, answeredAt.isAfter(Times.instant(row.get("due_at"))));
    }

    /**
     * The answer as partner information like any other: a {@link PartnerAnswerEvent} from the partner, in the ledger in
     * this transaction, in the child's sequence, decided by the sharing policy (its first category the partner's own
     * substance) on its way to the case system. Its message id is the request's, so it is made once. Returns its event id.
     */
    private String recordAnswer(Partner partner, Map<String, Object> request, boolean nothingKnown, String summary, String detail,
                              Instant answeredAt, boolean late) {
        String requestId = (String) request.get("request_id");
        String partnerMessageId = "answer-" + requestId;
        String hubMessageId = EventIds.hubMessageId(partner.id(), partnerMessageId);
        String agency = partners.agency(partner.id());
        String hubChildId = index.current((String) request.get("hub_child_id"));
        String reference = notifications.aboutRequest(partner.id(), PartnerNotifications.Type.INFORMATION_REQUEST, requestId)
                .map(n -> n.envelope().at("/about/reference").asText(null)).orElse(null);
        PartnerAnswerEvent event = new PartnerAnswerEvent(EventIds.eventId(hubMessageId, "answer"), "enquiry-answer-" + requestId.substring(0, 8),
                answeredAt, answeredAt, new EventSource(Agency.valueOf(agency.toUpperCase(java.util.Locale.ROOT)), partner.id(), partnerMessageId,
                hubMessageId, reference),
                new ChildSubject(hubChildId, List.of(), null, null, null, null, null),
                new PartnerAnswerEvent.Enquiry((String) request.get("enquiry_id"), requestId, (String) request.get("rag"),
                        (String) request.get("question"), (String) request.get("raised_by"), Times.instant(request.get("raised_at")),
                        Times.instant(request.get("due_at"))),
                new PartnerAnswerEvent.Answer(nothingKnown, summary, detail, late), List.of(ANSWER_CATEGORY.get(agency)),
                new Sharing(List.of(((String) request.get("lawful_basis")).split(" ")), ConsentState.NOT_SOUGHT, null, null, null));
        madeEvents.record("partner:" + partner.id(), partner.id(), partnerMessageId, hubMessageId, event.correlationId(), answeredAt,
                List.of(event));
        return event.eventId();
    }

    /** One request as staff see it, after its partner answered. */
    public Request request(String requestId) {
        String enquiryId = jdbc.queryForObject("select enquiry_id from enquiry_request where request_id = ?", String.class, requestId);
        return find(enquiryId).orElseThrow().requests().stream().filter(r -> r.id().equals(requestId)).findFirst().orElseThrow();
    }

    /**
     * The clock, each step once per request: at three quarters of its time a request still unanswered is sent again to
     * its partner as an {@code INFORMATION_REQUEST_REMINDER}; past its due time it is marked overdue, audited, and counted
     * in what the MASH waits for.
     */
    @Transactional
    public void remindAndMarkOverdue() {
        Instant now = clock.instant();
        for (Map<String, Object> r : jdbc.queryForList("""
                select r.request_id, r.partner_id, r.due_at, r.notification_id, r.reminded_at, r.overdue_at, e.raised_at, e.hub_child_id,
                       e.enquiry_id
                from enquiry_request r join enquiry e on e.enquiry_id = r.enquiry_id
                where r.status = 'WAITING'
                  and ((r.reminded_at is null and r.due_at > ?) or (r.overdue_at is null and r.due_at < ?))""", utc(now), utc(now))) {
            String requestId = (String) r.get("request_id");
            String partnerId = (String) r.get("partner_id");
            Instant raised = Times.instant(r.get("raised_at"));
            Instant due = Times.instant(r.get("due_at"));
            Instant remindAt = raised.plus(Duration.between(raised, due).multipliedBy(3).dividedBy(4));
            if (r.get("reminded_at") == null && !now.isBefore(remindAt) && now.isBefore(due) && r.get("notification_id") != null
                    && jdbc.update("update enquiry_request set reminded_at = ? where request_id = ? and reminded_at is null", utc(now), requestId) == 1) {
                notifications.find(partnerId, (String) r.get("notification_id")).ifPresent(asked -> notifications.make(
                        new PartnerNotifications.Draft(partnerId, PartnerNotifications.Type.INFORMATION_REQUEST_REMINDER,
                                (String) r.get("hub_child_id"), null, requestId, due, (ObjectNode) asked.envelope().get("child"),
                                (ObjectNode) asked.envelope().get("about"), (ObjectNode) asked.envelope().get("body")), "hub"));
            }
            if (r.get("overdue_at") == null && now.isAfter(due)
                    && jdbc.update("update enquiry_request set overdue_at = ? where request_id = ? and overdue_at is null", utc(now), requestId) == 1) {
                auditTrail.append(AuditRecord.of(AuditAction.ENQUIRY_OVERDUE).actor("hub").partnerId(partnerId)
                        .hubChildId((String) r.get("hub_child_id")).detail("request=" + requestId + " enquiry=" + r.get("enquiry_id")
                                + " due=" + due));
            }
        }
    }

    /**
     * Retention: an answer's words (summary and detail) go once older than the partner's agreement keeps the answer's
     * category (its agency's substance, as for its {@code PartnerAnswerEvent}, whose content the hub's retention purge
     * removes at the same time). The request, its times and "nothing known" stay, for the figures; a partner with no
     * agreement in force, or none for that category, keeps its answers, as its events are kept. Audited with the count.
     */
    @Transactional
    public int purgeAnswers(String actor) {
        LocalDate today = LocalDate.now(clock.withZone(UK));
        Instant now = clock.instant();
        int purged = 0;
        for (String partnerId : jdbc.queryForList("select distinct partner_id from enquiry_request where answered_at is not null "
                + "and answer_purged_at is null and (summary is not null or detail is not null)", String.class)) {
            DataCategory category = ANSWER_CATEGORY.get(partners.agency(partnerId));
            Optional<java.time.Period> kept = agreements.inForce(partnerId, today).map(a -> a.categories().get(category == null ? "" : category.code()))
                    .map(c -> c.retention());
            if (kept.isPresent()) {
                purged += jdbc.update("""
                        update enquiry_request set summary = null, detail = null, answer_purged_at = ?
                        where partner_id = ? and answered_at < ? and answer_purged_at is null""", utc(now), partnerId,
                        utc(today.minus(kept.get()).atStartOfDay(UK).toInstant()));
            }
        }
        auditTrail.append(AuditRecord.of(AuditAction.RETENTION_PURGED).actor(actor).detail("enquiry-answers=" + purged));
        return purged;
    }

    /** The partners asked: those named (each known), and every enabled partner of each agency named. */
    private Set<String> whom(Raise raise, List<Map<String, String>> problems) {
        Set<String> asked = new LinkedHashSet<>();
        List<String> named = raise.partners() == null ? List.of() : raise.partners();
        List<String> agencies = raise.agencies() == null ? List.of() : raise.agencies();
        for (String id : named) {
            if (partners.byId(id).isEmpty()) {
                problems.add(RequestRefusals.problem("/partners", "no partner " + id));
            } else {
                asked.add(id);
            }
        }
        for (String agency : agencies) {
            if (!AGENCIES.contains(agency)) {
                problems.add(RequestRefusals.problem("/agencies", agency + " is not one of " + AGENCIES.stream().sorted().toList()));
                continue;
            }
            for (PartnerKind kind : PartnerKind.values()) {
                partners.enabled(kind).stream().filter(p -> partners.agency(p.id()).equals(agency)).forEach(p -> asked.add(p.id()));
            }
        }
        if (named.isEmpty() && agencies.isEmpty()) {
            problems.add(RequestRefusals.problem("/partners", "name the partners to ask, or the agencies (police, health, education, housing)"));
        }
        return asked;
    }

    private static String clip(String text) {
        return text == null || text.length() <= 64 ? text : text.substring(0, 64);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
