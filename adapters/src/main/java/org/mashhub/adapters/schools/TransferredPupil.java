package org.mashhub.adapters.schools;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.PersonName;
import org.mashhub.schemas.events.RelatedPerson;
import org.mashhub.schemas.events.School;
import org.mashhub.schemas.events.SchoolEnrolmentData;

/** A valid pupil of a Common Transfer File, with where they are moving from and to. */
public record TransferredPupil(
        Instant transferredAt,
        School fromSchool,
        School toSchool,
        SchoolEnrolmentData.Destination destination,
        String upn,
        String formerUpn,
        PersonName name,
        LocalDate birthDate,
        String sex,
        Address address,
        List<RelatedPerson> contacts,
        List<SchoolEnrolmentData.AttendanceYear> attendance,
        LocalDate entryDate,
        LocalDate leavingDate) {

    public TransferredPupil {
        contacts = List.copyOf(contacts);
        attendance = List.copyOf(attendance);
    }
}
