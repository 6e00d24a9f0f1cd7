package org.mashhub.hub.sharing;

import java.util.List;
import java.util.Map;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.RecordType;

/**
 * Which fields of an event hold which data category, so a category can be removed on its own. An event's
 * first category is its substance (a referral's concern, a record's data) and cannot be removed without
 * leaving nothing to share: it is withheld instead. Others can be removed where this says where they are.
 */
final class EventFields {

    /** The child's details beyond the hub child id and identifiers (which the case system needs to file the event). */
    static final List<String> DEMOGRAPHICS = List.of("/child/name", "/child/birthDate", "/child/sex", "/child/address", "/child/school");

    private static final Map<RecordType, Map<DataCategory, List<String>>> IN_RECORDS = Map.of(
            RecordType.SCHOOL_ENROLMENT, Map.of(DataCategory.EDUCATION_ATTENDANCE, List.of("/data/attendance")),
            RecordType.ADDRESS_CHANGE, Map.of(DataCategory.HOUSING_STATUS, List.of("/data/reason")));

    private EventFields() {
    }

    static DataCategory primary(CanonicalEvent event) {
        return event.dataCategories().isEmpty() ? null : event.dataCategories().get(0);
    }

    /** The fields to remove to redact the category; empty when it cannot be removed on its own. */
    static List<String> of(CanonicalEvent event, DataCategory category) {
        if (category == primary(event)) {
            return List.of();
        }
        if (category == DataCategory.DEMOGRAPHICS) {
            return DEMOGRAPHICS;
        }
        if (event instanceof ChildRecordEvent record) {
            return IN_RECORDS.getOrDefault(record.recordType(), Map.of()).getOrDefault(category, List.of());
        }
        return List.of();
    }
}
