package org.mashhub.schemas.events;

/** A parent, carer or other contact of a child, as a partner holds them. */
public record RelatedPerson(PersonName name, String relationship, Boolean parentalResponsibility, String phone, String email,
                            Address address) {
}
