package org.mashhub.schemas.events;

import java.time.LocalDate;

/** The data of a {@link RecordType#ADDRESS_CHANGE} record. */
public record AddressChangeData(Address previousAddress, Address newAddress, LocalDate movedOn, String reason) {
}
