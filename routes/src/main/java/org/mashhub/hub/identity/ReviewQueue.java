package org.mashhub.hub.identity;

import org.mashhub.hub.edge.FreeText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.ledger.HubNotices;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ChildrenLinkedData;
import org.mashhub.schemas.events.ChildrenSeparatedData;
import org.mashhub.schemas.events.NoticeType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What waits for a person about which child a record is:
 * <ul>
 *   <li>a possible match: the partner's description of the child, the provisional child its events went on
 *       under, and the candidates with each field's contribution. A member of staff links it to a known child
 *       (everything known of the provisional child moves there) or confirms it is a new child;</li>
 *   <li>a birth-date conflict: a record linked to a child (by an identifier, or by names with a day-month swap or
 *       a day out) gives another birth date than the child has. The child keeps both, by source; a member of staff
 *       confirms it is the same child, or finds it is not, when the record's events move to a new child.</li>
 * </ul>
 * Every decision is audited; a decided review is not decided again. A decision that changes which child records are
 * about (a link, or a record found to be another child's) is a notice to the case system, in the same transaction.
 */
@Component
public class ReviewQueue {

    public enum Status { OPEN, LINKED, NEW_CHILD }

    public enum Kind { POSSIBLE_MATCH, BIRTH_DATE_CONFLICT }

    /**
     * For a birth-date conflict, {@code provisionalHubChildId} is the child the record was linked to; LINKED means a
     * person confirmed it is that child, NEW_CHILD that it is another ({@code linkedHubChildId}: the new child).
     */
    public record Review(String reviewId, Kind kind, Status status, Instant createdAt, String partnerId, String hubMessageId,
                         String provisionalHubChildId, String reason, ChildSubject subject, List<CandidateView> candidates,
                         String decidedBy, Instant decidedAt, String linkedHubChildId, String decisionReason) {
    }

    /** Every child a list of reviews shows: each review's own record and its candidates. */
    public static List<String> childrenIn(List<Review> reviews) {
        return reviews.stream().flatMap(r -> java.util.stream.Stream.concat(java.util.stream.Stream.of(r.provisionalHubChildId()),
                r.candidates().stream().map(CandidateView::hubChildId))).toList();
    }

    /** A candidate as a person sees it: the child, the total, and what each field added. */
    public record CandidateView(String hubChildId, double score, Double probability, List<FieldView> fields) {

        static CandidateView of(Candidate candidate) {
            return new CandidateView(candidate.hubChildId(), candidate.score().total(),
                    Double.isNaN(candidate.probability()) ? null : candidate.probability(), candidate.score().contributions().stream()
                    .map(c -> new FieldView(c.field().name(), c.level().name(), c.weight())).toList());
        }
    }

    public record FieldView(String field, String level, double weight) {
    }

    /** A review that was decided already, or a link to a child that is not there to link to. */
    public static class ReviewDecisionException extends RuntimeException {
        public ReviewDecisionException(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final ChildProfiles profiles;
    private final IdentityProperties properties;
    private final HubNotices notices;
    private final Clock clock;

    ReviewQueue(JdbcTemplate jdbc, AuditTrail auditTrail, ChildProfiles profiles, IdentityProperties properties, HubNotices notices,
                Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.auditTrail = auditTrail;
        this.profiles = profiles;
        this.properties = properties;
        this.clock = clock;
    }

    String open(String provisionalHubChildId, ChildSubject subject, ChildIndex.Evaluation evaluation, String partnerId,
                String hubMessageId) {
        return insert(Kind.POSSIBLE_MATCH, provisionalHubChildId, subject, evaluation.reason(),
                evaluation.candidates().stream().limit(properties.reviewCandidates()).toList(), partnerId, hubMessageId);
    }

    /** A record linked to this child gives another birth date than the child has: a person checks. */
    String openBirthDateConflict(String hubChildId, ChildSubject subject, Candidate linked, String partnerId, String hubMessageId) {
        String reason = "the birth date differs from the child's: " + linked.known().birthDate() + " on record, " + subject.birthDate()
                + " in this record";
        return insert(Kind.BIRTH_DATE_CONFLICT, hubChildId, subject, reason, List.of(linked), partnerId, hubMessageId);
    }

    private String insert(Kind kind, String hubChildId, ChildSubject subject, String reason, List<Candidate> candidates,
                          String partnerId, String hubMessageId) {
        String reviewId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into identity_review (review_id, kind, status, created_at, partner_id, hub_message_id, provisional_hub_child_id,
                                             reason, subject, candidates)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                reviewId, kind.name(), Status.OPEN.name(), now(), partnerId, hubMessageId, hubChildId, truncate(reason, 200),
                json(subject), json(candidates.stream().map(CandidateView::of).toList()));
        return reviewId;
    }

    public List<Review> list(Status status, int limit) {
        return jdbc.query("select * from identity_review where status = ? order by created_at limit ?", MAPPER, status.name(), limit);
    }

    public Optional<Review> find(String reviewId) {
        return jdbc.query("select * from identity_review where review_id = ?", MAPPER, reviewId).stream().findFirst();
    }

    /**
     * Links the provisional child to a known one: one child from now on, and the decision audited. For a birth-date
     * conflict: confirms the record is about the child it was linked to (both birth dates stay, by source).
     */
    @Transactional
    public Review link(String reviewId, String hubChildId, String actor, String reason) {
        FreeText.bounded("reason", reason, FreeText.REASON);
        Review review = open(reviewId);
        String target = profiles.current(hubChildId);
        if (review.kind() == Kind.BIRTH_DATE_CONFLICT) {
            if (!target.equals(profiles.current(review.provisionalHubChildId()))) {
                throw new ReviewDecisionException("A birth-date conflict is confirmed for the child it is about, "
                        + review.provisionalHubChildId() + ".");
            }
            decide(review, Status.LINKED, actor, target, reason);
            auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_LINKED).actor(actor).partnerId(review.partnerId())
                    .hubMessageId(review.hubMessageId()).hubChildId(target).detail("review=" + reviewId + " birth-date conflict: same child"));
            return find(reviewId).orElseThrow();
        }
        if (profiles.profile(target).isEmpty() || target.equals(profiles.current(review.provisionalHubChildId()))) {
            throw new ReviewDecisionException("There is no other known child " + hubChildId + " to link to.");
        }
        link(review.provisionalHubChildId(), target, review, actor);
        decide(review, Status.LINKED, actor, target, reason);
        auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_LINKED).actor(actor).partnerId(review.partnerId())
                .hubMessageId(review.hubMessageId()).hubChildId(target)
                .detail("review=" + reviewId + " provisional=" + review.provisionalHubChildId()));
        closeSameRecord(review, Status.LINKED, target, actor, reason);
        return find(reviewId).orElseThrow();
    }

    /**
     * Confirms the provisional child is a child of its own, audited. For a birth-date conflict: the record is about
     * another child, who is filed now, and the record's events move to that child.
     */
    @Transactional
    public Review confirmNewChild(String reviewId, String actor, String reason) {
        FreeText.bounded("reason", reason, FreeText.REASON);
        Review review = open(reviewId);
        if (review.kind() == Kind.BIRTH_DATE_CONFLICT) {
            String child = profiles.current(review.provisionalHubChildId());
            ChildProfiles.Separated separated = profiles.separate(child, review.subject(), review.partnerId(), review.hubMessageId());
            String other = separated.newHubChildId();
            notices.publish(actor, List.of(new HubNotices.Notice(child, NoticeType.CHILDREN_SEPARATED, new ChildrenSeparatedData(
                    other, separated.movedEventIds(), reviewId, actor, clock.instant()))));
            decide(review, Status.NEW_CHILD, actor, other, reason);
            auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_CONFIRMED_NEW).actor(actor).partnerId(review.partnerId())
                    .hubMessageId(review.hubMessageId()).hubChildId(other)
                    .detail("review=" + reviewId + " birth-date conflict: another child; the message's events moved from " + child));
            return find(reviewId).orElseThrow();
        }
        decide(review, Status.NEW_CHILD, actor, null, reason);
        auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_CONFIRMED_NEW).actor(actor).partnerId(review.partnerId())
                .hubMessageId(review.hubMessageId()).hubChildId(review.provisionalHubChildId()).detail("review=" + reviewId));
        closeSameRecord(review, Status.NEW_CHILD, profiles.current(review.provisionalHubChildId()), actor, reason);
        return find(reviewId).orElseThrow();
    }

    /**
     * Other open possible matches about the same record (the same provisional child, or the same partner describing the
     * child in the same terms again, under another reference of its own) are decided with this one: their child joins the one this decision chose (the known
     * child linked to, or this new child), and each is audited as closed with it.
     */
    private void closeSameRecord(Review decided, Status status, String child, String actor, String reason) {
        List<Review> same = jdbc.query("""
                select * from identity_review where status = 'OPEN' and kind = 'POSSIBLE_MATCH' and review_id <> ?
                and (provisional_hub_child_id = ? or partner_id = ?) for update""", MAPPER, decided.reviewId(),
                decided.provisionalHubChildId(), decided.partnerId()).stream()
                .filter(r -> r.provisionalHubChildId().equals(decided.provisionalHubChildId()) || sameChild(r.subject(), decided.subject()))
                .toList();
        for (Review other : same) {
            String from = profiles.current(other.provisionalHubChildId());
            if (!from.equals(child) && profiles.profile(from).isPresent()) {
                link(from, child, other, actor);
            }
            decide(other, status, actor, status == Status.LINKED ? child : null, "with review " + decided.reviewId() + ": " + reason);
            auditTrail.append(AuditRecord.of(status == Status.LINKED ? AuditAction.IDENTITY_LINKED : AuditAction.IDENTITY_CONFIRMED_NEW)
                    .actor(actor).partnerId(other.partnerId()).hubMessageId(other.hubMessageId()).hubChildId(child)
                    .detail("review=" + other.reviewId() + " closed with review=" + decided.reviewId()));
        }
    }

    /** One child from now on, and the case system told so. */
    private void link(String fromHubChildId, String intoHubChildId, Review review, String actor) {
        profiles.link(fromHubChildId, intoHubChildId);
        notices.publish(actor, List.of(new HubNotices.Notice(intoHubChildId, NoticeType.CHILDREN_LINKED,
                new ChildrenLinkedData(fromHubChildId, review.reviewId(), actor, clock.instant()))));
    }

    /** The partner described the child in the same terms: names, birth date and NHS Numbers (its own references aside). */
    private static boolean sameChild(ChildSubject a, ChildSubject b) {
        return java.util.Objects.equals(a.birthDate(), b.birthDate()) && a.name() != null && b.name() != null
                && a.name().given() != null && a.name().given().equalsIgnoreCase(String.valueOf(b.name().given()))
                && a.name().family() != null && a.name().family().equalsIgnoreCase(String.valueOf(b.name().family()))
                && nhsNumbers(a).equals(nhsNumbers(b));
    }

    private static java.util.Set<String> nhsNumbers(ChildSubject subject) {
        return subject.identifiers().stream().filter(i -> i.system().equals(org.mashhub.schemas.events.Identifier.NHS_NUMBER))
                .map(org.mashhub.schemas.events.Identifier::value).collect(java.util.stream.Collectors.toSet());
    }

    private Review open(String reviewId) {
        // Locked, so two people deciding at once cannot both decide.
        Review review = jdbc.query("select * from identity_review where review_id = ? for update", MAPPER, reviewId).stream()
                .findFirst().orElseThrow(() -> new ReviewDecisionException("There is no review " + reviewId + "."));
        if (review.status() != Status.OPEN) {
            throw new ReviewDecisionException("Review " + reviewId + " was decided already (" + review.status() + ").");
        }
        return review;
    }

    private void decide(Review review, Status status, String actor, String linkedHubChildId, String reason) {
        jdbc.update("""
                update identity_review set status = ?, decided_by = ?, decided_at = ?, linked_hub_child_id = ?, decision_reason = ?
                where review_id = ?""", status.name(), actor, now(), linkedHubChildId,
                truncate(reason, 500), review.reviewId());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final RowMapper<Review> MAPPER = (rs, i) -> {
        try {
            OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
            return new Review(rs.getString("review_id"), Kind.valueOf(rs.getString("kind")), Status.valueOf(rs.getString("status")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("partner_id"),
                    rs.getString("hub_message_id"), rs.getString("provisional_hub_child_id"), rs.getString("reason"),
                    CanonicalJson.mapper().readValue(rs.getString("subject"), ChildSubject.class),
                    CanonicalJson.mapper().readValue(rs.getString("candidates"), new TypeReference<List<CandidateView>>() { }),
                    rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(),
                    rs.getString("linked_hub_child_id"), rs.getString("decision_reason"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    };
}
