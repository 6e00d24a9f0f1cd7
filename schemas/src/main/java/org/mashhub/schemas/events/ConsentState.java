package org.mashhub.schemas.events;

/** Whether the family agreed to the information being shared. */
public enum ConsentState {
    GIVEN,
    REFUSED,
    WITHDRAWN,
    NOT_SOUGHT,
    UNKNOWN
}
