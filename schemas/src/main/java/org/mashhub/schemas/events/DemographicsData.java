package org.mashhub.schemas.events;

import java.time.LocalDate;

/** The data of a {@link RecordType#DEMOGRAPHICS} record: who the child is, as the partner holds it now. */
public record DemographicsData(PersonName name, LocalDate birthDate, String sex, Address address, String generalPractitioner,
                               Boolean deceased) {
}
