package org.mashhub.schemas.events;

/**
 * A school by its unique reference number (URN, six digits) or its DfE number (LA code and establishment,
 * seven digits), and where known the pupil's National Curriculum year group there.
 */
public record School(String urn, String name, String laEstab, String yearGroup) {

    public School(String urn, String name) {
        this(urn, name, null, null);
    }
}
