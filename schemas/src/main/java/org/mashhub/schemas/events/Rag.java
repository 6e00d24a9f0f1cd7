package org.mashhub.schemas.events;

/** The BRAG rating of a referral; BLUE means no MASH response is needed. */
public enum Rag {
    RED,
    AMBER,
    GREEN,
    BLUE
}
