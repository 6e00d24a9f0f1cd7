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
        Map<String, Category> categories) {

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
