package org.twitchtriage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.internal.ExecutableModelLoader;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;

/**
 * {@link TriageEngine#create()} builds the {@code triage-rules} KieBase straight from the executable model in the
 * kjar, without a KIE container; the knowledge base it gets must decide every bundled case exactly as the class-path
 * container's does, with the same rules and metadata.
 */
class KnowledgeBaseLoadingTest {
    private static final Path CASES = Path.of(System.getProperty("basedir", ".")).resolve("cases");

    @Test
    @DisplayName("the directly loaded knowledge base decides every bundled case as the class-path container's")
    void directLoading_decidesAsTheContainer() throws IOException {
        TriageEngine direct = TriageEngine.create();
        KieBase containers = KieServices.get().getKieClasspathContainer(TriageEngine.class.getClassLoader())
                .getKieBase(TriageEngine.DEFAULT_KIE_BASE);
        TriageEngine viaContainer = TriageEngine.of(containers, direct.knowledgeBase().releaseId(),
                direct.knowledgeBase().rulesSha256(), EngineOptions.defaults());

        assertThat(direct.rules()).isEqualTo(viaContainer.rules());
        List<Path> files;
        try (Stream<Path> s = Files.list(CASES)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        RequestReader reader = new RequestReader();
        for (Path f : files) {
            TriageRequest request = reader.read(f);
            assertThat(direct.evaluate(request)).as(f.getFileName().toString())
                    .isEqualTo(viaContainer.evaluate(request));
        }
    }

    @Test
    @DisplayName("the triage-rules kjar is served from its executable model, not left to the container")
    void triageRules_isServedFromItsExecutableModel() {
        ClassLoader loader = TriageEngine.class.getClassLoader();

        String releaseId = TriageEngine.create().knowledgeBase().releaseId();

        assertThat(releaseId).startsWith("org.twitchtriage:triage-rules:");
        assertThat(ExecutableModelLoader.load(loader, releaseId, TriageEngine.DEFAULT_KIE_BASE,
                TriageEngine.kieBaseConfiguration(loader))).isPresent();
    }

    @Test
    @DisplayName("a second engine in the same JVM sees the same knowledge base and rules")
    void secondEngine_seesTheSameKnowledgeBase() {
        TriageEngine first = TriageEngine.create();
        TriageEngine second = TriageEngine.create();

        assertThat(second.knowledgeBase()).isEqualTo(first.knowledgeBase());
        assertThat(second.rules()).isEqualTo(first.rules());
    }
}
