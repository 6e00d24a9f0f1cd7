package org.mashhub.hub.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

/** One Information Sharing Agreement between the council and a partner, as its file says it. */
public record Agreement(
        String agreement,
        String title,
        String partner,
        @JsonProperty("valid-from") LocalDate validFrom,
        @JsonProperty("valid-to") LocalDate validTo,
        Map<String, Category> categories,
        Map<String, Outbound> outbound) {

    /** What may go back to the partner: notification kinds, each under a lawful basis. */
    public static final java.util.Set<String> OUTBOUND = java.util.Set.of("referral.outcome", "operation-encompass", "information-request");

    /** What the agreement says of one kind of notification back to the partner. */
    public record Outbound(@JsonProperty("lawful-basis") List<String> lawfulBasis) {
    }

    /** Whether the agreement lets this kind of notification go back to the partner. */
    public boolean allowsBack(String outboundKind) {
        return outbound != null && outbound.containsKey(outboundKind);
    }

    /** What the agreement says of one data category. */
    public record Category(
            @JsonProperty("lawful-basis") List<String> lawfulBasis,
            @JsonProperty("consent-required") Boolean consentRequired,
            @JsonProperty("if-consent-refused") String ifConsentRefused,
            @JsonProperty("case-system") Boolean caseSystem,
            List<String> roles,
            Period retention) {

        public boolean redactIfRefused() {
            return "redact".equals(ifConsentRefused);
        }
    }

    public boolean inForce(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
