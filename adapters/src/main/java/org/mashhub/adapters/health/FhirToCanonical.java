package org.mashhub.adapters.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.CodedConcept;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.Sharing;

/** FHIR R4 to the hub's canonical parts, the same for messages and record exports. */
final class FhirToCanonical {

    static final String NHS_NUMBER_SYSTEM = Identifier.NHS_NUMBER;
    /** Health information is special category data: shared for safeguarding under Art. 9(2)(g) and DPA 2018 Sch. 1 para 18. */
    static final List<String> HEALTH_LAWFUL_BASIS = List.of(Sharing.PUBLIC_TASK, "UK-GDPR-9-2-g", "DPA-2018-SCH1-PARA18");

    private FhirToCanonical() {
    }

    /** Validate this resource against the hub's profile, whatever profiles the partner declared. */
    static void useProfile(org.hl7.fhir.r4.model.Resource resource, String profile) {
        resource.getMeta().setProfile(new ArrayList<>());
        resource.getMeta().addProfile(profile);
    }

    static Sharing healthSharing() {
        return new Sharing(HEALTH_LAWFUL_BASIS, ConsentState.UNKNOWN, null, null, null);
    }

    static ChildSubject child(Patient patient, String partnerId) {
        List<Identifier> identifiers = new ArrayList<>();
        for (org.hl7.fhir.r4.model.Identifier id : patient.getIdentifier()) {
            if (NHS_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue()) {
                identifiers.add(Identifier.nhsNumber(id.getValue()));
            }
        }
        String local = patient.getIdentifier().stream()
                .filter(id -> !NHS_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue() && id.hasSystem())
                .map(id -> id.getSystem() + "|" + id.getValue())
                .findFirst()
                .orElse(patient.getIdElement().getIdPart());
        if (local != null) {
            identifiers.add(Identifier.partnerLocal(partnerId, "patient", local));
        }
        // A newborn names its mother: the unborn child the hub knew by her NHS Number is this baby.
        patient.getExtension().stream().filter(e -> HealthFhir.BORN_TO.equals(e.getUrl()))
                .map(e -> e.getValue()).filter(org.hl7.fhir.r4.model.Identifier.class::isInstance)
                .map(org.hl7.fhir.r4.model.Identifier.class::cast)
                .filter(id -> NHS_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue())
                .findFirst().ifPresent(mother -> identifiers.add(new Identifier(Identifier.UNBORN_CHILD_OF, mother.getValue())));
        return new ChildSubject(null, identifiers, name(patient), birthDate(patient), gender(patient),
                currentAddress(patient), null);
    }

    /**
     * The unborn child of a pre-birth concern, known by the mother's NHS Number until it has its own: the
     * mother's family name and address, no given name or birth date yet.
     */
    static ChildSubject unbornChild(Patient mother) {
        String motherNhs = mother.getIdentifier().stream()
                .filter(id -> NHS_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue())
                .map(org.hl7.fhir.r4.model.Identifier::getValue).findFirst().orElseThrow();
        PersonName motherName = name(mother);
        return new ChildSubject(null, List.of(new Identifier(Identifier.UNBORN_CHILD_OF, motherNhs)),
                motherName == null ? null : new PersonName(null, motherName.family(), List.of()), null, null,
                currentAddress(mother), null);
    }

    static PersonName name(Patient patient) {
        if (!patient.hasName()) {
            return null;
        }
        HumanName main = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL || n.getUse() == HumanName.NameUse.USUAL)
                .findFirst().orElse(patient.getNameFirstRep());
        List<String> other = patient.getName().stream().filter(n -> n != main).map(FhirToCanonical::fullName).toList();
        String given = main.getGiven().stream().map(StringType::getValue).reduce((a, b) -> a + " " + b).orElse(null);
        return new PersonName(given, main.getFamily(), other);
    }

    static LocalDate birthDate(Patient patient) {
        return patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate() : null;
    }

    static String gender(Patient patient) {
        return patient.hasGender() ? patient.getGender().toCode() : null;
    }

    /** The home address in use now: no end date. */
    static Address currentAddress(Patient patient) {
        return patient.getAddress().stream()
                .filter(a -> !a.hasPeriod() || !a.getPeriod().hasEnd())
                .filter(a -> a.getUse() != org.hl7.fhir.r4.model.Address.AddressUse.OLD)
                .findFirst()
                .map(FhirToCanonical::address)
                .orElse(null);
    }

    /** The most recent address that has ended. */
    static Address previousAddress(Patient patient) {
        return patient.getAddress().stream()
                .filter(a -> a.hasPeriod() && a.getPeriod().hasEnd())
                .max((a, b) -> a.getPeriod().getEnd().compareTo(b.getPeriod().getEnd()))
                .map(FhirToCanonical::address)
                .orElse(null);
    }

    static Address address(org.hl7.fhir.r4.model.Address a) {
        return new Address(a.getLine().stream().map(StringType::getValue).toList(), a.getCity(), a.getPostalCode(),
                a.getDistrict(), a.hasPeriod() ? date(a.getPeriod().getStartElement()) : null,
                a.hasPeriod() ? date(a.getPeriod().getEndElement()) : null);
    }

    static CodedConcept concept(CodeableConcept c) {
        if (c == null || c.isEmpty()) {
            return null;
        }
        List<CodedConcept.Code> codes = new ArrayList<>();
        for (Coding coding : c.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()) {
                codes.add(new CodedConcept.Code(coding.getSystem(), coding.getCode(), coding.getDisplay()));
            }
        }
        String text = c.hasText() ? c.getText() : c.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay)
                .findFirst().orElse(null);
        return new CodedConcept(text, codes);
    }

    static String codeOf(CodeableConcept c) {
        return c == null ? null : c.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse(null);
    }

    static String display(Reference reference) {
        return reference != null && reference.hasDisplay() ? reference.getDisplay() : null;
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static LocalDate date(BaseDateTimeType value) {
        return value == null || value.getValue() == null ? null : value.getValueAsCalendar().toZonedDateTime().toLocalDate();
    }

    static LocalDate date(Date date) {
        return date == null ? null : date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** A date or date-time as the partner wrote it (a condition's onset may be either, or an age). */
    static String asWritten(Type value) {
        if (value instanceof BaseDateTimeType dateTime) {
            return dateTime.getValueAsString();
        }
        return value == null || value.isEmpty() ? null : value.primitiveValue();
    }

    static Period period(Flag flag) {
        return flag.hasPeriod() ? flag.getPeriod() : null;
    }

    /** The code of a hub safeguarding flag (child protection plan, looked after, care leaver), or null. */
    static String safeguardingFlag(Flag flag) {
        return flag.getCode().getCoding().stream()
                .filter(c -> HealthFhir.SAFEGUARDING_FLAG_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
    }

    /** NHS Numbers whose modulus 11 check digit is wrong (the profile checks the 10 digits). */
    static List<Problem> nhsNumberProblems(Patient patient, String location) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            org.hl7.fhir.r4.model.Identifier id = patient.getIdentifier().get(i);
            if (NHS_NUMBER_SYSTEM.equals(id.getSystem()) && id.hasValue() && id.getValue().matches("[0-9]{10}")
                    && !NhsNumber.isValid(id.getValue())) {
                problems.add(Problem.at(location + ".identifier[" + i + "].value",
                        "is not a valid NHS Number (the modulus 11 check digit does not match)"));
            }
        }
        return problems;
    }

    private static String fullName(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        String given = name.getGiven().stream().map(StringType::getValue).reduce((a, b) -> a + " " + b).orElse("");
        return (given + " " + (name.hasFamily() ? name.getFamily() : "")).strip();
    }
}
