package org.twitchtriage.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The KieBases a kjar's {@code kmodule.xml} declares, as far as {@link ExecutableModelLoader} needs them: each
 * KieBase's name, the packages it takes, the KieBases it includes, its rule templates, and whether the module or
 * the KieBase sets options. Read with the JDK's own XML parser (no DOCTYPE, no external entities) instead of Drools' XML support,
 * which brings XStream and the class-path container with it. Immutable; thread-safe.
 */
final class KmoduleKieBases {
    private final Map<String, Declaration> bases;

    private KmoduleKieBases(Map<String, Declaration> bases) {
        this.bases = bases;
    }

    /**
     * One {@code <kbase>} element.
     *
     * @param name      its name
     * @param packages  the packages it names (empty: every package)
     * @param includes  the KieBases it includes
     * @param templated whether it has rule templates, which the container compiles
     * @param configured whether the module sets configuration properties, which the container applies
     */
    record Declaration(String name, List<String> packages, List<String> includes, boolean templated,
                       boolean configured) {
        /** @return whether it is built from every model of the kjar and nothing else, with default settings */
        boolean takesEveryPackage() {
            return (packages.isEmpty() || packages.equals(List.of("*"))) && includes.isEmpty() && !templated
                    && !configured;
        }
    }

    /**
     * @param kmodule where the {@code kmodule.xml} is
     * @return its KieBases
     * @throws UncheckedIOException  when it cannot be read
     * @throws IllegalStateException when it is not well-formed XML
     */
    static KmoduleKieBases read(URL kmodule) {
        Element root;
        try (InputStream in = kmodule.openStream()) {
            root = parser().parse(in).getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ExecutableModelLoader.KMODULE, e);
        } catch (SAXException e) {
            throw new IllegalStateException(ExecutableModelLoader.KMODULE + " is not well-formed: " + e.getMessage(),
                    e);
        }
        boolean configured = !children(root, "configuration").isEmpty();
        Map<String, Declaration> bases = new LinkedHashMap<>();
        for (Element kbase : children(root, "kbase")) {
            String name = kbase.getAttribute("name");
            bases.put(name, new Declaration(name, list(kbase.getAttribute("packages")),
                    list(kbase.getAttribute("includes")), !children(kbase, "ruleTemplate").isEmpty(),
                    configured || setsOptions(kbase)));
        }
        return new KmoduleKieBases(Collections.unmodifiableMap(bases));
    }

    /** Options a {@code <kbase>} may state (Drools writes them all), which the direct path matches at these values. */
    private static final Map<String, String> DEFAULT_OPTIONS = Map.of("eventProcessingMode", "cloud", "prototypes",
            "disabled", "equalsBehavior", "identity", "mutability", "allowed", "declarativeAgenda", "disabled",
            "sequential", "false", "sessionsPool", "-1", "betaRangeIndex", "disabled");
    /** Attributes that change nothing in the KieBase the direct path builds (a CDI scope is no KieBase option). */
    private static final Set<String> NEUTRAL = Set.of("name", "default", "packages", "includes", "scope");

    /**
     * @return whether the {@code <kbase>} sets an option away from Drools' default (equality behaviour, stream mode,
     *         declarative agenda, ...) or one this class does not know: the container applies those, the direct path
     *         would not, so such a KieBase is left to the container
     */
    private static boolean setsOptions(Element kbase) {
        var attributes = kbase.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            var attribute = attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
            if (NEUTRAL.contains(name) || name.startsWith("xmlns")) {
                continue;
            }
            String expected = DEFAULT_OPTIONS.get(name);
            if (expected == null || !expected.equalsIgnoreCase(attribute.getNodeValue().trim())) {
                return true;
            }
        }
        return false;
    }

    /** @return the declaration of the named KieBase, if the module has one */
    Optional<Declaration> get(String name) {
        return Optional.ofNullable(bases.get(name));
    }

    /** @return the names of the declared KieBases */
    Set<String> names() {
        return bases.keySet();
    }

    private static DocumentBuilder parser() {
        try {
            // the JDK's built-in parser, not one found by a class-path lookup
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        NodeList nodes = parent.getChildNodes();
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return the comma-separated values of an attribute, trimmed, without empty ones */
    private static List<String> list(String attribute) {
        return Arrays.stream(attribute.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
