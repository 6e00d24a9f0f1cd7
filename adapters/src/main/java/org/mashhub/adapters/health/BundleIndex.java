package org.mashhub.adapters.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Resolves references between the entries of one Bundle, by fullUrl or by {@code Type/id}; and says where each entry is. */
public final class BundleIndex {

    private final Map<String, Resource> byReference = new HashMap<>();
    private final Map<Resource, Integer> positions = new HashMap<>();
    private final Map<Resource, String> fullUrls = new HashMap<>();
    private final Map<Resource, Bundle.BundleEntryComponent> entries = new HashMap<>();

    BundleIndex(Bundle bundle) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource == null) {
                continue;
            }
            positions.put(resource, i);
            this.entries.put(resource, entries.get(i));
            if (entries.get(i).hasFullUrl()) {
                byReference.put(entries.get(i).getFullUrl(), resource);
                fullUrls.put(resource, entries.get(i).getFullUrl());
            }
            if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
        }
    }

    Optional<Resource> resolve(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byReference.get(reference.getReference()));
    }

    <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type) {
        return resolve(reference).filter(type::isInstance).map(type::cast);
    }

    /** The entry the resource came in. */
    Bundle.BundleEntryComponent entry(Resource resource) {
        return entries.get(resource);
    }

    /** The fullUrl the resource had in the partner's bundle, if it had one. */
    String fullUrl(Resource resource) {
        return fullUrls.get(resource);
    }

    /** The FHIRPath of an entry's resource, e.g. {@code Bundle.entry[2].resource}. */
    String locate(Resource resource) {
        Integer position = positions.get(resource);
        return position == null ? "Bundle" : "Bundle.entry[" + position + "].resource";
    }
}
