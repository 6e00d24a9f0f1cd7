package org.mashhub.adapters.housing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.JsonInput;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.housing.HousingNotification.AddressUse;
import org.mashhub.adapters.housing.HousingNotification.HousingAddress;
import org.mashhub.adapters.housing.HousingNotification.Member;
import org.mashhub.adapters.housing.HousingNotification.Role;
import org.mashhub.adapters.housing.HousingNotification.Type;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.JsonContract;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.AddressChangeData;
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
import org.mashhub.schemas.events.HousingStatusData;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonInvolved;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;
import org.mashhub.schemas.events.Sharing;

/**
 * Parses, validates and maps a district council's housing notification.
 *
 * <p>Each child in the household gets its own events: a move becomes an {@code ADDRESS_CHANGE} record; a
 * notice with a safeguarding concern becomes a {@link ReferralEvent}; any other notice becomes a
 * {@code HOUSING_STATUS} record. A move with a concern gives both, so the concern is never lost.
 * Unborn children are not yet children the case system can record: they are named among the people
 * involved in a referral.
 */
public final class HousingNotificationAdapter {

    /** Housing officers do not grade concerns; ungraded concerns go to the MASH as amber (seen within a day). */
    static final Rag UNGRADED_CONCERN_RAG = Rag.AMBER;
    static final String HOUSEHOLD_MEMBER_ID_KIND = "household-member";

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final Clock clock;

    public HousingNotificationAdapter() {
        this(Clock.systemUTC());
    }

