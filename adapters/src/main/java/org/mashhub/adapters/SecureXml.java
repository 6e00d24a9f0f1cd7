package org.mashhub.adapters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.mashhub.schemas.Problem;
import org.w3c.dom.Document;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * XML from partners, parsed so that it cannot reach outside: no DTDs (so no entities, internal or
 * external, and no billion laughs), no external schemas or stylesheets, no XInclude, bounded depth.
 * Validation against an XSD reports every error, located by a path such as
 * {@code /SubmitPublicProtectionNotice/Notice/Children/Child[2]/BirthDate}.
 */
public final class SecureXml {

    /** Deeper than any partner format needs. */
    public static final int MAX_DEPTH = 32;

    /*
     * Factories configured once per thread: newInstance() searches the classpath for a provider on every call (a
     * tenth of the police path's CPU), and factories are not thread-safe. The JDK's own parser, never one the
     * classpath might bring.
     */
    private static final ThreadLocal<DocumentBuilderFactory> DOM = ThreadLocal.withInitial(SecureXml::domFactory);
    private static final ThreadLocal<SAXParserFactory> SAX = ThreadLocal.withInitial(SecureXml::saxFactory);

    private SecureXml() {
    }

    private static DocumentBuilderFactory domFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SAXParserFactory saxFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema from the classpath, compiled with external access off. */
    public static Schema schema(String classpathLocation) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The schema is ours, from the classpath; it may include its siblings there but nothing else.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            return factory.newSchema(SecureXml.class.getResource(classpathLocation));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load schema " + classpathLocation, e);
        }
    }

    /** Parses into a DOM, refusing any DTD. */
    public static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = DOM.get().newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(new ByteArrayInputStream(xml));
            if (depth(document.getDocumentElement()) > MAX_DEPTH) {
                throw InvalidMessageException.malformed("The XML is nested deeper than " + MAX_DEPTH + " levels.");
            }
            return document;
        } catch (SAXException e) {
            throw InvalidMessageException.malformed("The body is not well-formed XML or declares a DTD: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw InvalidMessageException.malformed("The body could not be read as XML.");
        }
    }

    /** Every way the document breaks the schema; empty when it is valid. */
    public static List<Problem> validate(byte[] xml, Schema schema) {
        List<Problem> problems = new ArrayList<>();
        try {
            XMLReader reader = SAX.get().newSAXParser().getXMLReader();
            PathTracker paths = new PathTracker(reader);
            ValidatorHandler validator = schema.newValidatorHandler();
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not a problem
                }

                @Override
                public void error(SAXParseException e) {
                    String path = paths.path();
                    // Xerces follows a facet's error ("cvc-pattern-valid: ...") with the same value's type error
                    // ("cvc-type.3.1.3: The value ... is not valid"): one problem, said once.
                    if (!(isFollowUp(e.getMessage()) && problems.stream().anyMatch(p -> p.pointer().equals(path)))) {
                        problems.add(Problem.at(path, plain(e.getMessage())));
                    }
                }

                @Override
                public void fatalError(SAXParseException e) {
                    problems.add(Problem.at(paths.path(), plain(e.getMessage())));
                }
            });
            paths.setContentHandler(validator);
            try (InputStream in = new ByteArrayInputStream(xml)) {
                paths.parse(new InputSource(in));
            }
        } catch (SAXException | ParserConfigurationException | IOException e) {
            if (problems.isEmpty()) {
                throw InvalidMessageException.malformed("The body is not well-formed XML: " + e.getMessage());
            }
        }
        return problems;
    }

    /** The errors Xerces adds after the one that says what is wrong with a value or an attribute. */
    private static boolean isFollowUp(String message) {
        return message != null && (message.startsWith("cvc-type.3.1.3") || message.startsWith("cvc-attribute.3")
                || message.startsWith("cvc-complex-type.2.2") || message.startsWith("cvc-elt.5.2.1"));
    }

    /** Xerces prefixes its messages with a code ("cvc-complex-type.2.4.a: "); the rest says what is wrong. */
    private static String plain(String message) {
        return message == null ? "invalid" : message.replaceFirst("^[a-z-]+(\\.[0-9a-z]+)*: ", "");
    }

    private static int depth(org.w3c.dom.Node node) {
        int deepest = 0;
        for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                deepest = Math.max(deepest, depth(child));
            }
        }
        return deepest + 1;
    }

    /** Keeps the path of the element being read, with sibling positions, for locating problems. */
    private static final class PathTracker extends XMLFilterImpl {
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> siblings = new ArrayDeque<>();

        PathTracker(XMLReader parent) {
            super(parent);
            siblings.push(new HashMap<>());
        }

        String path() {
            List<String> steps = new ArrayList<>(path);
            java.util.Collections.reverse(steps);
            return "/" + String.join("/", steps);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int position = siblings.peek().merge(localName, 1, Integer::sum);
            path.push(position == 1 ? localName : localName + "[" + position + "]");
            siblings.push(new HashMap<>());
            if (path.size() > MAX_DEPTH) {
                throw new SAXException("nested deeper than " + MAX_DEPTH + " levels");
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            siblings.pop();
            path.pop();
        }
    }
}
