package org.mashhub.adapters.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.adapters.ProcessingNote;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildProtectionFlagData;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.HealthConditionData;
import org.mashhub.schemas.events.RecordType;

/**
 * Record exports from health systems ({@code POST /fhir}): a Bundle of type transaction or collection,
 * often hundreds of resources. For each Patient who is a child (or a care leaver) the hub takes
 * demographics, emergency encounters, conditions and the hub's safeguarding flags. Everything else is
 * read and left out, and said so; an adult's record is refused and nothing of it kept.
 *
 * <p>Only what is kept is validated (against the base R4 profiles and the hub's): validating the
 * immunisations and claims the hub then drops would cost time for nothing.
 */
public final class HealthRecordAdapter {

    /** A valid export, reduced to what the hub keeps, with notes on what it left out. */
    public record HealthRecord(Bundle bundle, String exportId, List<ChildRecord> children, List<ProcessingNote> notes, BundleIndex index) {
    }

    /** One child of the export and the resources the hub keeps for them. */
    public record ChildRecord(Patient patient, String location, List<Encounter> emergencies, List<Condition> conditions,
                              List<Flag> flags) {
    }

    private static final Pattern ENTRY = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    private final HealthFhir fhir;
    private final ChildhoodRule childhood;

    public HealthRecordAdapter(HealthFhir fhir, Clock clock) {
        this.fhir = fhir;
        this.childhood = new ChildhoodRule(clock);
    }

