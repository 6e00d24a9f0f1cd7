package org.mashhub.hub.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.PersonStatedGender;
import org.mashhub.adapters.Upn;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;

/**
 * A child as the identity APIs take one: a line of the case system's load, or a match query (which has no
 * case-system person id). Sex as the canonical words or the NHS Data Dictionary's codes ({@link PersonStatedGender}).
 */
record KnownChild(String caseSystemPersonId, String nhsNumber, String upn, String givenName, String familyName,
                  String birthDate, String sex, String postcode) {

    /** The fields given, by name (what an audit entry of a match records: never their values). */
    String fieldsGiven() {
        List<String> given = new ArrayList<>();
        String[][] fields = {{"nhsNumber", nhsNumber}, {"upn", upn}, {"givenName", givenName}, {"familyName", familyName},
                {"birthDate", birthDate}, {"sex", sex}, {"postcode", postcode}};
        for (String[] field : fields) {
            if (!blank(field[1])) {
                given.add(field[0]);
            }
        }
        return String.join(",", given);
    }

    /**
     * Every problem with it, as JSON pointers; empty when it is usable.
     *
     * @param caseSystemRecord a line of the case system's load: it needs its person id, and its NHS Number
     *                         and UPN must be valid. A match query may carry a mistyped one, which the
     *                         matcher takes as no evidence.
     */
    List<Problem> problems(boolean caseSystemRecord, Clock clock) {
        List<Problem> problems = new ArrayList<>();
        if (caseSystemRecord && (blank(caseSystemPersonId) || caseSystemPersonId.length() > 64)) {
            problems.add(Problem.at("/caseSystemPersonId", "is required, up to 64 characters"));
        }
        if (caseSystemRecord && nhsNumber != null && !NhsNumber.isValid(nhsNumber)) {
            problems.add(Problem.at("/nhsNumber", "is not a valid NHS Number (10 digits, modulus 11)"));
        }
        if (caseSystemRecord && upn != null && !Upn.isValid(upn)) {
            problems.add(Problem.at("/upn", "is not a valid UPN (13 characters with the DfE check letter)"));
        }
        if ((nhsNumber != null && nhsNumber.length() > 20) || (upn != null && upn.length() > 20)) {
            problems.add(Problem.at("", "an identifier is longer than 20 characters"));
        }
        if (blank(givenName) || givenName.length() > 200) {
            problems.add(Problem.at("/givenName", "is required, up to 200 characters"));
        }
        if (blank(familyName) || familyName.length() > 200) {
            problems.add(Problem.at("/familyName", "is required, up to 200 characters"));
        }
        LocalDate born = date();
        if (born == null) {
            problems.add(Problem.at("/birthDate", "is required, as yyyy-mm-dd"));
        } else if (born.isAfter(LocalDate.now(clock.withZone(ZoneId.of("Europe/London"))))) {
            problems.add(Problem.at("/birthDate", "is in the future"));
        }
        if (sex != null && PersonStatedGender.canonical(sex) == null) {
            problems.add(Problem.at("/sex", "is not one of male, female, other, unknown, the NHS person stated gender codes "
                    + "1, 2, 9, 0, X, or M, F, U"));
        }
        if (postcode != null && !postcode.matches("[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}")) {
            problems.add(Problem.at("/postcode", "is not a UK postcode"));
        }
        return problems;
    }

    ChildSubject subject() {
        List<Identifier> identifiers = new ArrayList<>();
        if (!blank(caseSystemPersonId)) {
            identifiers.add(new Identifier(Identifier.CASE_SYSTEM_PERSON, caseSystemPersonId));
        }
        if (nhsNumber != null) {
            identifiers.add(Identifier.nhsNumber(nhsNumber));
        }
        if (upn != null) {
            identifiers.add(new Identifier(Identifier.UPN, upn));
        }
        return new ChildSubject(null, identifiers, new PersonName(givenName, familyName, List.of()), date(),
                PersonStatedGender.canonical(sex),
                postcode == null ? null : new Address(List.of(), null, postcode, null, null, null), null);
    }

    private LocalDate date() {
        try {
            return birthDate == null ? null : LocalDate.parse(birthDate);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
