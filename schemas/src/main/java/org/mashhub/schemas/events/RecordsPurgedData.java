package org.mashhub.schemas.events;

import java.time.Instant;
import java.util.List;

/** The data of a {@link NoticeType#RECORDS_PURGED} notice: the events whose content went, and the retention that said so. */
public record RecordsPurgedData(String partnerId, String category, String retention, List<String> eventIds, Instant purgedAt) {

    public RecordsPurgedData {
        eventIds = List.copyOf(eventIds);
    }
}
