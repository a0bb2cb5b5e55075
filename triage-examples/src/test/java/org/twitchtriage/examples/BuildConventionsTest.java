package org.twitchtriage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The build's conventions, read from the POMs themselves: versions live only in the parent's
 * {@code dependencyManagement} and {@code pluginManagement}, the whole build targets Java 17, every jar has a module
 * name, the BOM lists every published module, and only the benchmarks module depends on JMH.
 */
class BuildConventionsTest {
    /** The tests run in the module's folder; the parent POM is one level up. */
    private static final Path ROOT = Path.of("..");
    /** The bill of materials: a module of the build that does not inherit from the parent (see its POM). */
    private static final String BOM = "triage-bom";

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse POM", e);
        }
    }

    private static Document pom(Path dir) throws IOException {
        return parse(Files.readAllBytes(dir.resolve("pom.xml")));
    }

    private static Document pom(String xml) throws IOException {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the direct child elements of {@code parent} with this name */
    private static List<Element> children(Node parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Node parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static List<String> modules(Document root) {
        List<String> out = new ArrayList<>();
        for (Element modules : children(root.getDocumentElement(), "modules")) {
            for (Element module : children(modules, "module")) {
                out.add(module.getTextContent().trim());
            }
        }
        return out;
    }

    /** @return the value of a property in the POM's own {@code <properties>}, or {@code null} */
    private static String property(Element project, String name) {
        for (Element properties : children(project, "properties")) {
            String value = text(properties, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean inside(Node node, String ancestorName) {
        for (Node n = node.getParentNode(); n != null; n = n.getParentNode()) {
            if (n instanceof Element e && e.getTagName().equals(ancestorName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param pomName  how to name the POM in a problem
     * @param pom      the POM
     * @param isParent whether versions are allowed inside dependencyManagement and pluginManagement
     * @return every dependency or plugin (at any depth, including plugin dependencies and profiles) that names a
     *         version where it must not
     */
    static List<String> versionProblems(String pomName, Document pom, boolean isParent) {
        List<String> problems = new ArrayList<>();
        for (String kind : List.of("dependency", "plugin")) {
            NodeList nodes = pom.getElementsByTagName(kind);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                String version = text(e, "version");
                if (version == null) {
                    continue;
                }
                boolean managed = inside(e, "dependencyManagement") || inside(e, "pluginManagement");
                if (isParent && managed) {
                    continue;
                }
                problems.add(pomName + ": " + kind + " " + text(e, "groupId") + ":" + text(e, "artifactId")
                        + " names version " + version + (isParent
                        ? " outside dependencyManagement/pluginManagement"
                        : "; versions belong in the parent's dependencyManagement/pluginManagement"));
            }
        }
        return problems;
    }

    @Test
    @DisplayName("no module POM names a version of a dependency or plugin; the parent manages them all")
    void versions_liveOnlyInTheParentsManagement() throws IOException {
        Document root = pom(ROOT);
        List<String> modules = modules(root);
        assertThat(modules).as("modules of the parent POM").contains("triage-core", "triage-rules", "triage-examples");

        List<String> problems = new ArrayList<>(versionProblems("pom.xml", root, true));
        for (String module : modules) {
            // the BOM's whole purpose is a dependencyManagement with versions
            problems.addAll(versionProblems(module + "/pom.xml", pom(ROOT.resolve(module)), module.equals(BOM)));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("every module inherits from the parent POM, except the BOM")
    void modules_inheritFromTheParent() throws IOException {
        Element root = pom(ROOT).getDocumentElement();
        for (String module : modules(pom(ROOT))) {
            if (module.equals(BOM)) {
                continue;
            }
            Element project = pom(ROOT.resolve(module)).getDocumentElement();
            List<Element> parent = children(project, "parent");

            assertThat(parent).as("%s/pom.xml <parent>", module).hasSize(1);
            assertThat(text(parent.get(0), "artifactId")).as("%s/pom.xml parent", module)
                    .isEqualTo(text(root, "artifactId"));
            assertThat(text(parent.get(0), "version")).as("%s/pom.xml parent version", module)
                    .isEqualTo(text(root, "version"));
            assertThat(text(project, "version")).as("%s/pom.xml own version (inherited instead)", module).isNull();
        }
    }

    @Test
    @DisplayName("the BOM has the parent's group and version, no parent, and manages exactly the published modules")
    void bom_listsEveryPublishedModule() throws IOException {
        Element root = pom(ROOT).getDocumentElement();
        Element bom = pom(ROOT.resolve(BOM)).getDocumentElement();
        assertThat(children(bom, "parent")).as("%s/pom.xml <parent> (it would hand on the parent's "
                + "dependencyManagement)", BOM).isEmpty();
        assertThat(text(bom, "groupId")).isEqualTo(text(root, "groupId"));
        assertThat(text(bom, "version")).as("%s version", BOM).isEqualTo(text(root, "version"));

        List<String> published = new ArrayList<>();
        for (String module : modules(pom(ROOT))) {
            Element project = pom(ROOT.resolve(module)).getDocumentElement();
            if (!"pom".equals(text(project, "packaging")) && !"true".equals(property(project, "maven.deploy.skip"))) {
                published.add(text(project, "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        for (Element management : children(bom, "dependencyManagement")) {
            for (Element dependencies : children(management, "dependencies")) {
                for (Element d : children(dependencies, "dependency")) {
                    assertThat(text(d, "groupId")).isEqualTo(text(root, "groupId"));
                    assertThat(text(d, "version")).isEqualTo("${project.version}");
                    managed.add(text(d, "artifactId"));
                }
            }
        }

        assertThat(published).as("published modules").contains("triage-core", "triage-rules")
                .doesNotContain("triage-benchmarks", "triage-examples");
        assertThat(managed).as("modules managed by %s/pom.xml", BOM).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    @DisplayName("every module that makes a jar names its Automatic-Module-Name, unique and under org.twitchtriage")
    void jars_haveAModuleName() throws IOException {
        List<String> names = new ArrayList<>();
        for (String module : modules(pom(ROOT))) {
            Element project = pom(ROOT.resolve(module)).getDocumentElement();
            if ("pom".equals(text(project, "packaging"))) {
                continue;
            }
            String name = property(project, "automatic.module.name");
            assertThat(name).as("%s/pom.xml property automatic.module.name", module)
                    .isNotNull().matches("org\\.twitchtriage\\.[a-z]+");
            names.add(name);
        }

        assertThat(names).as("module names").isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("the README's module table has one row per module of the build, and no other")
    void readme_tableListsEveryModule() throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("| `triage-")) {
                rows.add(line.substring(3, line.indexOf('`', 3)));
            }
        }

        assertThat(rows).as("module rows of README.md").containsExactlyInAnyOrderElementsOf(modules(pom(ROOT)));
    }

    @Test
    @DisplayName("only triage-benchmarks depends on JMH, so JMH never reaches a library or the command line")
    void jmh_onlyInTheBenchmarks() throws IOException {
        for (String module : modules(pom(ROOT))) {
            NodeList dependencies = pom(ROOT.resolve(module)).getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element d = (Element) dependencies.item(i);
                if ("org.openjdk.jmh".equals(text(d, "groupId"))) {
                    assertThat(module).as("module depending on %s", text(d, "artifactId"))
                            .isEqualTo("triage-benchmarks");
                }
            }
        }
    }

    @Test
    @DisplayName("triage-core names no Drools rule compiler for its main code: the engine never compiles rules")
    void ruleCompilers_stayOutOfCore() throws IOException {
        // drools-model-compiler is the executable model's runtime (the engine builds a kjar's KieBase from its model
        // classes with it); the compilers are the code generator, DRL and MVEL, which only tests may name
        List<String> compilers = List.of("drools-model-codegen", "drools-mvel", "drools-drl-parser",
                "drools-decisiontables", "drools-compiler");
        NodeList dependencies = pom(ROOT.resolve("triage-core")).getElementsByTagName("dependency");
        List<String> named = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (compilers.contains(text(d, "artifactId")) && !"test".equals(text(d, "scope"))) {
                named.add(text(d, "artifactId"));
            }
        }

        assertThat(named).as("rule compilers named outside test scope in triage-core/pom.xml (rules folders are "
                + "compiled by triage-authoring)").isEmpty();
    }

    @Test
    @DisplayName("the parent POM compiles everything for Java 17")
    void parent_setsJava17() throws IOException {
        Element properties = children(pom(ROOT).getDocumentElement(), "properties").get(0);

        assertThat(text(properties, "maven.compiler.release")).isEqualTo("17");
    }

    @Test
    @DisplayName("the version check finds a version in a module, in a plugin's dependency and in a profile")
    void versionCheck_findsVersionsWhereTheyDoNotBelong() throws IOException {
        Document child = pom("""
                <project>
                  <dependencies>
                    <dependency><groupId>g</groupId><artifactId>managed</artifactId></dependency>
                    <dependency><groupId>g</groupId><artifactId>pinned</artifactId><version>1.0</version></dependency>
                  </dependencies>
                  <build><plugins>
                    <plugin><groupId>p</groupId><artifactId>plugin</artifactId>
                      <dependencies>
                        <dependency>
                          <groupId>g</groupId><artifactId>extra</artifactId><version>2.0</version>
                        </dependency>
                      </dependencies>
                    </plugin>
                  </plugins></build>
                  <profiles><profile><build><plugins>
                    <plugin><groupId>p</groupId><artifactId>profiled</artifactId><version>3.0</version></plugin>
                  </plugins></build></profile></profiles>
                </project>
                """);

        assertThat(versionProblems("m/pom.xml", child, false)).containsExactly(
                "m/pom.xml: dependency g:pinned names version 1.0; versions belong in the parent's"
                        + " dependencyManagement/pluginManagement",
                "m/pom.xml: dependency g:extra names version 2.0; versions belong in the parent's"
                        + " dependencyManagement/pluginManagement",
                "m/pom.xml: plugin p:profiled names version 3.0; versions belong in the parent's"
                        + " dependencyManagement/pluginManagement");
    }

    @Test
    @DisplayName("the version check allows versions in the parent's management sections only")
    void versionCheck_allowsManagedVersionsInTheParent() throws IOException {
        Document parent = pom("""
                <project>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>
                  </dependencies></dependencyManagement>
                  <build>
                    <pluginManagement><plugins>
                      <plugin><groupId>p</groupId><artifactId>b</artifactId><version>2.0</version></plugin>
                    </plugins></pluginManagement>
                    <plugins>
                      <plugin><groupId>p</groupId><artifactId>c</artifactId><version>3.0</version></plugin>
                    </plugins>
                  </build>
                </project>
                """);

        assertThat(versionProblems("pom.xml", parent, true))
                .containsExactly("pom.xml: plugin p:c names version 3.0 outside dependencyManagement/pluginManagement");
    }
}
