package org.mashhub.adapters.schools;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mashhub.adapters.Envelope;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Concern;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.Contact;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.ReferralEvent;
import org.mashhub.schemas.events.School;
import org.mashhub.schemas.events.Sharing;

/**
 * Safeguarding-concern exports (CPOMS, MyConcern, a MIS): each row, checked, becomes a ReferralEvent. A
 * DSL's RED grading means risk of significant harm; an ungraded concern is AMBER.
 */
public final class SafeguardingConcernCsv {

    static final Set<String> REQUIRED = Set.of("concern_id", "school_urn", "upn", "given_name", "family_name", "birth_date",
            "concern_category", "concern_date", "summary", "dsl_name");
    static final Set<String> OPTIONAL = Set.of("year_group", "action_taken", "rag", "consent", "dsl_phone", "dsl_email");
    static final Set<String> CATEGORIES = new LinkedHashSet<>(List.of("domestic-abuse", "neglect", "physical-abuse",
            "emotional-abuse", "sexual-abuse", "child-sexual-exploitation", "child-criminal-exploitation", "missing",
            "online-harm", "mental-health", "self-harm", "substance-misuse", "housing", "education-attendance", "health",
            "parental-capacity", "other"));
    static final Set<String> YEAR_GROUPS = new LinkedHashSet<>(List.of("N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8",
            "9", "10", "11", "12", "13", "14", "X"));
    private static final Set<String> RAGS = new LinkedHashSet<>(List.of("RED", "AMBER", "GREEN"));
    private static final Set<String> CONSENTS = new LinkedHashSet<>(List.of("GIVEN", "REFUSED", "NOT_SOUGHT"));
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final int ADULT_AT = 18;

    private final Clock clock;

    public SafeguardingConcernCsv(Clock clock) {
        this.clock = clock;
    }

    /** Reads every row, handing each on as a concern or as its problems. */
    public void read(InputStream in, RowHandler<SafeguardingConcern> rows) {
        LocalDate today = LocalDate.now(clock.withZone(UK));
        SchoolCsv.read(in, REQUIRED, OPTIONAL, row -> {
            SafeguardingConcern concern = concern(row, today);
            if (row.valid()) {
                rows.accept(row.row(), concern);
            } else {
                rows.reject(row.row(), row.problems());
            }
        });
    }

    private static SafeguardingConcern concern(CsvRow row, LocalDate today) {
        String concernId = row.required("concern_id", 64);
        if (concernId != null && !concernId.matches("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}")) {
            row.problem("concern_id", "may hold only letters, digits and . _ / : -");
        }
        LocalDate birthDate = row.date("birth_date", true, false);
        LocalDate concernDate = row.date("concern_date", true, true);
        if (birthDate != null && birthDate.isAfter(today)) {
            row.problem("birth_date", "is in the future");
        }
        if (concernDate != null && concernDate.isAfter(today)) {
            row.problem("concern_date", "is in the future");
        }
        if (birthDate != null && concernDate != null && Period.between(birthDate, concernDate).getYears() >= ADULT_AT) {
            row.problem("birth_date", "the pupil was 18 or over on the concern date: adult safeguarding, not the MASH; nothing of this row was kept");
        }
        String rag = row.code("rag", RAGS, false);
        String consent = row.code("consent", CONSENTS, false);
        return new SafeguardingConcern(concernId, row.urn("school_urn"), row.upn("upn"), row.required("given_name", 200),
                row.required("family_name", 200), birthDate, row.code("year_group", YEAR_GROUPS, false),
                row.code("concern_category", CATEGORIES, true), concernDate, row.required("summary", 5000),
                row.optional("action_taken", 5000), rag == null ? Rag.AMBER : Rag.valueOf(rag),
                consent == null ? ConsentState.UNKNOWN : ConsentState.valueOf(consent), row.required("dsl_name", 200),
                row.optional("dsl_phone", 40), row.optional("dsl_email", 254));
    }

    /** The concern as a ReferralEvent about the pupil, from the school's DSL. */
    public ReferralEvent toEvent(SafeguardingConcern c, Envelope envelope, String partnerMessageId) {
        ChildSubject child = new ChildSubject(null, List.of(new Identifier(Identifier.UPN, c.upn())),
                new PersonName(c.givenName(), c.familyName(), List.of()), c.birthDate(), null, null,
                new School(c.schoolUrn(), null, null, c.yearGroup()));
        String detail = c.actionTaken() == null ? c.summary() : c.summary() + "\n\nAction taken: " + c.actionTaken();
        Concern concern = new Concern(List.of(c.category()),
                "School: " + c.category().replace('-', ' ') + " concern (URN " + c.schoolUrn() + ", " + c.concernId() + ")",
                detail, c.rag(), c.rag() == Rag.RED);
        Contact dsl = new Contact(c.dslName(), "Designated Safeguarding Lead", "School URN " + c.schoolUrn(), c.dslPhone(),
                c.dslEmail());
        return new ReferralEvent(EventIds.eventId(envelope.hubMessageId(), "REFERRAL:" + c.concernId()),
                envelope.correlationId(), c.concernDate().atStartOfDay(UK).toInstant(), envelope.receivedAt(),
                new EventSource(Agency.EDUCATION, envelope.partnerId(), partnerMessageId, envelope.hubMessageId(), c.concernId()),
                child, concern, List.of(), dsl, List.of(DataCategory.EDUCATION_CONCERN, DataCategory.DEMOGRAPHICS),
                Sharing.publicTask(c.consent()), List.of());
    }
}
