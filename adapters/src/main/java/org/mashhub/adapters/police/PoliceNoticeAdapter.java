package org.mashhub.adapters.police;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.validation.Schema;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.adapters.SecureXml;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Concern;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.Contact;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonInvolved;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.PoliceContactData;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;
import org.mashhub.schemas.events.School;
import org.mashhub.schemas.events.Sharing;
import org.mashhub.schemas.police.Adult;
import org.mashhub.schemas.police.Child;
import org.mashhub.schemas.police.Notice;
import org.mashhub.schemas.police.NoticeType;
import org.mashhub.schemas.police.RespondToEnquiry;
import org.mashhub.schemas.police.SubmitPublicProtectionNotice;
import org.w3c.dom.Document;

/**
 * Parses, validates and maps a Public Protection Notice. Each child becomes a ReferralEvent (the worry)
 * and a POLICE_CONTACT record (that the police were involved with the child). A DASH risk of HIGH or a
 * RED grading means risk of significant harm; without consent, the police's reason for sharing is
 * recorded as a safeguarding override.
 */
public final class PoliceNoticeAdapter {

    static final String PERSON_ID_KIND = "police-person";
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final Schema schema = SecureXml.schema("/schemas/police/ppn-v1.xsd");
    private final JAXBContext jaxb;
    private final Clock clock;

