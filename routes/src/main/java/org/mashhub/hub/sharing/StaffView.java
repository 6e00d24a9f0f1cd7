package org.mashhub.hub.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.stereotype.Component;

/**
 * What a member of staff may see of an event the hub holds, as the case system's delivery would decide it now: the
 * content kept (not purged), not refused by a manager, readable by the viewer's roles under the agreement, and passed by
 * the sharing policy with the consent in force today (a manager's release counting). The child's page and the answers
 * to partner checks read events through this.
 */
@Component
public class StaffView {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    /**
     * @param decision      the policy's decision, when it got as far as deciding
     * @param heldBecause   why the viewer may not see it, in words; null when it is shown
     * @param awaitingManager withheld and waiting for a manager's decision
     */
    public record Seen(SharingPolicy.Decision decision, String heldBecause, boolean awaitingManager) {

        public boolean shown() {
            return heldBecause == null;
        }
    }

    private final SharingPolicy policy;
    private final WithheldEvents withheldEvents;
    private final Agreements agreements;
    private final Clock clock;

    StaffView(SharingPolicy policy, WithheldEvents withheldEvents, Agreements agreements, Clock clock) {
        this.policy = policy;
        this.withheldEvents = withheldEvents;
        this.agreements = agreements;
        this.clock = clock;
    }

    /** The event as these roles may see it; {@code payload} null when its content was purged. */
    public Seen see(String eventId, String partnerId, String primaryCategory, String payload, Collection<String> roles) {
        if (payload == null) {
            return new Seen(null, "past its retention period and purged", false);
        }
        Optional<WithheldEvents.Held> held = withheldEvents.find(eventId);
        if (held.isPresent() && held.get().status() == WithheldEvents.Status.REFUSED) {
            return new Seen(null, "refused by a manager", false);
        }
        if (!agreements.readableBy(partnerId, primaryCategory, roles, LocalDate.now(clock.withZone(UK)))) {
            return new Seen(null, "not for your role under the sharing agreement", false);
        }
        SharingPolicy.Decision decision;
        try {
            CanonicalEvent event = CanonicalJson.mapper().readValue(payload, CanonicalEvent.class);
            decision = policy.decide(event, partnerId, held.flatMap(WithheldEvents.Held::release));
        } catch (Exception e) {
            return new Seen(null, "the sharing policy could not decide", false);
        }
        if (decision.outcome() == SharingPolicy.Outcome.WITHHOLD) {
            return new Seen(decision, because(decision.rule()), held.isPresent());
        }
        return new Seen(decision, null, false);
    }

    /** A withholding rule in words. */
    public static String because(String rule) {
        return switch (rule) {
            case "consent.refused" -> "consent refused";
            case "consent.withdrawn" -> "consent withdrawn";
            case "consent.required-not-sought" -> "consent needed and not yet recorded";
            case "isa.missing" -> "no information sharing agreement";
            case "isa.category-not-covered" -> "not covered by the information sharing agreement";
            case "isa.recipient-not-allowed" -> "not for this recipient under the agreement";
            default -> "withheld by the sharing policy (" + rule + ")";
        };
    }
}
