package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of organisation information comes from. */
public enum Agency {
    POLICE("police"),
    HEALTH("health"),
    EDUCATION("education"),
    HOUSING("housing"),
    SOCIAL_CARE("social-care"),
    OTHER("other");

    private final String code;

    Agency(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
