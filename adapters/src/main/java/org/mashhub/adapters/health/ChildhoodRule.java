package org.mashhub.adapters.health;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;

/**
 * Who the hub takes information about: children (under 18), and care leavers up to their 26th birthday
 * (the local authority supports them to 25). Everyone else is an adult whose information the hub refuses
 * and does not keep.
 */
final class ChildhoodRule {

    static final int ADULT_AT = 18;
    static final int CARE_LEAVER_SUPPORT_ENDS_AT = 26;

    private final Clock clock;

    ChildhoodRule(Clock clock) {
        this.clock = clock;
    }

    /** Whether the patient's birth date (to its precision: a year, a month or a day) is after today in the UK. */
    boolean bornInTheFuture(Patient patient) {
        String birth = patient.getBirthDateElement().getValueAsString();
        if (birth == null || birth.length() < 4) {
            return false;
        }
        String today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London"))).toString();
        return birth.compareTo(today.substring(0, Math.min(birth.length(), today.length()))) > 0;
    }

    /** Why this patient is not for the hub, or empty when they are. */
    Optional<String> refusal(Patient patient, boolean careLeaver) {
        if (!patient.hasBirthDate()) {
            return Optional.of("no birth date: the hub cannot tell whether this is a child, so nothing of it was kept");
        }
        LocalDate birth = patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        int age = Period.between(birth, LocalDate.now(clock.withZone(ZoneId.of("Europe/London")))).getYears();
        if (age < ADULT_AT) {
            return Optional.empty();
        }
        if (careLeaver && age < CARE_LEAVER_SUPPORT_ENDS_AT) {
            return Optional.empty();
        }
        return Optional.of(careLeaver
                ? "an adult past the age of care-leaver support (" + CARE_LEAVER_SUPPORT_ENDS_AT + "): the hub takes information about children and care leavers only; nothing of it was kept"
                : "an adult (" + ADULT_AT + " or over, no care-leaver flag): the hub takes information about children only; nothing of it was kept");
    }
}
