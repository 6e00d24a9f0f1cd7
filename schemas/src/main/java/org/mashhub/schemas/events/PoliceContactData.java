package org.mashhub.schemas.events;

import java.time.Instant;

/** The data of a {@link RecordType#POLICE_CONTACT} record: the police were involved with the child at an incident. */
public record PoliceContactData(String incidentType, String noticeId, String force, Instant occurredAt, Instant endedAt,
                                Address location, String dashRiskLevel, String grading, Boolean seenAndSpokenTo,
                                Contact officer) {
}
