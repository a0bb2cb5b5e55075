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
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.authoring.source.SourceFolder;
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
    @DisplayName("the committed HTML rule catalogue is up to date")
    void committedHtmlCatalogueIsCurrent() throws IOException {
        String fresh = GenerateKnowledgeDocs.htmlCatalogue(ROOT.resolve(GenerateKnowledgeDocs.RULES_DIR)).render();
        String committed = read(GenerateKnowledgeDocs.HTML_CATALOGUE_FILE);

        // the page is large: name the first line that differs instead of printing both
        assertThat(committed.equals(fresh)).as("%s is stale at %s; %s", GenerateKnowledgeDocs.HTML_CATALOGUE_FILE,
                firstDifference(committed, fresh), REGENERATE).isTrue();
    }

    @Test
    @DisplayName("the HTML rule catalogue has an entry for every rule in the built knowledge base")
    void htmlCatalogueShowsEveryBuiltRule() throws IOException {
        String html = GenerateKnowledgeDocs.htmlCatalogue(ROOT.resolve(GenerateKnowledgeDocs.RULES_DIR)).render();

        for (RuleInfo rule : TriageEngine.create().rules()) {
            assertThat(html).as("entry for %s", rule.id()).contains("data-rule-id=\"" + rule.id() + "\"");
        }
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
        Set<String> parsed = SourceFolder.at(ROOT.resolve(GenerateKnowledgeDocs.RULES_DIR)).rules().stream()
                .map(RuleSource::id).collect(Collectors.toSet());
        Set<String> built = TriageEngine.create().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(parsed).isEqualTo(built);
    }

    /** @return the line number and both versions of the first line in which two texts differ */
    static String firstDifference(String committed, String fresh) {
        String[] a = committed.split("\n", -1);
        String[] b = fresh.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": committed '" + left + "', generated '" + right + "'";
            }
        }
        return "no line";
    }

    private static String read(String file) throws IOException {
        Path p = ROOT.resolve(file);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(missing " + file + ")";
    }
}
