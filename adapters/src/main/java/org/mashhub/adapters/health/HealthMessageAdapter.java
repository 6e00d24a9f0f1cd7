package org.mashhub.adapters.health;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
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
import org.mashhub.schemas.events.DemographicsData;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.HealthAttendanceData;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;

/**
 * FHIR messages from health partners ({@code POST /fhir/$process-message}): a Bundle of type message
 * whose MessageHeader's event says what it is about and whose focus carries it.
 *
 * <ul>
 *   <li>{@code safeguarding-concern}: a Communication about the child → a ReferralEvent. Priority gives
 *       the RAG rating (routine green, urgent amber, asap and stat red); the hub's
 *       risk-of-significant-harm extension, or priority stat, says risk of significant harm.</li>
 *   <li>{@code emergency-attendance}: an Encounter of class EMER → HEALTH_ATTENDANCE.</li>
 *   <li>{@code consent-update}: a Consent → the child's consent state per data category (no event).</li>
 *   <li>{@code patient-update}: a Patient → ADDRESS_CHANGE when it carries an ended address and a current
 *       one, otherwise DEMOGRAPHICS.</li>
 * </ul>
 */
public final class HealthMessageAdapter {

    public enum Event { SAFEGUARDING_CONCERN, EMERGENCY_ATTENDANCE, CONSENT_UPDATE, PATIENT_UPDATE }

    /** A valid message about a child, with what the mapping needs. */
    public record HealthMessage(Bundle bundle, String messageId, Event event, Resource focus, Patient subject) {
    }

    private final HealthFhir fhir;
    private final ChildhoodRule childhood;

    public HealthMessageAdapter(HealthFhir fhir, Clock clock) {
        this.fhir = fhir;
        this.childhood = new ChildhoodRule(clock);
    }

