package org.mashhub.adapters.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mashhub.adapters.SecureXml;
import org.mashhub.schemas.CanonicalJson;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Where in a partner's Bundle an element is, as a FHIRPath rooted at the resource ({@code Bundle.entry[2].resource.gender}).
 * HAPI's parser says only an element's name and its parent's when it cannot read one; the hub finds the element in
 * the text itself, each occurrence once, so that every issue of an answer points somewhere a developer can go.
 */
final class FhirPaths {

    /** An element of the text: where it is, its name, and its value if it is a primitive. */
    record Located(String path, String name, String value) {
    }

    private final List<Located> elements = new ArrayList<>();
    private final Set<Integer> used = new HashSet<>();

    private FhirPaths() {
    }

    static FhirPaths of(String text, FhirFormat format) {
        FhirPaths paths = new FhirPaths();
        try {
            if (format == FhirFormat.JSON) {
                JsonNode root = CanonicalJson.mapper().readTree(text);
                paths.walkJson(root.path("resourceType").asText("Resource"), root);
            } else {
                Element root = SecureXml.parse(text.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
                paths.walkXml(root.getLocalName() == null ? root.getNodeName() : root.getLocalName(), root);
            }
        } catch (RuntimeException | java.io.IOException e) {
            // unreadable text is reported as such elsewhere; without paths, problems keep the parser's own names
        }
        return paths;
    }

    /** The path of the first element not yet given out with this name (and this value, when one is given). */
    Optional<String> find(String name, String value) {
        for (int i = 0; i < elements.size(); i++) {
            Located element = elements.get(i);
            if (!used.contains(i) && element.name().equals(name) && (value == null || value.equals(element.value()))) {
                used.add(i);
                return Optional.of(element.path());
            }
        }
        return Optional.empty();
    }

    private void walkJson(String path, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().startsWith("_") ? field.getKey().substring(1) : field.getKey();
            if (name.equals("resourceType")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    add(path + "." + name + "[" + i + "]", name, value.get(i));
                }
            } else {
                add(path + "." + name, name, value);
            }
        }
    }

    private void add(String path, String name, JsonNode value) {
        elements.add(new Located(path, name, value.isValueNode() ? value.asText() : null));
        if (value.isObject()) {
            walkJson(path, value);
        }
    }

    private void walkXml(String path, Element element) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            String name = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
            int index = seen.merge(name, 1, Integer::sum) - 1;
            boolean repeats = index > 0 || hasNextSibling(e, name);
            String step = path + "." + name + (repeats ? "[" + index + "]" : "");
            elements.add(new Located(step, name, e.hasAttribute("value") ? e.getAttribute("value") : null));
            if (name.equals("resource") || name.equals("contained")) {
                Element resource = firstElement(e); // <resource><Patient>...: the resource's own element adds no step
                if (resource != null) {
                    walkXml(step, resource);
                }
            } else {
                walkXml(step, e);
            }
        }
    }

    private static boolean hasNextSibling(Element element, String name) {
        for (Node next = element.getNextSibling(); next != null; next = next.getNextSibling()) {
            if (next instanceof Element e && name.equals(e.getLocalName() == null ? e.getNodeName() : e.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    private static Element firstElement(Element parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