    /**
     * @throws InvalidMessageException with every problem in what the hub keeps, located by FHIRPath
     * @throws NotAChildException when no Patient in the export is a child
     */
    public HealthRecord parse(byte[] body, FhirFormat format) {
        Bundle bundle = FhirInput.readBundle(fhir, body, format);
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.COLLECTION) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, List.of(Problem.at("Bundle.type",
                    "must be 'transaction' or 'collection' for POST /fhir (was '"
                            + (bundle.hasType() ? bundle.getType().toCode() : "none") + "'); send messages to $process-message")));
        }
        BundleIndex index = new BundleIndex(bundle);
        Map<Patient, List<Flag>> flagsOf = new LinkedHashMap<>();
        List<Patient> patients = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                patients.add(patient);
                flagsOf.put(patient, new ArrayList<>());
            }
        }
        if (patients.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID,
                    List.of(Problem.at("Bundle.entry", "holds no Patient: there is no child to record")));
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Flag flag && FhirToCanonical.safeguardingFlag(flag) != null) {
                index.resolve(flag.getSubject(), Patient.class).map(flagsOf::get).ifPresent(flags -> flags.add(flag));
            }
        }

        List<ProcessingNote> notes = new ArrayList<>();
        Map<Patient, ChildRecord> children = new LinkedHashMap<>();
        List<Problem> refusals = new ArrayList<>();
        for (Patient patient : patients) {
            boolean careLeaver = flagsOf.get(patient).stream().anyMatch(f -> "care-leaver".equals(FhirToCanonical.safeguardingFlag(f)));
            Optional<String> refusal = childhood.refusal(patient, careLeaver);
            if (refusal.isPresent()) {
                refusals.add(Problem.at(index.locate(patient), "is " + refusal.get()));
                notes.add(ProcessingNote.warning(index.locate(patient), "refused: " + refusal.get()));
            } else {
                children.put(patient, new ChildRecord(patient, index.locate(patient), new ArrayList<>(), new ArrayList<>(),
                        flagsOf.get(patient)));
            }
        }
        if (children.isEmpty()) {
            throw new NotAChildException(refusals);
        }

        Map<String, Integer> ignored = new TreeMap<>();
        int withRefusedPatient = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || resource instanceof Patient) {
                continue;
            }
            Patient subject = subjectOf(resource, index);
            ChildRecord child = subject == null ? null : children.get(subject);
            if (subject != null && child == null && patients.contains(subject)) {
                withRefusedPatient++;
            } else if (child != null && resource instanceof Encounter encounter && isEmergency(encounter)) {
                child.emergencies().add(encounter);
            } else if (child != null && resource instanceof Condition condition) {
                child.conditions().add(condition);
            } else if (!(resource instanceof Flag flag && FhirToCanonical.safeguardingFlag(flag) != null && child != null)) {
                String kind = resource instanceof Encounter ? "Encounter (not an emergency attendance)" : resource.fhirType();
                ignored.merge(kind, 1, Integer::sum);
            }
        }
        if (withRefusedPatient > 0) {
            notes.add(ProcessingNote.warning("Bundle.entry", withRefusedPatient
                    + " resource(s) about refused patients were not kept"));
        }
        ignored.forEach((type, count) -> notes.add(ProcessingNote.information("Bundle.entry",
                "left out as not safeguarding-relevant: " + count + " " + type)));

        List<Problem> problems = validateWhatIsKept(bundle.getType(), index, children.values());
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, problems);
        }
        String exportId = bundle.hasIdentifier() && bundle.getIdentifier().hasValue() ? bundle.getIdentifier().getValue() : null;
        return new HealthRecord(bundle, exportId, List.copyOf(children.values()), notes, index);
    }

    public MappedMessage toEvents(HealthRecord record, String partnerMessageId, Envelope envelope) {
        List<CanonicalEvent> events = new ArrayList<>();
        for (ChildRecord child : record.children()) {
            ChildSubject subject = FhirToCanonical.child(child.patient(), envelope.partnerId());
            EventSource source = new EventSource(Agency.HEALTH, envelope.partnerId(), partnerMessageId, envelope.hubMessageId(),
                    record.exportId());
            events.add(HealthMessageAdapter.demographics(child.patient(), subject, source, envelope,
                    "DEMOGRAPHICS:" + child.location()));
            for (Encounter encounter : child.emergencies()) {
                events.add(HealthMessageAdapter.emergencyAttendance(encounter, record.index(), subject, source, envelope));
            }
            for (Condition condition : child.conditions()) {
                HealthConditionData data = new HealthConditionData(FhirToCanonical.concept(condition.getCode()),
                        FhirToCanonical.codeOf(condition.getClinicalStatus()), FhirToCanonical.codeOf(condition.getVerificationStatus()),
                        FhirToCanonical.asWritten(condition.getOnset()), FhirToCanonical.asWritten(condition.getAbatement()),
                        condition.hasRecordedDate() ? condition.getRecordedDateElement().getValueAsString() : null);
                events.add(new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "HEALTH_CONDITION:" + record.index().locate(condition)),
                        envelope.correlationId(), condition.hasRecordedDate() ? condition.getRecordedDate().toInstant() : envelope.receivedAt(),
                        envelope.receivedAt(), source, subject, RecordType.HEALTH_CONDITION, ChildRecordEvent.dataOf(data),
                        List.of(DataCategory.HEALTH_CONDITION), FhirToCanonical.healthSharing(), List.of()));
            }
            for (Flag flag : child.flags()) {
                ChildProtectionFlagData data = new ChildProtectionFlagData(FhirToCanonical.safeguardingFlag(flag),
                        flag.getStatus().toCode(),
                        flag.hasPeriod() ? FhirToCanonical.date(flag.getPeriod().getStartElement()) : null,
                        flag.hasPeriod() ? FhirToCanonical.date(flag.getPeriod().getEndElement()) : null,
                        FhirToCanonical.display(flag.getAuthor()));
                events.add(new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "CHILD_PROTECTION_FLAG:" + record.index().locate(flag)),
                        envelope.correlationId(), envelope.receivedAt(), envelope.receivedAt(), source, subject,
                        RecordType.CHILD_PROTECTION_FLAG, ChildRecordEvent.dataOf(data),
                        List.of(DataCategory.HEALTH_CONDITION), FhirToCanonical.healthSharing(), List.of()));
            }
        }
        return new MappedMessage(events, List.of(), record.notes());
    }

    /** Validates a collection of only what is kept; problems are located in the partner's own bundle. */
    private List<Problem> validateWhatIsKept(Bundle.BundleType type, BundleIndex index, Iterable<ChildRecord> children) {
        // The same type as the partner's, so what a transaction allows (conditional references) stays allowed.
        Bundle kept = new Bundle().setType(type);
        List<Integer> originalPositions = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ChildRecord child : children) {
            FhirToCanonical.useProfile(child.patient(), HealthFhir.PROFILE_PATIENT);
            problems.addAll(FhirToCanonical.nhsNumberProblems(child.patient(), child.location()));
            if (childhood.bornInTheFuture(child.patient())) {
                problems.add(Problem.at(child.location() + ".birthDate", "is in the future"));
            }
            List<Resource> resources = new ArrayList<>();
            resources.add(child.patient());
            for (Encounter encounter : child.emergencies()) {
                FhirToCanonical.useProfile(encounter, HealthFhir.PROFILE_EMERGENCY_ENCOUNTER);
                resources.add(encounter);
            }
            resources.addAll(child.conditions());
            resources.addAll(child.flags());
            for (Resource resource : resources) {
                if (!(resource instanceof Patient)) {
                    resource.getMeta().getProfile().removeIf(p -> !p.getValue().startsWith(HealthFhir.BASE));
                }
                Bundle.BundleEntryComponent original = index.entry(resource);
                kept.addEntry().setFullUrl(fullUrlOf(resource, index)).setResource(resource)
                        .setRequest(original == null ? null : original.getRequest());
                originalPositions.add(position(index.locate(resource)));
            }
        }
        for (Problem problem : fhir.validate(kept)) {
            problems.add(Problem.at(relocate(problem.pointer(), originalPositions), problem.detail()));
        }
        return problems;
    }

    private static String relocate(String location, List<Integer> originalPositions) {
        Matcher m = ENTRY.matcher(location == null ? "" : location);
        if (!m.find()) {
            return location;
        }
        int keptAt = Integer.parseInt(m.group(1));
        return keptAt < originalPositions.size()
                ? m.replaceFirst("Bundle.entry[" + originalPositions.get(keptAt) + "]")
                : location;
    }

    private static int position(String location) {
        Matcher m = ENTRY.matcher(location);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String fullUrlOf(Resource resource, BundleIndex index) {
        String fullUrl = index.fullUrl(resource);
        if (fullUrl != null) {
            return fullUrl;
        }
        return resource.getIdElement().hasIdPart() ? resource.fhirType() + "/" + resource.getIdElement().getIdPart() : null;
    }

    private static Patient subjectOf(Resource resource, BundleIndex index) {
        Reference subject = switch (resource.fhirType()) {
            case "Encounter" -> ((Encounter) resource).getSubject();
            case "Condition" -> ((Condition) resource).getSubject();
            case "Flag" -> ((Flag) resource).getSubject();
            case "Immunization" -> ((Immunization) resource).getPatient();
            case "Observation" -> ((Observation) resource).getSubject();
            case "Claim" -> ((Claim) resource).getPatient();
            default -> null;
        };
        return index.resolve(subject, Patient.class).orElse(null);
    }

    private static boolean isEmergency(Encounter encounter) {
        return encounter.hasClass_() && "EMER".equals(encounter.getClass_().getCode());
    }

}
