package org.mashhub.schemas.events;

import java.time.Instant;

/** The data of a {@link NoticeType#CHILDREN_LINKED} notice: the hub child id that is no longer used, and who decided. */
public record ChildrenLinkedData(String linkedHubChildId, String reviewId, String decidedBy, Instant decidedAt) {
}
