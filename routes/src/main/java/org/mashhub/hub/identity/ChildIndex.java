package org.mashhub.hub.identity;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mashhub.adapters.identity.BlockingKeys;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.adapters.identity.MatchDecision;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Outcome;
import org.mashhub.adapters.identity.MatchWeights;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which child a partner's description is about, in this order:
 * <ol>
 *   <li>validated identifiers (a valid NHS Number or UPN, the case system's person id, a partner's own
 *       reference): the child they belong to, unless the rest of the description strongly disagrees or
 *       the child has another NHS Number, when a person decides;</li>
 *   <li>the probability of each child that shares a blocking key, scored with the model as this index shows it
 *       ({@link IndexModel}), decided by {@link MatchDecision} (thresholds, the rules for twins, siblings and
 *       namesakes).</li>
 * </ol>
 * {@link #resolve} acts on the outcome within the caller's transaction: MATCH links and learns (a birth date the
 * child does not have is kept beside its own and queued as a conflict), NO_MATCH files a new child, REVIEW files a
 * provisional child and puts the possible match in the review queue.
 * {@link #match} only answers.
 */
@Component
public class ChildIndex {

    /** What became of one subject in the pipeline; {@code reviewId}: the possible match, or the birth-date conflict, queued. */
    public record Resolution(String hubChildId, Outcome outcome, String via, Double score, String reviewId) {
    }

    /** The outcome of a match, with every candidate considered (best first). */
    public record Evaluation(Outcome outcome, Candidate chosen, List<Candidate> candidates, String reason, String via) {
    }

    private final ChildProfiles profiles;
    private final ReviewQueue reviews;
    private final IndexModel model;
    private final int maxBlockSize;
    /** How many known children each probabilistic match compared: the blocks' size, which lookups cost grows with. */
    private final DistributionSummary compared;

    ChildIndex(ChildProfiles profiles, ReviewQueue reviews, IndexModel model, IdentityProperties properties, MeterRegistry registry) {
        this.profiles = profiles;
        this.reviews = reviews;
        this.model = model;
        this.maxBlockSize = properties.maxBlockSize();
        this.compared = DistributionSummary.builder("mash.hub.identity.compared")
                .description("Known children a description was compared with, when no identifier decided").register(registry);
    }

    /** The hub child id for this subject, linking, learning or filing as the match says. */
    @Transactional
    public Resolution resolve(ChildSubject subject, String partnerId, String hubMessageId) {
        Evaluation evaluation = evaluate(subject);
        Double score = evaluation.chosen() == null ? null : evaluation.chosen().score().total();
        return switch (evaluation.outcome()) {
            case MATCH -> {
                String child = evaluation.chosen().hubChildId();
                String conflict = birthDateConflict(child, evaluation.chosen(), subject)
                        ? reviews.openBirthDateConflict(child, subject, evaluation.chosen(), partnerId, hubMessageId) : null;
                profiles.learn(child, subject, partnerId);
                yield new Resolution(child, Outcome.MATCH, evaluation.via(), score, conflict);
            }
            case NO_MATCH -> {
                String id = profiles.create(UUID.randomUUID().toString(), subject, partnerId, true);
                yield new Resolution(id, Outcome.NO_MATCH, evaluation.via(), score, null);
            }
            case REVIEW -> {
                // The events go on under a provisional child; a person links it or confirms it is new.
                String provisional = profiles.create(UUID.randomUUID().toString(), subject, partnerId, false);
                String reviewId = reviews.open(provisional, subject, evaluation, partnerId, hubMessageId);
                yield new Resolution(provisional, Outcome.REVIEW, evaluation.via(), score, reviewId);
            }
        };
    }

    /**
     * A record linked to a child gives a birth date the child does not have, and no source has given this child that
     * date before (a person was asked then).
     */
    private boolean birthDateConflict(String hubChildId, Candidate linked, ChildSubject subject) {
        return subject.birthDate() != null && linked.known().birthDate() != null && !subject.birthDate().equals(linked.known().birthDate())
                && !profiles.hasDetail(hubChildId, SourcedDetail.BIRTH_DATE, subject.birthDate().toString());
    }

    /** What each source has said of the child's birth date, sex and names (and of children linked into it), oldest first. */
    @Transactional(readOnly = true)
    public List<SourcedDetail> details(String hubChildId) {
        List<String> children = new ArrayList<>(profiles.linkedInto(hubChildId));
        children.add(0, hubChildId);
        return profiles.details(children);
    }

    /** Children a partner named together (a household, the children at one incident): grouped, never merged. */
    @Transactional
    public void group(Collection<String> hubChildIds, String hubMessageId) {
        if (hubChildIds.size() > 1) {
            profiles.group(new LinkedHashSet<>(hubChildIds), hubMessageId);
        }
    }

    /** The match for this subject, changing nothing. */
    @Transactional(readOnly = true)
    public Evaluation match(ChildSubject subject) {
        return evaluate(subject);
    }

    /**
     * Children a member of staff may be looking for, best first: by a validated identifier; by the blocking keys
     * (misspellings, nicknames, a birth date a day out or day and month swapped) when the birth date is known;
     * by names alone (nicknames, sound-alike family names) when it is not; by one name or the birth date alone; and at
     * a postcode.
     */
    @Transactional(readOnly = true)
    public List<Candidate> search(ChildSubject subject, int limit) {
        ChildDescription query = ChildDescription.of(subject);
        Set<String> found = new LinkedHashSet<>(profiles.owners(ChildProfiles.usable(subject)).values());
        if (query.birthDate() != null) {
            found.addAll(profiles.blocked(BlockingKeys.forQuery(query)));
        } else if (query.primaryGiven() != null && !query.familyNames().isEmpty()) {
            Set<String> prefixes = new LinkedHashSet<>();
            for (String given : org.mashhub.adapters.identity.Names.givenKeys(query.primaryGiven())) {
                prefixes.add("N:" + given + ":" + org.mashhub.adapters.identity.Names.sound(query.familyNames().get(0)) + ":");
            }
            found.addAll(profiles.blockedByPrefix(prefixes, limit * 5));
        } else {
            // One name alone: children with that name, as partners spelt it.
            if (!query.familyNames().isEmpty()) {
                found.addAll(profiles.named(query.familyNames().get(0), true, limit * 5));
            }
            if (query.primaryGiven() != null) {
                found.addAll(profiles.named(query.primaryGiven(), false, limit * 5));
            }
        }
        if (query.birthDate() != null && query.primaryGiven() == null && query.familyNames().isEmpty()) {
            found.addAll(profiles.bornOn(query.birthDate(), limit * 5));
        }
        if (subject.address() != null && subject.address().postcode() != null) {
            found.addAll(profiles.atPostcode(ChildDescription.postcode(subject.address().postcode()), limit * 5));
        }
        return score(query, found, model.weights()).stream().limit(limit).toList();
    }

    /** What the index holds of a child, as the matcher compares it (for a person comparing records side by side). */
    @Transactional(readOnly = true)
    public Optional<org.mashhub.adapters.identity.ChildDescription> describe(String hubChildId) {
        return profiles.profile(profiles.current(hubChildId)).map(ChildProfiles.Profile::description);
    }

    /** The hub child id a child now goes by (a child a person linked into another goes by the other's). */
    public String current(String hubChildId) {
        return profiles.current(hubChildId);
    }

    private Evaluation evaluate(ChildSubject subject) {
        ChildDescription query = ChildDescription.of(subject);
        Map<Identifier, String> owners = profiles.owners(ChildProfiles.usable(subject));
        Set<String> identified = new LinkedHashSet<>(owners.values());
        MatchWeights weights = model.weights();
        if (!identified.isEmpty()) {
            MatchDecision.Decision decision = MatchDecision.byIdentifiers(score(query, identified, weights), weights);
            return new Evaluation(decision.outcome(), decision.chosen(), decision.candidates(), decision.reason(), "identifier");
        }
        List<ChildProfiles.Profile> blocked = profiles.blockedProfiles(BlockingKeys.forQuery(query), maxBlockSize);
        compared.record(blocked.size());
        List<Candidate> candidates = scoreAll(query, blocked, weights);
        MatchDecision.Decision decision = MatchDecision.decide(query, candidates, weights, model);
        return new Evaluation(decision.outcome(), decision.chosen(), decision.candidates(), decision.reason(), "probabilistic");
    }

    private List<Candidate> score(ChildDescription query, Collection<String> hubChildIds, MatchWeights weights) {
        return scoreAll(query, profiles.profiles(hubChildIds), weights);
    }

    private List<Candidate> scoreAll(ChildDescription query, List<ChildProfiles.Profile> known, MatchWeights weights) {
        List<Candidate> scored = new ArrayList<>();
        for (ChildProfiles.Profile profile : known) {
            scored.add(MatchDecision.score(profile.hubChildId(), query, profile.description(), weights, model));
        }
        scored.sort((a, b) -> Double.compare(b.score().total(), a.score().total()));
        return scored;
    }
}
