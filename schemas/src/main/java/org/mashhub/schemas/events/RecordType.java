package org.mashhub.schemas.events;

/** What changed about a child, and so the shape of a {@link ChildRecordEvent}'s data. */
public enum RecordType {
    DEMOGRAPHICS,
    ADDRESS_CHANGE,
    SCHOOL_ENROLMENT,
    ATTENDANCE,
    HEALTH_ATTENDANCE,
    HEALTH_CONDITION,
    POLICE_CONTACT,
    HOUSING_STATUS,
    CHILD_PROTECTION_FLAG,
    ATTENDANCE_CONCERN,
    /** The MASH's own decision for a child after a referral, sent by the hub itself. */
    MASH_DECISION
}
