package org.twitchtriage.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;

/**
 * Compiles small DRL fixtures (from {@code src/test/resources/fixtures} or from strings) into executable-model
 * KieBases at test time, so that engine behaviour can be tested on knowledge bases built to misbehave. Public for
 * the tests of other packages (the audit tests build their own small knowledge bases with it).
 */
public final class DrlFixtures {
    /** The label fixture engines report as their release. */
    public static final String RELEASE = "test-fixture";

    private static final AtomicInteger BUILDS = new AtomicInteger();
    /** Compiled fixtures: a KieBase is immutable and shareable, and compiling is the slow part. */
    private static final Map<List<String>, KieBase> COMPILED = new ConcurrentHashMap<>();

    private DrlFixtures() {
    }

    /** @return an engine on the named fixture files, with the given bound on rule firings */
    public static TriageEngine engine(int maxRuleFirings, String... fixtureNames) {
        KieBase kieBase = COMPILED.computeIfAbsent(List.of(fixtureNames),
                names -> compile(names.stream().map(DrlFixtures::read).toArray(String[]::new)));
        return TriageEngine.of(kieBase, RELEASE, EngineOptions.builder().maxRuleFirings(maxRuleFirings).build());
    }

    /** @return an engine on the named fixture files, with default options */
    public static TriageEngine engine(String... fixtureNames) {
        return engine(EngineOptions.DEFAULT_MAX_RULE_FIRINGS, fixtureNames);
    }

    /**
     * @param drlSources complete DRL files
     * @return their KieBase, built with the executable model
     * @throws AssertionError when the DRL does not compile
     */
    public static KieBase compile(String... drlSources) {
        KieServices ks = KieServices.get();
        // each build gets its own release id, so that builds never replace each other in the KIE repository
        ReleaseId releaseId = ks.newReleaseId("org.twitchtriage.test", "fixture-" + BUILDS.incrementAndGet(),
                "1.0.0");
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel("fixture").setDefault(true).newKieSessionModel("fixture-session").setDefault(true);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.writeKModuleXML(module.toXML());
        for (int i = 0; i < drlSources.length; i++) {
            kfs.write("src/main/resources/fixtures/fixture" + i + ".drl", drlSources[i]);
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new AssertionError("fixture does not compile: " + errors);
        }
        return ks.newKieContainer(releaseId).getKieBase();
    }

    /** @return the text of {@code src/test/resources/fixtures/<name>} */
    public static String read(String name) {
        try (InputStream in = DrlFixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
