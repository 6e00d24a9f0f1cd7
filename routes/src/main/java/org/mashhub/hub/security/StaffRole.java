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
    ENGINEER;

    /** The roles of a signed-in member of staff, by name (PRACTITIONER, …). */
    public static java.util.Set<String> namesOf(org.springframework.security.core.Authentication staff) {
        return staff.getAuthorities().stream().map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** A member of staff as the audit and the hub's records name them: {@code staff:username}. */
    public static String actorOf(org.springframework.security.core.Authentication staff) {
        return "staff:" + staff.getName();
    }
}
