package org.mashhub.adapters.schools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.mashhub.adapters.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What of a Common Transfer File the hub reads, as the tree of elements {@code schemas/schools/ctf-subset.xsd}
 * declares. A school's full export carries much more (UniqueLearnerNumber, UCI, FSMhistory, NAWdetails, LookedAfter,
 * SENhistory, StageAssessments, attendance marks...): {@link #keepOnly} takes out every element the subset does not
 * declare, and says which, before the rest is validated against the subset. What the hub reads is checked as
 * strictly as ever; what it does not read is left aside, unread, and named in the file's status.
 */
final class CtfSubset {

    /** An element the subset declares, with the elements it may hold. */
    private record Declared(Map<String, Declared> children) {
    }

    private final Declared root;

    CtfSubset(String classpathXsd) {
        Document xsd;
        try (InputStream in = CtfSubset.class.getResourceAsStream(classpathXsd)) {
            if (in == null) {
                throw new IllegalStateException("missing " + classpathXsd);
            }
            xsd = SecureXml.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Element> types = new HashMap<>();
        Element topLevel = null;
        for (Element declaration : children(xsd.getDocumentElement())) {
            if (declaration.getLocalName().equals("complexType")) {
                types.put(declaration.getAttribute("name"), declaration);
            } else if (declaration.getLocalName().equals("element")) {
                topLevel = declaration;
            }
        }
        this.root = new Declared(Map.of(topLevel.getAttribute("name"), declared(topLevel, types)));
    }

    /**
     * Takes out of the document every element the subset does not declare where it stands.
     *
     * @return their names, each once, sorted (a {@code Pupil/UCI} and a {@code Header/Suppliers} as {@code UCI}
     *         and {@code Suppliers})
     */
    SortedSet<String> keepOnly(Document document) {
        SortedSet<String> leftAside = new TreeSet<>();
        prune(document.getDocumentElement(), root.children().get(name(document.getDocumentElement())), leftAside);
        return leftAside;
    }

    /** The document as XML again, for validation of what is kept. */
    static byte[] bytes(Document document) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void prune(Element element, Declared declared, SortedSet<String> leftAside) {
        if (declared == null) {
            return; // the root is not a CTfile: validation says so
        }
        for (Element child : children(element)) {
            Declared known = declared.children().get(name(child));
            if (known == null && !declared.children().isEmpty()) {
                leftAside.add(name(child));
                element.removeChild(child);
            } else if (known != null) {
                prune(child, known, leftAside);
            }
        }
    }

    private static Declared declared(Element declaration, Map<String, Element> types) {
        Element type = types.get(declaration.getAttribute("type"));
        if (type == null) {
            type = children(declaration).stream().filter(c -> c.getLocalName().equals("complexType")).findFirst().orElse(null);
        }
        Map<String, Declared> children = new LinkedHashMap<>();
        if (type != null) {
            collect(type, types, children);
        }
        return new Declared(children);
    }

    /** The element declarations of a complex type, through its sequences and choices. */
    private static void collect(Element particle, Map<String, Element> types, Map<String, Declared> into) {
        for (Element child : children(particle)) {
            switch (child.getLocalName()) {
                case "element" -> into.put(child.getAttribute("name"), declared(child, types));
                case "sequence", "choice", "all" -> collect(child, types, into);
                default -> { } // annotations, attributes
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new java.util.ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String name(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
    }
}