    public PoliceNoticeAdapter(Clock clock) {
        this.clock = clock;
        try {
            this.jaxb = JAXBContext.newInstance(SubmitPublicProtectionNotice.class, RespondToEnquiry.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param payload the SOAP body's content: a {@code SubmitPublicProtectionNotice} element
     * @throws InvalidMessageException with every problem, located by path
     * @throws NotAChildException when a "child" of the notice is 18 or over
     */
    public Notice parse(byte[] payload) {
        Document document = SecureXml.parse(payload);
        List<Problem> problems = new ArrayList<>(SecureXml.validate(payload, schema));
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        Notice notice;
        try {
            notice = jaxb.createUnmarshaller().unmarshal(document, SubmitPublicProtectionNotice.class).getValue().getNotice();
        } catch (JAXBException e) {
            throw InvalidMessageException.malformed("The notice could not be read.");
        }
        problems.addAll(checksBeyondTheSchema(notice));
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        List<Problem> adults = new ArrayList<>();
        List<Child> children = notice.getChildren().getChild();
        LocalDate today = LocalDate.now(clock.withZone(UK));
        for (int i = 0; i < children.size(); i++) {
            if (Period.between(date(children.get(i).getBirthDate()), today).getYears() >= 18) {
                adults.add(Problem.at(childPath(i) + "/BirthDate",
                        "is 18 or more years ago: the hub takes notices about children only; nothing of this notice was kept"));
            }
        }
        if (!adults.isEmpty()) {
            throw new NotAChildException(adults);
        }
        return notice;
    }

    /**
     * A force's answer to the MASH's request for information, read with the same hardened parser and the same schema.
     *
     * @param payload the SOAP body's content: a {@code RespondToEnquiry} element
     * @throws InvalidMessageException with every problem, located by path
     */
    public RespondToEnquiry parseAnswer(byte[] payload) {
        Document document = SecureXml.parse(payload);
        List<Problem> problems = SecureXml.validate(payload, schema);
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        try {
            return jaxb.createUnmarshaller().unmarshal(document, RespondToEnquiry.class).getValue();
        } catch (JAXBException e) {
            throw InvalidMessageException.malformed("The answer could not be read.");
        }
    }

    public MappedMessage toEvents(Notice notice, Envelope envelope) {
        List<CanonicalEvent> events = new ArrayList<>();
        List<Child> children = notice.getChildren().getChild();
        for (int i = 0; i < children.size(); i++) {
            Child child = children.get(i);
            ChildSubject subject = childSubject(child, envelope.partnerId());
            EventSource source = new EventSource(Agency.POLICE, envelope.partnerId(), notice.getNoticeId(), envelope.hubMessageId(),
                    notice.getNoticeId());
            events.add(referral(notice, child, subject, source, envelope));
            events.add(policeContact(notice, child, subject, source, envelope));
        }
        return new MappedMessage(events, List.of(), List.of());
    }

    private List<Problem> checksBeyondTheSchema(Notice notice) {
        List<Problem> problems = new ArrayList<>();
        if (notice.getNoticeType() == NoticeType.DOMESTIC_ABUSE && notice.getDashRiskLevel() == null) {
            problems.add(Problem.at("/SubmitPublicProtectionNotice/Notice/DashRiskLevel",
                    "is required for a domestic abuse incident (STANDARD, MEDIUM or HIGH)"));
        }
        if (!"GIVEN".equals(notice.getConsent().getState()) && blank(notice.getConsent().getReasonSharingNecessary())) {
            problems.add(Problem.at("/SubmitPublicProtectionNotice/Notice/Consent/ReasonSharingNecessary",
                    "is required when consent was not given: say why the police consider sharing necessary"));
        }
        LocalDate today = LocalDate.now(clock.withZone(UK));
        List<Child> children = notice.getChildren().getChild();
        for (int i = 0; i < children.size(); i++) {
            if (date(children.get(i).getBirthDate()).isAfter(today)) {
                problems.add(Problem.at(childPath(i) + "/BirthDate", "is in the future"));
            }
        }
        return problems;
    }

    private static String childPath(int index) {
        return "/SubmitPublicProtectionNotice/Notice/Children/Child" + (index == 0 ? "" : "[" + (index + 1) + "]");
    }

    private ReferralEvent referral(Notice notice, Child child, ChildSubject subject, EventSource source, Envelope envelope) {
        boolean significantHarm = "HIGH".equals(notice.getDashRiskLevel() == null ? null : notice.getDashRiskLevel().value())
                || "RED".equals(notice.getGrading().value());
        Concern concern = new Concern(List.of(category(notice.getNoticeType())),
                "Police: " + describe(notice) + " (" + notice.getForce().getValue() + " " + notice.getNoticeId() + ")",
                notice.getNarrative(), Rag.valueOf(notice.getGrading().value()), significantHarm);
        List<PersonInvolved> people = new ArrayList<>();
        if (notice.getAdultsInvolved() != null) {
            for (Adult adult : notice.getAdultsInvolved().getAdult()) {
                people.add(new PersonInvolved(adult.getRelationshipToChildren() + " (" + adult.getRole().toLowerCase().replace('_', ' ') + ")",
                        new PersonName(adult.getGivenName(), adult.getFamilyName(), List.of()),
                        adult.getBirthDate() == null ? null : date(adult.getBirthDate()),
                        adult.getPersonId() == null ? List.of()
                                : List.of(Identifier.partnerLocal(envelope.partnerId(), PERSON_ID_KIND, adult.getPersonId()))));
            }
        }
        for (Child sibling : notice.getChildren().getChild()) {
            if (sibling != child) {
                people.add(new PersonInvolved("another child at the incident", new PersonName(sibling.getGivenName(),
                        sibling.getFamilyName(), List.of()), date(sibling.getBirthDate()),
                        List.of(Identifier.partnerLocal(envelope.partnerId(), PERSON_ID_KIND, sibling.getPersonId()))));
            }
        }
        Contact referrer = new Contact(notice.getOfficer().getName() + " (" + notice.getOfficer().getCollarNumber() + ")",
                notice.getOfficer().getRole(), notice.getForce().getValue(), notice.getOfficer().getPhone(), notice.getOfficer().getEmail());
        return new ReferralEvent(EventIds.eventId(envelope.hubMessageId(), "REFERRAL:" + child.getPersonId()),
                envelope.correlationId(), instant(notice.getOccurrence().getStartTime()), envelope.receivedAt(), source, subject,
                concern, people, referrer, List.of(DataCategory.POLICE_INTELLIGENCE, DataCategory.DEMOGRAPHICS),
                sharing(notice), List.of());
    }

    private static ChildRecordEvent policeContact(Notice notice, Child child, ChildSubject subject, EventSource source,
                                                  Envelope envelope) {
        PoliceContactData data = new PoliceContactData(notice.getNoticeType().value(), notice.getNoticeId(),
                notice.getForce().getValue(), instant(notice.getOccurrence().getStartTime()),
                notice.getOccurrence().getEndTime() == null ? null : instant(notice.getOccurrence().getEndTime()),
                address(notice.getOccurrence().getLocation()),
                notice.getDashRiskLevel() == null ? null : notice.getDashRiskLevel().value(),
                notice.getGrading().value(), child.isSeenAndSpokenTo(),
                new Contact(notice.getOfficer().getName() + " (" + notice.getOfficer().getCollarNumber() + ")",
                        notice.getOfficer().getRole(), notice.getForce().getValue(), notice.getOfficer().getPhone(),
                        notice.getOfficer().getEmail()));
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "POLICE_CONTACT:" + child.getPersonId()),
                envelope.correlationId(), data.occurredAt(), envelope.receivedAt(), source, subject, RecordType.POLICE_CONTACT,
                ChildRecordEvent.dataOf(data), List.of(DataCategory.POLICE_CONTACT), sharing(notice), List.of());
    }

    private static ChildSubject childSubject(Child child, String partnerId) {
        School school = child.getSchool() == null ? null : new School(child.getSchool().getUrn(), child.getSchool().getName());
        return new ChildSubject(null, List.of(Identifier.partnerLocal(partnerId, PERSON_ID_KIND, child.getPersonId())),
                new PersonName(child.getGivenName(), child.getFamilyName(), List.of()), date(child.getBirthDate()),
                child.getSex() == null ? null : child.getSex().value(),
                child.getAddress() == null ? null : address(child.getAddress()), school);
    }

    /** Without consent, the police's reason for sharing is the override the sharing policy will see. */
    private static Sharing sharing(Notice notice) {
        ConsentState consent = ConsentState.valueOf(notice.getConsent().getState());
        Sharing.Override override = consent == ConsentState.GIVEN ? null : new Sharing.Override(
                notice.getConsent().getReasonSharingNecessary(),
                "police officer " + notice.getOfficer().getCollarNumber() + ", " + notice.getForce().getValue(),
                instant(notice.getSubmittedAt()));
        return new Sharing(List.of(Sharing.PUBLIC_TASK), consent, null, null, override);
    }

    private static String category(NoticeType type) {
        return switch (type) {
            case DOMESTIC_ABUSE -> "domestic-abuse";
            case MISSING_CHILD -> "missing";
            case CHILD_SEXUAL_EXPLOITATION -> "child-sexual-exploitation";
            case CHILD_CRIMINAL_EXPLOITATION -> "child-criminal-exploitation";
            case ONLINE_HARM -> "online-harm";
            case CHILD_CONCERN, OTHER -> "other";
        };
    }

    private static String describe(Notice notice) {
        String type = notice.getNoticeType().value().toLowerCase().replace('_', ' ');
        return notice.getDashRiskLevel() == null ? type : type + ", DASH " + notice.getDashRiskLevel().value().toLowerCase();
    }

    private static Address address(org.mashhub.schemas.police.Address a) {
        return new Address(a.getLine(), a.getTown(), a.getPostcode(), a.getDistrict(), null, null);
    }

    private static LocalDate date(XMLGregorianCalendar value) {
        return LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }

    private static Instant instant(XMLGregorianCalendar value) {
        return value.toGregorianCalendar().toZonedDateTime().withZoneSameInstant(ZoneOffset.UTC).toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
