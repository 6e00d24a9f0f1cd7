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
    MASH_DECISION,
    /** A reviewer linked two hub children: one child from now on. A notice from the hub itself, as the three below. */
    CHILDREN_LINKED,
    /** A reviewer found a record linked to a child is about another child. */
    CHILDREN_SEPARATED,
    /** A family withdrew consent to share a partner's information of a category. */
    CONSENT_WITHDRAWN,
    /** The hub removed events' content whose retention period had passed. */
    RECORDS_PURGED;

    /** The hub's notices about its own records, as opposed to what a partner or the MASH knows about the child. */
    public boolean notice() {
        return this == CHILDREN_LINKED || this == CHILDREN_SEPARATED || this == CONSENT_WITHDRAWN || this == RECORDS_PURGED;
    }
}
