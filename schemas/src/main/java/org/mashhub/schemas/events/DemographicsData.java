package org.mashhub.schemas.events;

import java.time.LocalDate;
import java.util.List;

/** The data of a {@link RecordType#DEMOGRAPHICS} record: who the child is, as the partner holds it now. */
public record DemographicsData(PersonName name, LocalDate birthDate, String sex, Address address, String generalPractitioner,
                               Boolean deceased, List<RelatedPerson> contacts) {

    public DemographicsData {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    public DemographicsData(PersonName name, LocalDate birthDate, String sex, Address address, String generalPractitioner,
                            Boolean deceased) {
        this(name, birthDate, sex, address, generalPractitioner, deceased, null);
    }
}
