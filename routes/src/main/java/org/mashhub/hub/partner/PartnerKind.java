package org.mashhub.hub.partner;

import java.util.Locale;

/** The kinds of partner, each with its own inbound interface. */
public enum PartnerKind {
    POLICE,
    HEALTH,
    SCHOOLS,
    HOUSING;

    /** The Spring Security authority a partner of this kind holds; endpoints require it. */
    public String authority() {
        return "PARTNER_" + name();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
