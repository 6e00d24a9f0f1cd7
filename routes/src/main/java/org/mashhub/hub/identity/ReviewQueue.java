package org.mashhub.hub.identity;

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
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.ChildSubject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Possible matches waiting for a person: each holds the partner's description of the child, the
 * provisional child its events went on under, and the candidates with each field's contribution. A member
 * of staff links it to a known child (everything known of the provisional child moves there) or confirms it
 * is a new child. Both are audited; a decided review is not decided again.
 */
@Component
public class ReviewQueue {

    public enum Status { OPEN, LINKED, NEW_CHILD }

    public record Review(String reviewId, Status status, Instant createdAt, String partnerId, String hubMessageId,
                         String provisionalHubChildId, String reason, ChildSubject subject, List<CandidateView> candidates,
                         String decidedBy, Instant decidedAt, String linkedHubChildId, String decisionReason) {
    }

    /** A candidate as a person sees it: the child, the total, and what each field added. */
    public record CandidateView(String hubChildId, double score, List<FieldView> fields) {

        static CandidateView of(Candidate candidate) {
            return new CandidateView(candidate.hubChildId(), candidate.score().total(), candidate.score().contributions().stream()
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
    private final Clock clock;

    ReviewQueue(JdbcTemplate jdbc, AuditTrail auditTrail, ChildProfiles profiles, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.profiles = profiles;
        this.properties = properties;
        this.clock = clock;
    }

    String open(String provisionalHubChildId, ChildSubject subject, ChildIndex.Evaluation evaluation, String partnerId,
                String hubMessageId) {
        String reviewId = UUID.randomUUID().toString();
        List<CandidateView> candidates = evaluation.candidates().stream().limit(properties.reviewCandidates())
                .map(CandidateView::of).toList();
        jdbc.update("""
                insert into identity_review (review_id, status, created_at, partner_id, hub_message_id, provisional_hub_child_id,
                                             reason, subject, candidates)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                reviewId, Status.OPEN.name(), now(), partnerId, hubMessageId, provisionalHubChildId, evaluation.reason(),
                json(subject), json(candidates));
        return reviewId;
    }

    public List<Review> list(Status status, int limit) {
        return jdbc.query("select * from identity_review where status = ? order by created_at limit ?", MAPPER, status.name(), limit);
    }

    public Optional<Review> find(String reviewId) {
        return jdbc.query("select * from identity_review where review_id = ?", MAPPER, reviewId).stream().findFirst();
    }

    /** Links the provisional child to a known one: one child from now on, and the decision audited. */
    @Transactional
    public Review link(String reviewId, String hubChildId, String actor, String reason) {
        Review review = open(reviewId);
        String target = profiles.current(hubChildId);
        if (profiles.profile(target).isEmpty() || target.equals(profiles.current(review.provisionalHubChildId()))) {
            throw new ReviewDecisionException("There is no other known child " + hubChildId + " to link to.");
        }
        profiles.link(review.provisionalHubChildId(), target);
        decide(review, Status.LINKED, actor, target, reason);
        auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_LINKED).actor(actor).partnerId(review.partnerId())
                .hubMessageId(review.hubMessageId()).hubChildId(target)
                .detail("review=" + reviewId + " provisional=" + review.provisionalHubChildId()));
        return find(reviewId).orElseThrow();
    }

    /** Confirms the provisional child is a child of its own, audited. */
    @Transactional
    public Review confirmNewChild(String reviewId, String actor, String reason) {
        Review review = open(reviewId);
        decide(review, Status.NEW_CHILD, actor, null, reason);
        auditTrail.append(AuditRecord.of(AuditAction.IDENTITY_CONFIRMED_NEW).actor(actor).partnerId(review.partnerId())
                .hubMessageId(review.hubMessageId()).hubChildId(review.provisionalHubChildId()).detail("review=" + reviewId));
        return find(reviewId).orElseThrow();
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
                reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason, review.reviewId());
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
            return new Review(rs.getString("review_id"), Status.valueOf(rs.getString("status")),
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
