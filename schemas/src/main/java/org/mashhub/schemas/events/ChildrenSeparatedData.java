package org.mashhub.schemas.events;

import java.time.Instant;
import java.util.List;

/** The data of a {@link NoticeType#CHILDREN_SEPARATED} notice: the other child, and the events that are theirs. */
public record ChildrenSeparatedData(String newHubChildId, List<String> movedEventIds, String reviewId, String decidedBy,
                                    Instant decidedAt) {

    public ChildrenSeparatedData {
        movedEventIds = movedEventIds == null ? List.of() : List.copyOf(movedEventIds);
    }
}