    /**
     * Reads and validates a message.
     *
     * @throws InvalidMessageException with every problem, located by FHIRPath
     * @throws NotAChildException when the message is about an adult
     */
    public HealthMessage parse(byte[] body, FhirFormat format) {
        Bundle bundle = FhirInput.readBundle(fhir, body, format);
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            throw invalid("Bundle.type", "must be 'message' for $process-message (was '" + typeOf(bundle)
                    + "'); send transaction and collection bundles to POST /fhir");
        }
        if (!(bundle.getEntryFirstRep().getResource() instanceof MessageHeader header)) {
            throw invalid("Bundle.entry[0].resource", "the first entry of a message must be its MessageHeader");
        }
        BundleIndex index = new BundleIndex(bundle);
        List<Problem> problems = new ArrayList<>();
        if (!bundle.hasIdentifier() || !bundle.getIdentifier().hasValue()) {
            problems.add(Problem.at("Bundle.identifier", "is required: the message's own id makes a resend recognisable"));
        }
        Event event = event(header);
        if (event == null) {
            problems.add(Problem.at("Bundle.entry[0].resource.event", "is not one of the hub's message events ("
                    + HealthFhir.MESSAGE_EVENT_SYSTEM + ": safeguarding-concern, emergency-attendance, consent-update, patient-update)"));
        }
        FhirToCanonical.useProfile(header, HealthFhir.PROFILE_MESSAGE_HEADER);
        Resource focus = index.resolve(header.getFocusFirstRep()).orElse(null);
        if (focus == null) {
            problems.add(Problem.at("Bundle.entry[0].resource.focus", "must point at an entry of the message"));
        }
        Patient subject = null;
        if (event != null && focus != null) {
            String expected = focusType(event);
            if (!expected.equals(focus.fhirType())) {
                problems.add(Problem.at("Bundle.entry[0].resource.focus", "must be a " + expected + " for " + code(event)));
            } else {
                FhirToCanonical.useProfile(focus, profile(event));
                Reference subjectRef = subjectReference(focus);
                subject = focus instanceof Patient p ? p : index.resolve(subjectRef, Patient.class).orElse(null);
                if (subject == null) {
                    problems.add(Problem.at(index.locate(focus) + "." + subjectElement(event),
                            "must point at the Patient the message is about, included in the message"));
                }
            }
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                FhirToCanonical.useProfile(patient, HealthFhir.PROFILE_PATIENT);
                problems.addAll(FhirToCanonical.nhsNumberProblems(patient, index.locate(patient)));
                if (childhood.bornInTheFuture(patient)) {
                    problems.add(Problem.at(index.locate(patient) + ".birthDate", "is in the future"));
                }
            }
        }
        problems.addAll(fhir.validate(bundle));
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        boolean careLeaver = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Flag.class::isInstance).map(Flag.class::cast)
                .anyMatch(flag -> "care-leaver".equals(FhirToCanonical.safeguardingFlag(flag)));
        if (preBirth(focus)) {
            // The subject is the mother; the concern, and everything the hub keeps, is about her unborn child.
            if (subject.getIdentifier().stream().noneMatch(id -> FhirToCanonical.NHS_NUMBER_SYSTEM.equals(id.getSystem())
                    && org.mashhub.adapters.NhsNumber.isValid(id.getValue()))) {
                throw invalid(index.locate(subject) + ".identifier", "a pre-birth concern's subject is the mother, with her "
                        + "NHS Number: the hub knows the unborn child by it");
            }
            return new HealthMessage(bundle, bundle.getIdentifier().getValue(), event, focus, subject);
        }
        Optional<String> refusal = childhood.refusal(subject, careLeaver);
        if (refusal.isPresent()) {
            throw new NotAChildException(List.of(Problem.at(index.locate(subject), "is " + refusal.get())));
        }
        return new HealthMessage(bundle, bundle.getIdentifier().getValue(), event, focus, subject);
    }

    public MappedMessage toEvents(HealthMessage message, Envelope envelope) {
        ChildSubject child = preBirth(message.focus()) ? FhirToCanonical.unbornChild(message.subject())
                : FhirToCanonical.child(message.subject(), envelope.partnerId());
        BundleIndex index = new BundleIndex(message.bundle());
        EventSource source = new EventSource(Agency.HEALTH, envelope.partnerId(), message.messageId(), envelope.hubMessageId(),
                message.focus().getIdElement().getIdPart());
        return switch (message.event()) {
            case SAFEGUARDING_CONCERN -> events(referral((Communication) message.focus(), index, child, source, envelope));
            case EMERGENCY_ATTENDANCE -> events(emergencyAttendance((Encounter) message.focus(), index, child, source, envelope));
            case PATIENT_UPDATE -> events(patientUpdate(message.subject(), child, source, envelope));
            case CONSENT_UPDATE -> new MappedMessage(List.of(), consents((Consent) message.focus(), child, envelope), List.of());
        };
    }

    /** A safeguarding concern about the unborn child of its subject (a pre-birth concern, from maternity). */
    static boolean preBirth(Resource focus) {
        return focus instanceof Communication communication && communication.hasExtension(HealthFhir.UNBORN_CHILD);
    }

    private static MappedMessage events(CanonicalEvent event) {
        return new MappedMessage(List.of(event), List.of(), List.of());
    }

    private static ReferralEvent referral(Communication communication, BundleIndex index, ChildSubject child, EventSource source,
                                          Envelope envelope) {
        List<String> categories = communication.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .filter(c -> HealthFhir.CONCERN_CATEGORY_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).distinct().toList();
        Communication.CommunicationPriority priority = communication.getPriority();
        boolean significantHarm = priority == Communication.CommunicationPriority.STAT
                || communication.getExtension().stream()
                .filter(e -> HealthFhir.RISK_OF_SIGNIFICANT_HARM.equals(e.getUrl()))
                .map(Extension::getValue).anyMatch(v -> v instanceof BooleanType b && b.booleanValue());
        Contact referrer = referrer(communication.getSender(), index);
        String detail = communication.getPayload().stream()
                .filter(p -> p.getContent() instanceof StringType)
                .map(p -> ((StringType) p.getContent()).getValue())
                .reduce((a, b) -> a + "\n\n" + b).orElse(null);
        String from = referrer != null && referrer.organisation() != null ? referrer.organisation()
                : referrer != null && referrer.role() != null ? referrer.role() : "a health partner";
        Extension unborn = communication.getExtensionByUrl(HealthFhir.UNBORN_CHILD);
        if (unborn != null && unborn.getValue() instanceof org.hl7.fhir.r4.model.DateType due && due.hasValue()) {
            detail = "Expected date of delivery: " + due.getValueAsString() + (detail == null ? "" : "\n\n" + detail);
        }
        Concern concern = new Concern(categories.isEmpty() ? List.of("health") : categories,
                (unborn != null ? "Health: pre-birth safeguarding concern from " : "Health: safeguarding concern from ") + from,
                detail, rag(priority), significantHarm);
        return new ReferralEvent(EventIds.eventId(envelope.hubMessageId(), "REFERRAL:" + index.locate(communication)),
                envelope.correlationId(),
                communication.hasSent() ? communication.getSent().toInstant() : envelope.receivedAt(),
                envelope.receivedAt(), source, child, concern, List.of(), referrer,
                List.of(DataCategory.HEALTH_CONDITION, DataCategory.DEMOGRAPHICS), FhirToCanonical.healthSharing(), List.of());
    }

    static Rag rag(Communication.CommunicationPriority priority) {
        if (priority == null) {
            return Rag.AMBER;
        }
        return switch (priority) {
            case ROUTINE -> Rag.GREEN;
            case URGENT, NULL -> Rag.AMBER;
            case ASAP, STAT -> Rag.RED;
        };
    }

    private static Contact referrer(Reference sender, BundleIndex index) {
        Resource who = index.resolve(sender).orElse(null);
        if (who instanceof PractitionerRole role) {
            Practitioner practitioner = index.resolve(role.getPractitioner(), Practitioner.class).orElse(null);
            Organization organisation = index.resolve(role.getOrganization(), Organization.class).orElse(null);
            return new Contact(practitioner == null ? FhirToCanonical.display(role.getPractitioner()) : name(practitioner.getNameFirstRep()),
                    role.hasCode() ? FhirToCanonical.concept(role.getCodeFirstRep()).text() : null,
                    organisation == null ? FhirToCanonical.display(role.getOrganization()) : organisation.getName(),
                    telecom(role.getTelecom(), "phone", practitioner == null ? List.of() : practitioner.getTelecom()),
                    telecom(role.getTelecom(), "email", practitioner == null ? List.of() : practitioner.getTelecom()));
        }
        if (who instanceof Practitioner practitioner) {
            return new Contact(name(practitioner.getNameFirstRep()), null, null,
                    telecom(practitioner.getTelecom(), "phone", List.of()), telecom(practitioner.getTelecom(), "email", List.of()));
        }
        if (who instanceof Organization organisation) {
            return new Contact(null, null, organisation.getName(), telecom(organisation.getTelecom(), "phone", List.of()),
                    telecom(organisation.getTelecom(), "email", List.of()));
        }
        return sender != null && sender.hasDisplay() ? new Contact(sender.getDisplay(), null, null, null, null) : null;
    }

    /** Shared with record exports: one emergency department attendance. */
    static ChildRecordEvent emergencyAttendance(Encounter encounter, BundleIndex index, ChildSubject child, EventSource source,
                                                Envelope envelope) {
        String location = encounter.getLocation().stream()
                .map(l -> index.resolve(l.getLocation(), Location.class)
                        .map(Location::getName).orElse(FhirToCanonical.display(l.getLocation())))
                .filter(Objects::nonNull).findFirst().orElse(null);
        String provider = index.resolve(encounter.getServiceProvider(), Organization.class).map(Organization::getName)
                .orElse(FhirToCanonical.display(encounter.getServiceProvider()));
        HealthAttendanceData data = new HealthAttendanceData(HealthAttendanceData.EMERGENCY_DEPARTMENT,
                FhirToCanonical.instant(encounter.getPeriod().getStart()), FhirToCanonical.instant(encounter.getPeriod().getEnd()),
                encounter.hasReasonCode() ? FhirToCanonical.concept(encounter.getReasonCodeFirstRep()) : null, location, provider);
        // The entry's place in the partner's bundle tells the message's events apart, and is the same on a resend.
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "HEALTH_ATTENDANCE:" + index.locate(encounter)),
                envelope.correlationId(), data.arrivedAt(), envelope.receivedAt(), source, child, RecordType.HEALTH_ATTENDANCE,
                ChildRecordEvent.dataOf(data), List.of(DataCategory.HEALTH_ATTENDANCE), FhirToCanonical.healthSharing(), List.of());
    }

    private static ChildRecordEvent patientUpdate(Patient patient, ChildSubject child, EventSource source, Envelope envelope) {
        Address previous = FhirToCanonical.previousAddress(patient);
        Address current = FhirToCanonical.currentAddress(patient);
        if (previous != null && current != null) {
            AddressChangeData data = new AddressChangeData(previous, current, current.from(), null);
            return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "ADDRESS_CHANGE"), envelope.correlationId(),
                    current.from() == null ? envelope.receivedAt() : current.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    envelope.receivedAt(), source, child, RecordType.ADDRESS_CHANGE, ChildRecordEvent.dataOf(data),
                    List.of(DataCategory.DEMOGRAPHICS), FhirToCanonical.healthSharing(), List.of());
        }
        return demographics(patient, child, source, envelope, "DEMOGRAPHICS");
    }

    /** Shared with record exports: who the child is, as health holds it now. */
    static ChildRecordEvent demographics(Patient patient, ChildSubject child, EventSource source, Envelope envelope,
                                         String discriminator) {
        DemographicsData data = new DemographicsData(child.name(), child.birthDate(), child.sex(), child.address(),
                patient.getGeneralPractitioner().stream().map(Reference::getDisplay).filter(Objects::nonNull)
                        .findFirst().orElse(null),
                patient.hasDeceased() ? (patient.hasDeceasedBooleanType() ? patient.getDeceasedBooleanType().booleanValue() : Boolean.TRUE) : null);
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), discriminator), envelope.correlationId(),
                envelope.receivedAt(), envelope.receivedAt(), source, child, RecordType.DEMOGRAPHICS, ChildRecordEvent.dataOf(data),
                List.of(DataCategory.DEMOGRAPHICS), FhirToCanonical.healthSharing(), List.of());
    }

    /** One statement per data category the Consent names from the hub's code system, or one for all of them. */
    private static List<ConsentStatement> consents(Consent consent, ChildSubject child, Envelope envelope) {
        ConsentState state = consentState(consent);
        List<String> categories = consent.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .filter(c -> HealthFhir.DATA_CATEGORY_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).distinct().toList();
        Consent.ProvisionComponent provision = consent.getProvision();
        LocalDate from = provision.hasPeriod() ? FhirToCanonical.date(provision.getPeriod().getStartElement())
                : FhirToCanonical.date(consent.getDateTimeElement());
        LocalDate to = provision.hasPeriod() ? FhirToCanonical.date(provision.getPeriod().getEndElement()) : null;
        return (categories.isEmpty() ? List.of(ConsentStatement.ALL_CATEGORIES) : categories).stream()
                .map(category -> new ConsentStatement(child, category, state, from, to, envelope.receivedAt()))
                .toList();
    }

    static ConsentState consentState(Consent consent) {
        return switch (consent.getStatus()) {
            case ACTIVE -> consent.getProvision().getType() == Consent.ConsentProvisionType.PERMIT ? ConsentState.GIVEN : ConsentState.REFUSED;
            case REJECTED -> ConsentState.REFUSED;
            case INACTIVE -> ConsentState.WITHDRAWN;
            case DRAFT, PROPOSED -> ConsentState.NOT_SOUGHT;
            default -> ConsentState.UNKNOWN;
        };
    }

    private static Event event(MessageHeader header) {
        if (!(header.getEvent() instanceof Coding coding) || !HealthFhir.MESSAGE_EVENT_SYSTEM.equals(coding.getSystem())) {
            return null;
        }
        for (Event event : Event.values()) {
            if (code(event).equals(coding.getCode())) {
                return event;
            }
        }
        return null;
    }

    static String code(Event event) {
        return event.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String focusType(Event event) {
        return switch (event) {
            case SAFEGUARDING_CONCERN -> "Communication";
            case EMERGENCY_ATTENDANCE -> "Encounter";
            case CONSENT_UPDATE -> "Consent";
            case PATIENT_UPDATE -> "Patient";
        };
    }

    private static String profile(Event event) {
        return switch (event) {
            case SAFEGUARDING_CONCERN -> HealthFhir.PROFILE_COMMUNICATION;
            case EMERGENCY_ATTENDANCE -> HealthFhir.PROFILE_EMERGENCY_ENCOUNTER;
            case CONSENT_UPDATE -> HealthFhir.PROFILE_CONSENT;
            case PATIENT_UPDATE -> HealthFhir.PROFILE_PATIENT;
        };
    }

    private static String subjectElement(Event event) {
        return event == Event.CONSENT_UPDATE ? "patient" : "subject";
    }

    private static Reference subjectReference(Resource focus) {
        if (focus instanceof Communication c) {
            return c.getSubject();
        }
        if (focus instanceof Encounter e) {
            return e.getSubject();
        }
        if (focus instanceof Consent c) {
            return c.getPatient();
        }
        return null;
    }

    private static String name(HumanName name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String given = name.getGiven().stream().map(StringType::getValue).reduce((a, b) -> a + " " + b).orElse("");
        return ((name.hasPrefix() ? name.getPrefixAsSingleString() + " " : "") + given + " "
                + (name.hasFamily() ? name.getFamily() : "")).strip();
    }

    private static String telecom(List<ContactPoint> first, String system,
                                  List<ContactPoint> second) {
        return Stream.concat(first.stream(), second.stream())
                .filter(c -> c.hasSystem() && c.getSystem().toCode().equals(system))
                .map(ContactPoint::getValue).findFirst().orElse(null);
    }

    private static String typeOf(Bundle bundle) {
        return bundle.hasType() ? bundle.getType().toCode() : "none";
    }

    private static InvalidMessageException invalid(String location, String detail) {
        return new InvalidMessageException(InvalidMessageException.Kind.INVALID, List.of(Problem.at(location, detail)));
    }
}
