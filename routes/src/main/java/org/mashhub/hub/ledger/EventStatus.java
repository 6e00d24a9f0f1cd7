package org.mashhub.hub.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * What has become of an accepted event, and the changes allowed: the only place they are written. An event is
 * {@link #PUBLISHED} when accepted (on its way to the case system), then delivered, withheld by the sharing policy or
 * parked; a withheld event is released or refused by a manager; a parked one replayed (on its way again) or discarded.
 */
public enum EventStatus {
    PUBLISHED,
    WITHHELD,
    RELEASED,
    DELIVERED,
    PARKED,
    REFUSED,
    DISCARDED;

    /** The statuses an event may be in for it to become this one. */
    Set<EventStatus> from() {
        return switch (this) {
            case PUBLISHED -> EnumSet.of(PARKED); // a replay; acceptance inserts the first status
            case DELIVERED -> EnumSet.of(PUBLISHED, RELEASED);
            case WITHHELD -> EnumSet.of(PUBLISHED, RELEASED);
            case PARKED -> EnumSet.of(PUBLISHED, RELEASED);
            case RELEASED, REFUSED -> EnumSet.of(WITHHELD);
            case DISCARDED -> EnumSet.of(PARKED);
        };
    }

    /** Still to go to the case system: a copy of the event read from the broker in any other status is not sent. */
    public boolean onItsWay() {
        return this == PUBLISHED || this == RELEASED;
    }
}
