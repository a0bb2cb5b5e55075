package org.twitchtriage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.twitchtriage.engine.internal.ExecutableModelLoader;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;

/**
 * {@link TriageEngine#create(EngineOptions)} on a packaged executable-model kjar builds the KieBase straight from the
 * model classes in the jar ({@link ExecutableModelLoader}), and the engine it gives decides, names its rules and
 * identifies its knowledge base exactly as an engine on the KIE container's KieBase of the same kjar. The kjar is
 * compiled from DRL fixtures at test time and written to a jar file, as the kie-maven-plugin packages one.
 */
class TriageEngineKjarLoadingTest {
    private static final String KIE_BASE = "fixture";
    private static final String GAV = "org.twitchtriage.test:kjar-loading:1.0.0";

    @TempDir
    static Path dir;
    private static URLClassLoader kjar;
    private static KieBase viaContainer;

    @BeforeAll
    static void packageKjar() throws IOException {
        KieServices ks = KieServices.get();
        String[] gav = GAV.split(":");
        ReleaseId releaseId = ks.newReleaseId(gav[0], gav[1], gav[2]);
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel(KIE_BASE).setDefault(true).newKieSessionModel("fixture-session").setDefault(true);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.writeKModuleXML(module.toXML());
        kfs.write("src/main/resources/fixtures/truth-maintenance.drl", DrlFixtures.read("truth-maintenance.drl"));
        kfs.write("src/main/resources/fixtures/findings.drl", DrlFixtures.read("findings.drl"));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        Path jar = dir.resolve("kjar-loading-1.0.0.jar");
        writeJar(((InternalKieModule) builder.getKieModule()).getBytes(), jar, gav);
        kjar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, TriageEngineKjarLoadingTest.class.getClassLoader());
        viaContainer = ks.newKieContainer(releaseId, kjar).newKieBase(KIE_BASE,
                TriageEngine.kieBaseConfiguration(kjar));
    }

    @AfterAll
    static void close() throws IOException {
        kjar.close();
    }

    /** Copies the built kjar into a jar file, with the {@code pom.properties} a Maven-packaged jar carries. */
    private static void writeJar(byte[] kjarBytes, Path jar, String[] gav) throws IOException {
        String properties = "META-INF/maven/" + gav[0] + "/" + gav[1] + "/pom.properties";
        boolean hasProperties = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(kjarBytes));
             OutputStream file = Files.newOutputStream(jar);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                hasProperties |= e.getName().equals(properties);
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            if (!hasProperties) {
                out.putNextEntry(new ZipEntry(properties));
                out.write(("groupId=" + gav[0] + "\nartifactId=" + gav[1] + "\nversion=" + gav[2] + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static EngineOptions options() {
        return EngineOptions.builder().kieBaseName(KIE_BASE).build();
    }

    @Test
    @DisplayName("the packaged kjar is served from its executable model, without a container")
    void packagedKjar_isServedFromItsExecutableModel() {
        assertThat(ExecutableModelLoader.load(kjar, GAV, KIE_BASE, TriageEngine.kieBaseConfiguration(kjar)))
                .as("KieBase built from the project model in the jar").isPresent();
    }

    @Test
    @DisplayName("the engine decides, names its rules and identifies its knowledge base as on the container's KieBase")
    void directEngine_equalsTheContainersEngine() {
        TriageEngine direct = TriageEngine.create(options(), kjar);
        TriageEngine container = TriageEngine.of(viaContainer, GAV, RulesFingerprint.of(kjar), options());

        assertThat(direct.knowledgeBase()).isEqualTo(container.knowledgeBase());
        assertThat(direct.knowledgeBase().releaseId()).isEqualTo(GAV);
        assertThat(direct.knowledgeBase().rulesSha256()).isNotEqualTo(KnowledgeBaseInfo.UNKNOWN_DIGEST);
        assertThat(direct.rules()).isEqualTo(container.rules()).hasSizeGreaterThan(3);
        List<TriageRequest> requests = List.of(TriageEngineTest.request("1", BodySite.CALF), TriageEngineTest.request("2", BodySite.CALF,
                Symptom.PAIN), TriageEngineTest.request("3", BodySite.EYELID),
                TriageEngineTest.request("4", BodySite.CALF, Symptom.PARALYSIS));
        List<TriageDecision> decided = new ArrayList<>();
        for (TriageRequest r : requests) {
            TriageDecision d = direct.evaluate(r);
            assertThat(d).isEqualTo(container.evaluate(r));
            decided.add(d);
        }
        assertThat(decided).as("the requests exercise rules, not an empty knowledge base")
                .anySatisfy(d -> assertThat(d.findings()).isNotEmpty());
    }

    @Test
    @DisplayName("a second engine reuses the KieBase built for the first")
    void secondEngine_reusesTheKnowledgeBase() {
        TriageEngine first = TriageEngine.create(options(), kjar);
        TriageEngine second = TriageEngine.create(options(), kjar);

        assertThat(second.knowledgeBase()).isEqualTo(first.knowledgeBase());
        assertThat(second.rules()).isEqualTo(first.rules());
    }

    @Test
    @DisplayName("a KieBase name the kjar does not declare is an engine error naming it")
    void unknownKieBase_isReportedByName() {
        EngineOptions wrong = EngineOptions.builder().kieBaseName("no-such-base").build();

        assertThatThrownBy(() -> TriageEngine.create(wrong, kjar))
                .isInstanceOf(TriageEngineException.class)
                .hasMessageContaining("no-such-base")
                .hasRootCauseMessage("the kjar declares no KieBase named 'no-such-base' (it declares [fixture])");
    }

    @Test
    @DisplayName("a model index in another jar than the kmodule is left to the container")
    void modelIndexOfAnotherJar_isLeftToTheContainer() throws IOException {
        Path kmoduleOnly = dir.resolve("kmodule-only.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(kmoduleOnly))) {
            out.putNextEntry(new ZipEntry(ExecutableModelLoader.KMODULE));
            out.write(KieServices.get().newKieModuleModel().toXML().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        // a loader that looks in its own jar first finds the kmodule there and the model index in the kjar
        try (URLClassLoader ownFirst = new URLClassLoader(new URL[] {kmoduleOnly.toUri().toURL()}, kjar) {
            @Override
            public URL getResource(String name) {
                URL own = findResource(name);
                return own != null ? own : super.getResource(name);
            }
        }) {
            assertThat(ownFirst.getResource(ExecutableModelLoader.KMODULE).toString()).contains("kmodule-only.jar");
            assertThat(ExecutableModelLoader.load(ownFirst, GAV, KIE_BASE,
                    TriageEngine.kieBaseConfiguration(ownFirst)))
                    .isEmpty();
        }
    }
}
