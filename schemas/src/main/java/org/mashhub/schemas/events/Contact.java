package org.mashhub.schemas.events;

/** A professional to contact: a referrer, an officer, a practitioner. */
public record Contact(String name, String role, String organisation, String phone, String email) {
}
