package org.mashhub.schemas.events;

import java.time.Instant;

/** The data of a {@link RecordType#HEALTH_ATTENDANCE} record: an attendance at an emergency department. */
public record HealthAttendanceData(String setting, Instant arrivedAt, Instant leftAt, CodedConcept reason, String location,
                                   String provider) {

    public static final String EMERGENCY_DEPARTMENT = "emergency-department";
}
