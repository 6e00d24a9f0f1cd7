package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of information an event carries; information-sharing agreements decide per category. */
public enum DataCategory {
    DEMOGRAPHICS("demographics"),
    HEALTH_CONDITION("health.condition"),
    HEALTH_ATTENDANCE("health.attendance"),
    POLICE_INTELLIGENCE("police.intelligence"),
    POLICE_CONTACT("police.contact"),
    EDUCATION_ATTENDANCE("education.attendance"),
    EDUCATION_CONCERN("education.concern"),
    HOUSING_STATUS("housing.status"),
    /** The MASH's own decisions: the council's record, not a partner's. */
    SOCIAL_CARE_DECISION("social-care.decision");

    private final String code;

    DataCategory(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
