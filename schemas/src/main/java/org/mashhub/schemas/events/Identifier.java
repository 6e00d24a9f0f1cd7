package org.mashhub.schemas.events;

/** An identifier of a person as one agency knows it: a system and a value. */
public record Identifier(String system, String value) {

    /** NHS Number, as NHS England's FHIR naming system names it. */
    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    /** Unique Pupil Number (DfE). */
    public static final String UPN = "urn:mash-hub:id:upn";
    /** The council's case system's own person id. */
    public static final String CASE_SYSTEM_PERSON = "urn:mash-hub:id:case-system-person";
    /** An unborn child (a pre-birth plan), known by the mother's NHS Number until the baby has its own. */
    public static final String UNBORN_CHILD_OF = "urn:mash-hub:id:unborn-child-of-nhs-number";

    /** A partner's own reference for a person, e.g. a housing case member or a police person id. */
    public static Identifier partnerLocal(String partnerId, String kind, String value) {
        return new Identifier("urn:mash-hub:id:partner:" + partnerId + ":" + kind, value);
    }

    public static Identifier nhsNumber(String value) {
        return new Identifier(NHS_NUMBER, value);
    }
}
