package org.mashhub.schemas.events;

/** What a {@link HubNoticeEvent} tells of, and so the shape of its data. */
public enum NoticeType {
    /** A reviewer linked two hub children: one child from now on ({@link ChildrenLinkedData}). */
    CHILDREN_LINKED,
    /** A reviewer found a record linked to a child is about another child ({@link ChildrenSeparatedData}). */
    CHILDREN_SEPARATED,
    /** A family withdrew consent to share a partner's information of a category ({@link ConsentWithdrawnData}). */
    CONSENT_WITHDRAWN,
    /** The hub removed events' content whose retention period had passed ({@link RecordsPurgedData}). */
    RECORDS_PURGED
}
