package org.mashhub.adapters.schools;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.validation.Schema;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.SecureXml;
import org.mashhub.adapters.Upn;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.DemographicsData;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.RelatedPerson;
import org.mashhub.schemas.events.School;
import org.mashhub.schemas.events.SchoolEnrolmentData;
import org.mashhub.schemas.events.Sharing;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DfE Common Transfer Files as schools send them: read without DTDs; what the hub reads (the subset,
 * {@code schemas/schools/ctf-subset.xsd}) validated strictly and the rest left aside, unread, and named; each pupil
 * mapped to a SCHOOL_ENROLMENT and a DEMOGRAPHICS record. Problems inside a pupil reject that pupil only (its "row" is
 * its position in the file); problems in the header reject the file.
 */
public final class CommonTransferFileAdapter {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Pattern PUPIL_PATH = Pattern.compile("^/CTfile/CTFpupilData/Pupil(?:\\[(\\d+)])?(/.*)?$");
    private static final Map<String, String> RELATIONSHIPS = Map.of("PAR", "parent", "CAR", "carer", "FOF", "foster parent",
            "STP", "step-parent", "GRP", "grandparent", "REL", "other relative", "SWR", "social worker", "DOC", "doctor",
            "CHM", "childminder", "OTH", "other");
    private static final int ADULT_AT = 18;

    private final Schema schema = SecureXml.schema("/schemas/schools/ctf-subset.xsd");
    private final CtfSubset subset = new CtfSubset("/schemas/schools/ctf-subset.xsd");
    private final Clock clock;

    public CommonTransferFileAdapter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return the names of the elements left aside, unread: those of a full export the hub does not take
     * @throws FileRejectedException when the file is not well-formed, declares a DTD, or its header breaks the contract
     */
    public java.util.SortedSet<String> read(byte[] xml, RowHandler<TransferredPupil> rows) {
        Document document;
        List<Problem> schemaProblems;
        java.util.SortedSet<String> leftAside;
        try {
            document = SecureXml.parse(xml);
            leftAside = subset.keepOnly(document);
            schemaProblems = SecureXml.validate(CtfSubset.bytes(document), schema);
        } catch (InvalidMessageException e) {
            throw FileRejectedException.of(0, "", "not a readable CTF: the XML is not well-formed, declares a DTD or is nested too deep");
        }
        Map<Integer, List<RowProblem>> pupilProblems = new HashMap<>();
        List<RowProblem> fileProblems = new ArrayList<>();
        for (Problem problem : schemaProblems) {
            Matcher pupil = PUPIL_PATH.matcher(problem.pointer());
            if (pupil.matches()) {
                int index = pupil.group(1) == null ? 1 : Integer.parseInt(pupil.group(1));
                pupilProblems.computeIfAbsent(index, i -> new ArrayList<>())
                        .add(RowProblem.of(index, problem.pointer(), problem.detail()));
            } else {
                fileProblems.add(RowProblem.of(0, problem.pointer(), problem.detail()));
            }
        }
        if (!fileProblems.isEmpty()) {
            throw new FileRejectedException(fileProblems);
        }
        Element root = document.getDocumentElement();
        Element header = child(root, "Header");
        Instant transferredAt = LocalDateTime.parse(text(header, "DateTime")).atZone(UK).toInstant();
        Element source = child(header, "SourceSchool");
        Element destination = child(header, "DestSchool");
        School from = new School(text(source, "URN"), text(source, "SchoolName"), text(source, "LEA") + text(source, "Estab"), null);
        SchoolEnrolmentData.Destination where = destination(text(destination, "Estab"));
        School to = where == SchoolEnrolmentData.Destination.SCHOOL
                ? new School(text(destination, "URN"), text(destination, "SchoolName"), text(destination, "LEA") + text(destination, "Estab"), null)
                : null;
        LocalDate transferDay = transferredAt.atZone(UK).toLocalDate();
        int index = 0;
        for (Element pupil : children(child(root, "CTFpupilData"), "Pupil")) {
            index++;
            List<RowProblem> problems = pupilProblems.getOrDefault(index, new ArrayList<>());
            boolean schemaValid = problems.isEmpty();
            TransferredPupil mapped = pupil(pupil, index, transferredAt, from, to, where, transferDay, problems, schemaValid);
            if (problems.isEmpty()) {
                rows.accept(index, mapped);
            } else {
                rows.reject(index, problems);
            }
        }
        return leftAside;
    }

