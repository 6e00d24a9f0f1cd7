package org.mashhub.hub.storage;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A {@code timestamp with time zone} as JDBC hands it over: PostgreSQL gives a Timestamp, H2 an OffsetDateTime. */
public final class Times {

    private Times() {
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
    }
}
