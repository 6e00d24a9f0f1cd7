package org.mashhub.hub.security;

/** What a member of MASH staff may do. */
public enum StaffRole {
    /** Works referrals and views children's information. */
    PRACTITIONER,
    /** Decides on withheld information and overrides. */
    MANAGER,
    /** Reads the audit. */
    AUDITOR,
    /** Operates partner connections, dead letters and metrics. */
    ENGINEER
}