    private TransferredPupil pupil(Element pupil, int index, Instant transferredAt, School from, School to,
                                   SchoolEnrolmentData.Destination where, LocalDate transferDay, List<RowProblem> problems,
                                   boolean schemaValid) {
        String path = "/CTfile/CTFpupilData/Pupil[" + index + "]";
        String upn = text(pupil, "UPN");
        if (!Upn.isValid(upn)) {
            problems.add(RowProblem.withValue(index, path + "/UPN", upn, "is not a valid UPN (13 characters with the DfE check letter)"));
        }
        Element basic = child(pupil, "BasicDetails");
        String formerUpn = basic == null ? null : text(basic, "FormerUPN");
        if (formerUpn != null && !Upn.isValid(formerUpn)) {
            problems.add(RowProblem.withValue(index, path + "/BasicDetails/FormerUPN", formerUpn, "is not a valid UPN"));
        }
        LocalDate birthDate = date(text(pupil, "DOB"));
        if (birthDate == null) {
            // the schema check has said what is wrong with it
        } else if (birthDate.isAfter(LocalDate.now(clock.withZone(UK)))) {
            problems.add(RowProblem.of(index, path + "/DOB", "is in the future"));
        } else if (Period.between(birthDate, transferDay).getYears() >= ADULT_AT) {
            problems.add(RowProblem.of(index, path + "/DOB",
                    "the pupil is 18 or over: adult safeguarding, not the MASH; nothing of this pupil was kept"));
        }
        if (!schemaValid) {
            return null; // every check that could be made on what was readable has been made
        }
        List<String> otherNames = new ArrayList<>();
        if (basic != null) {
            for (String other : new String[] {"PreferredForename", "PreferredSurname", "FormerSurname", "MiddleNames"}) {
                String value = text(basic, other);
                if (value != null) {
                    otherNames.add(value);
                }
            }
        }
        String yearGroup = basic == null ? null : text(basic, "NCyearActual");
        School fromWithYear = new School(from.urn(), from.name(), from.laEstab(), yearGroup);
        List<RelatedPerson> contacts = new ArrayList<>();
        Element contactList = child(pupil, "Contacts");
        if (contactList != null) {
            for (Element contact : children(contactList, "Contact")) {
                contacts.add(new RelatedPerson(new PersonName(text(contact, "Forename"), text(contact, "Surname"), List.of()),
                        RELATIONSHIPS.get(text(contact, "Relationship")), Boolean.valueOf(text(contact, "Responsibility")),
                        firstPhone(contact), text(contact, "Email"), address(child(contact, "Address"))));
            }
        }
        List<SchoolEnrolmentData.AttendanceYear> attendance = new ArrayList<>();
        Element attendanceList = child(pupil, "Attendance");
        if (attendanceList != null) {
            for (Element year : children(attendanceList, "YearData")) {
                attendance.add(new SchoolEnrolmentData.AttendanceYear(Integer.parseInt(text(year, "Year")),
                        Integer.parseInt(text(year, "SessionsPossible")), integer(text(year, "SessionsAuthorised")),
                        integer(text(year, "SessionsUnauthorised"))));
            }
        }
        LocalDate entry = null;
        LocalDate leaving = null;
        Element history = child(pupil, "SchoolHistory");
        if (history != null) {
            for (Element school : children(history, "School")) {
                if ((text(school, "LEA") + text(school, "Estab")).equals(from.laEstab())) {
                    entry = LocalDate.parse(text(school, "EntryDate"));
                    leaving = text(school, "LeavingDate") == null ? null : LocalDate.parse(text(school, "LeavingDate"));
                }
            }
        }
        String sex = "M".equals(text(pupil, "Sex")) ? "male" : "female";
        return new TransferredPupil(transferredAt, fromWithYear, to, where, upn, formerUpn,
                new PersonName(text(pupil, "Forename"), text(pupil, "Surname"), otherNames), birthDate, sex,
                address(child(pupil, "Address")), contacts, attendance, entry, leaving);
    }