    public HousingNotificationAdapter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads the partner's bytes into a notification.
     *
     * @throws InvalidMessageException listing every problem, {@code MALFORMED} when the bytes are not a JSON
     *                                 object, {@code INVALID} when the object breaks the contract
     */
    public HousingNotification parse(byte[] body) {
        JsonNode json = JsonInput.read(body);
        List<Problem> problems = new ArrayList<>(JsonContract.HOUSING_NOTIFICATION_V1.validate(json));
        problems.addAll(checksBeyondTheSchema(json));
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems.stream().distinct().toList());
        }
        return CanonicalJson.mapper().convertValue(json, HousingNotification.class);
    }

    /** The canonical events for every child in the household, in household order. */
    public List<CanonicalEvent> toEvents(HousingNotification notification, Envelope envelope) {
        List<CanonicalEvent> events = new ArrayList<>();
        for (Member member : notification.household().members()) {
            if (member.role() != Role.CHILD) {
                continue;
            }
            ChildSubject child = childSubject(notification, member, envelope);
            if (notification.notificationType() == Type.HOUSEHOLD_MOVE) {
                events.add(addressChange(notification, member, child, envelope));
            } else if (!notification.safeguardingConcern().raised()) {
                events.add(housingStatus(notification, member, child, envelope));
            }
            if (notification.safeguardingConcern().raised()) {
                events.add(referral(notification, member, child, envelope));
            }
        }
        return events;
    }

    private List<Problem> checksBeyondTheSchema(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        JsonNode members = json.path("household").path("members");
        LocalDate today = LocalDate.now(clock.withZone(UK));
        for (int i = 0; i < members.size(); i++) {
            String at = "/household/members/" + i;
            JsonNode member = members.get(i);
            JsonNode nhs = member.path("nhsNumber");
            if (nhs.isTextual() && nhs.asText().matches("[0-9]{10}") && !NhsNumber.isValid(nhs.asText())) {
                problems.add(Problem.at(at + "/nhsNumber",
                        "is not a valid NHS Number (the modulus 11 check digit does not match)"));
            }
            if (parseDate(member.path("birthDate")).filter(birth -> birth.isAfter(today)).isPresent()) {
                problems.add(Problem.at(at + "/birthDate", "is in the future"));
            }
        }
        JsonNode addresses = json.path("addresses");
        for (int i = 0; i < addresses.size(); i++) {
            Optional<LocalDate> from = parseDate(addresses.get(i).path("from"));
            Optional<LocalDate> to = parseDate(addresses.get(i).path("to"));
            if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                problems.add(Problem.at("/addresses/" + i + "/to", "is before the address's from date"));
            }
        }
        return problems;
    }

    private static Optional<LocalDate> parseDate(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // the schema reports it
        }
    }

    private static ChildSubject childSubject(HousingNotification n, Member member, Envelope envelope) {
        List<Identifier> identifiers = new ArrayList<>();
        if (member.nhsNumber() != null) {
            identifiers.add(Identifier.nhsNumber(member.nhsNumber()));
        }
        identifiers.add(Identifier.partnerLocal(envelope.partnerId(), HOUSEHOLD_MEMBER_ID_KIND,
                n.caseReference() + "#" + member.memberId()));
        Address address = livingAt(n).map(HousingNotificationAdapter::canonical).orElse(null);
        return new ChildSubject(null, identifiers,
                new PersonName(member.givenName(), member.familyName(), member.otherNames()),
                member.birthDate(), member.sex(), address, null);
    }

    /** Where the household lives after this notification. */
    private static Optional<HousingAddress> livingAt(HousingNotification n) {
        AddressUse preferred = switch (n.notificationType()) {
            case TEMPORARY_ACCOMMODATION_PLACEMENT -> AddressUse.TEMPORARY;
            case HOUSEHOLD_MOVE -> AddressUse.NEW;
            default -> AddressUse.CURRENT;
        };
        return address(n, preferred).or(() -> address(n, AddressUse.CURRENT));
    }

    private static Optional<HousingAddress> address(HousingNotification n, AddressUse use) {
        return n.addresses().stream().filter(a -> a.use() == use).findFirst();
    }

    private static Address canonical(HousingAddress a) {
        return new Address(a.lines(), a.town(), a.postcode(), a.district(), a.from(), a.to());
    }

    private ChildRecordEvent addressChange(HousingNotification n, Member member, ChildSubject child, Envelope envelope) {
        AddressChangeData data = new AddressChangeData(
                address(n, AddressUse.PREVIOUS).or(() -> address(n, AddressUse.CURRENT)).map(HousingNotificationAdapter::canonical).orElse(null),
                address(n, AddressUse.NEW).map(HousingNotificationAdapter::canonical).orElseThrow(),
                n.effectiveDate(),
                reasonText(n));
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "ADDRESS_CHANGE:" + member.memberId()),
                envelope.correlationId(), startOfDay(n.effectiveDate()), envelope.receivedAt(), source(n, envelope), child,
                RecordType.ADDRESS_CHANGE, ChildRecordEvent.dataOf(data),
                List.of(DataCategory.DEMOGRAPHICS, DataCategory.HOUSING_STATUS), sharing(n), List.of());
    }

    private ChildRecordEvent housingStatus(HousingNotification n, Member member, ChildSubject child, Envelope envelope) {
        HousingStatusData data = new HousingStatusData(status(n.notificationType()), n.sender().districtCouncil(),
                n.caseReference(), n.effectiveDate(), reasonText(n),
                n.temporaryAccommodation() == null ? null : new HousingStatusData.TemporaryAccommodation(
                        n.temporaryAccommodation().accommodationType(), n.temporaryAccommodation().outOfDistrict(),
                        n.temporaryAccommodation().hostAuthority(),
                        address(n, AddressUse.TEMPORARY).map(HousingNotificationAdapter::canonical).orElse(null)),
                n.eviction() == null ? null : new HousingStatusData.Eviction(n.eviction().noticeType(),
                        n.eviction().noticeServedOn(), n.eviction().possessionDate()),
                officer(n));
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "HOUSING_STATUS:" + member.memberId()),
                envelope.correlationId(), startOfDay(n.effectiveDate()), envelope.receivedAt(), source(n, envelope), child,
                RecordType.HOUSING_STATUS, ChildRecordEvent.dataOf(data),
                List.of(DataCategory.HOUSING_STATUS), sharing(n), List.of());
    }

    private ReferralEvent referral(HousingNotification n, Member member, ChildSubject child, Envelope envelope) {
        List<String> categories = new ArrayList<>(List.of("housing"));
        if (n.reason() != null && "DOMESTIC_ABUSE".equals(n.reason().code())) {
            categories.add("domestic-abuse");
        }
        Concern concern = new Concern(categories,
                "Housing: " + describe(n) + "; safeguarding concern raised by " + n.sender().districtCouncil(),
                n.safeguardingConcern().details(), UNGRADED_CONCERN_RAG, false);
        return new ReferralEvent(EventIds.eventId(envelope.hubMessageId(), "REFERRAL:" + member.memberId()),
                envelope.correlationId(), n.sentAt().toInstant(), envelope.receivedAt(), source(n, envelope), child,
                concern, peopleInvolved(n, member), officer(n),
                List.of(DataCategory.HOUSING_STATUS, DataCategory.DEMOGRAPHICS), sharing(n), List.of());
    }

    /** The adults and unborn children of the household, as they relate to this child. */
    private static List<PersonInvolved> peopleInvolved(HousingNotification n, Member child) {
        List<PersonInvolved> people = new ArrayList<>();
        for (Member m : n.household().members()) {
            String relationship = switch (m.role()) {
                case APPLICANT -> "parent or carer (housing applicant)";
                case ADULT -> "household member (" + nonBlank(m.relationshipToApplicant(), "adult") + " of the applicant)";
                case UNBORN -> "unborn sibling";
                case CHILD -> null;
            };
            if (relationship != null && m != child) {
                people.add(new PersonInvolved(relationship, new PersonName(m.givenName(), m.familyName(), m.otherNames()),
                        m.birthDate(), List.of()));
            }
        }
        return people;
    }

    private static String describe(HousingNotification n) {
        return switch (n.notificationType()) {
            case DUTY_TO_REFER -> "homelessness duty to refer";
            case PREVENTION_DUTY_ACCEPTED -> "prevention duty accepted";
            case RELIEF_DUTY_ACCEPTED -> "relief duty accepted";
            case TEMPORARY_ACCOMMODATION_PLACEMENT -> "placed in temporary accommodation"
                    + (n.temporaryAccommodation().outOfDistrict() ? " out of district" : "");
            case EVICTION_NOTICE -> "eviction notice (" + n.eviction().noticeType() + ")";
            case HOUSEHOLD_MOVE -> "household moved";
        };
    }

    private static HousingStatusData.Status status(Type type) {
        return switch (type) {
            case DUTY_TO_REFER -> HousingStatusData.Status.DUTY_TO_REFER;
            case PREVENTION_DUTY_ACCEPTED -> HousingStatusData.Status.PREVENTION_DUTY;
            case RELIEF_DUTY_ACCEPTED -> HousingStatusData.Status.RELIEF_DUTY;
            case TEMPORARY_ACCOMMODATION_PLACEMENT -> HousingStatusData.Status.TEMPORARY_ACCOMMODATION;
            case EVICTION_NOTICE -> HousingStatusData.Status.EVICTION_NOTICE;
            case HOUSEHOLD_MOVE -> throw new IllegalArgumentException("a move is an address change, not a housing status");
        };
    }

    private static EventSource source(HousingNotification n, Envelope envelope) {
        return new EventSource(Agency.HOUSING, envelope.partnerId(), n.messageId(), envelope.hubMessageId(), n.caseReference());
    }

    private static Contact officer(HousingNotification n) {
        return new Contact(n.officer().name(), n.officer().role(), n.sender().districtCouncil(), n.officer().phone(),
                n.officer().email());
    }

    private static Sharing sharing(HousingNotification n) {
        return Sharing.publicTask(ConsentState.valueOf(n.consentToShare().name()));
    }

    private static String reasonText(HousingNotification n) {
        if (n.reason() == null) {
            return null;
        }
        return n.reason().text() == null ? n.reason().code() : n.reason().code() + ": " + n.reason().text();
    }

    private static java.time.Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(UK).toInstant();
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
