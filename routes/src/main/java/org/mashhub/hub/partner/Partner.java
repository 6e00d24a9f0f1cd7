package org.mashhub.hub.partner;

/** An authenticated partner organisation. */
public record Partner(String id, PartnerKind kind, String name) {
}