    /** A SCHOOL_ENROLMENT and a DEMOGRAPHICS record for the pupil. */
    public List<CanonicalEvent> toEvents(TransferredPupil p, Envelope envelope, String partnerMessageId) {
        List<Identifier> identifiers = new ArrayList<>(List.of(new Identifier(Identifier.UPN, p.upn())));
        if (p.formerUpn() != null && !p.formerUpn().equals(p.upn())) {
            identifiers.add(new Identifier(Identifier.UPN, p.formerUpn()));
        }
        ChildSubject child = new ChildSubject(null, identifiers, p.name(), p.birthDate(), p.sex(), p.address(), p.fromSchool());
        EventSource source = new EventSource(Agency.EDUCATION, envelope.partnerId(), partnerMessageId, envelope.hubMessageId(),
                p.upn());
        SchoolEnrolmentData.Change change = p.destination() == SchoolEnrolmentData.Destination.SCHOOL
                ? SchoolEnrolmentData.Change.TRANSFERRED : SchoolEnrolmentData.Change.LEFT;
        SchoolEnrolmentData enrolment = new SchoolEnrolmentData(change, p.fromSchool(), p.toSchool(), p.destination(),
                p.entryDate(), p.leavingDate(), p.transferredAt(), p.attendance());
        List<DataCategory> enrolmentCategories = p.attendance().isEmpty() ? List.of(DataCategory.DEMOGRAPHICS)
                : List.of(DataCategory.DEMOGRAPHICS, DataCategory.EDUCATION_ATTENDANCE);
        DemographicsData demographics = new DemographicsData(p.name(), p.birthDate(), p.sex(), p.address(), null, null,
                p.contacts());
        Sharing sharing = Sharing.publicTask(ConsentState.UNKNOWN);
        return List.of(
                new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "SCHOOL_ENROLMENT:" + p.upn()),
                        envelope.correlationId(), p.transferredAt(), envelope.receivedAt(), source, child,
                        RecordType.SCHOOL_ENROLMENT, ChildRecordEvent.dataOf(enrolment), enrolmentCategories, sharing, List.of()),
                new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "DEMOGRAPHICS:" + p.upn()),
                        envelope.correlationId(), p.transferredAt(), envelope.receivedAt(), source, child,
                        RecordType.DEMOGRAPHICS, ChildRecordEvent.dataOf(demographics), List.of(DataCategory.DEMOGRAPHICS),
                        sharing, List.of()));
    }

    private static SchoolEnrolmentData.Destination destination(String estab) {
        return switch (estab) {
            case "MMM" -> SchoolEnrolmentData.Destination.UNKNOWN;
            case "XXX" -> SchoolEnrolmentData.Destination.ABROAD;
            case "OOO" -> SchoolEnrolmentData.Destination.OUT_OF_SCHOOL;
            default -> SchoolEnrolmentData.Destination.SCHOOL;
        };
    }

    private static Address address(Element address) {
        if (address == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        String town = null;
        Element bs7666 = child(address, "BS7666Address");
        if (bs7666 != null) {
            addIfPresent(lines, text(bs7666, "SAON"));
            String paon = text(bs7666, "PAON");
            String street = text(bs7666, "Street");
            addIfPresent(lines, paon == null ? street : street == null ? paon : paon + " " + street);
            addIfPresent(lines, text(bs7666, "Locality"));
            town = text(bs7666, "Town") != null ? text(bs7666, "Town") : text(bs7666, "PostTown");
        } else {
            Element addressLines = child(address, "AddressLines");
            for (int i = 1; i <= 5; i++) {
                addIfPresent(lines, text(addressLines, "AddressLine" + i));
            }
        }
        return new Address(lines, town, text(address, "Postcode"), null, null, null);
    }

    private static String firstPhone(Element owner) {
        Element phones = child(owner, "Phones");
        if (phones == null) {
            return null;
        }
        List<Element> all = children(phones, "Phone");
        return all.isEmpty() ? null : text(all.get(0), "PhoneNo");
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().strip();
        return value.isEmpty() ? null : value;
    }
}
