package org.mashhub.adapters.health;

import java.util.Locale;

/** The two FHIR encodings partners may send, told apart by the media type. */
public enum FhirFormat {
    JSON("application/fhir+json"),
    XML("application/fhir+xml");

    private final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a Content-Type, or null when it is neither FHIR JSON nor FHIR XML. */
    public static FhirFormat ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/fhir+json", "application/json", "application/json+fhir" -> JSON;
            case "application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml" -> XML;
            default -> null;
        };
    }
}
