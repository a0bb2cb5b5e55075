package org.twitchtriage.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.catalog.KnowledgeDocs;
import org.twitchtriage.authoring.catalog.RuleSource;
import org.twitchtriage.authoring.catalog.RuleSourceParser;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.RuleInfo;

@DisplayName("Guideline coverage report and rule catalogue")
class KnowledgeDocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String REGENERATE = "regenerate with: java -cp triage-examples/target/twitch-triage.jar "
            + GenerateKnowledgeDocs.class.getName();

    private static KnowledgeDocs docs;

    @BeforeAll
    static void load() throws IOException {
        docs = GenerateKnowledgeDocs.load(ROOT);
    }

    @Test
    @DisplayName("every guideline passage is cited by a rule or marked descriptive with a reason")
    void everyPassageIsCoveredOrMarked() {
        assertThat(docs.problems()).isEmpty();
    }

    @Test
    @DisplayName("the committed coverage report is up to date")
    void committedCoverageReportIsCurrent() throws IOException {
        assertThat(read(GenerateKnowledgeDocs.COVERAGE_FILE)).as(REGENERATE).isEqualTo(docs.coverageReport());
    }

    @Test
    @DisplayName("the committed rule catalogue is up to date")
    void committedCatalogueIsCurrent() throws IOException {
        assertThat(read(GenerateKnowledgeDocs.CATALOGUE_FILE)).as(REGENERATE).isEqualTo(docs.ruleCatalogue());
    }

    @Test
    @DisplayName("the committed reference of the rule language's sentences is up to date")
    void committedRuleLanguageIsCurrent() throws IOException {
        assertThat(read(GenerateKnowledgeDocs.LANGUAGE_FILE)).as(REGENERATE)
                .isEqualTo(GenerateKnowledgeDocs.ruleLanguage(ROOT));
    }

    @Test
    @DisplayName("the rule files read for the documents are exactly the rules in the built knowledge base")
    void parsedRulesMatchTheKnowledgeBase() {
        Set<String> parsed = RuleSourceParser.parseTree(ROOT.resolve(GenerateKnowledgeDocs.RULES_DIR)).stream()
                .map(RuleSource::id).collect(Collectors.toSet());
        Set<String> built = TriageEngine.create().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(parsed).isEqualTo(built);
    }

    private static String read(String file) throws IOException {
        Path p = ROOT.resolve(file);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(missing " + file + ")";
    }
}
