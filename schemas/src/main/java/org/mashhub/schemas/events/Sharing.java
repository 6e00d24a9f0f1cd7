package org.mashhub.schemas.events;

import java.time.Instant;
import java.util.List;

/**
 * The lawful basis and consent an event travels under. The sharing-policy stage adds the decision and
 * the rule that made it, and an override where information is shared without consent.
 */
public record Sharing(List<String> lawfulBasis, ConsentState consent, String decision, String rule, Override override) {

    /** UK GDPR Art. 6(1)(e): public task. */
    public static final String PUBLIC_TASK = "UK-GDPR-6-1-e";

    public Sharing {
        lawfulBasis = lawfulBasis == null ? List.of() : List.copyOf(lawfulBasis);
    }

    public static Sharing publicTask(ConsentState consent) {
        return new Sharing(List.of(PUBLIC_TASK), consent, null, null, null);
    }

    /** A safeguarding override: shared without consent because a child is at risk, with the reason. */
    public record Override(String reason, String decidedBy, Instant decidedAt) {
    }
}
