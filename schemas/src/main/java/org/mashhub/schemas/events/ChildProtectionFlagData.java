package org.mashhub.schemas.events;

import java.time.LocalDate;

/** The data of a {@link RecordType#CHILD_PROTECTION_FLAG} record: a plan, looked-after or care-leaver flag. */
public record ChildProtectionFlagData(String flag, String status, LocalDate from, LocalDate to, String author) {
}
