package org.mashhub.schemas.events;

import java.time.LocalDate;

/** The data of a {@link RecordType#HOUSING_STATUS} record: a homelessness duty, a placement or a notice. */
public record HousingStatusData(
        Status status,
        String districtCouncil,
        String caseReference,
        LocalDate effectiveFrom,
        String reason,
        TemporaryAccommodation temporaryAccommodation,
        Eviction eviction,
        Contact officer) {

    public enum Status {
        DUTY_TO_REFER,
        PREVENTION_DUTY,
        RELIEF_DUTY,
        TEMPORARY_ACCOMMODATION,
        EVICTION_NOTICE
    }

    public record TemporaryAccommodation(String accommodationType, Boolean outOfDistrict, String hostAuthority, Address address) {
    }

    public record Eviction(String noticeType, LocalDate noticeServedOn, LocalDate possessionDate) {
    }
}
