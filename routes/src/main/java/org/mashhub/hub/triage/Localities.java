package org.mashhub.hub.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The council's localities, from a child's postcode district or area by the configured map (hub.triage.localities). */
@Component
public class Localities {

    public static final String NOT_KNOWN = "Not known";

    private final Map<String, String> byPrefix;

    public Localities(TriageProperties properties) {
        this.byPrefix = properties.localities().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().replaceAll("\\s+", "").toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** The locality of the postcode's district, else of its area (EX31, else EX), or {@value #NOT_KNOWN}. */
    public String of(String postcode) {
        String outward = outward(postcode);
        if (outward == null) {
            return NOT_KNOWN;
        }
        // The district (EX16; SW1A, then SW1), then the area (EX): EX16 is not in EX1.
        String area = outward.replaceAll("[0-9].*", "");
        for (String key : List.of(outward, outward.replaceAll("(?<=[0-9])[A-Z]$", ""), area)) {
            String locality = byPrefix.get(key);
            if (locality != null) {
                return locality;
            }
        }
        return NOT_KNOWN;
    }

    /** The localities configured, for a filter's choices. */
    public java.util.SortedSet<String> all() {
        return new java.util.TreeSet<>(byPrefix.values());
    }

    /** "EX31 9ZZ" from "ex319zz": the outward code, a space and the inward code; as given when it is not a postcode. */
    public static String formatted(String postcode) {
        if (postcode == null) {
            return null;
        }
        String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return compact.matches("[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}")
                ? compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3) : postcode.trim();
    }

    private static String outward(String postcode) {
        if (postcode == null) {
            return null;
        }
        String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return compact.length() > 3 ? compact.substring(0, compact.length() - 3) : null;
    }
}
