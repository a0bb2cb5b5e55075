package org.twitchtriage.examples.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.authoring.folder.RulesFolder;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.RuleInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;

/**
 * The project's rules folder compiled at run time ({@code --rules triage-rules/src/main/resources}) is the built
 * knowledge base: the same rules, the same digest, the same decisions. So what an author tries with {@code --rules}
 * is what the build will ship.
 */
@DisplayName("The rules folder compiled at run time equals the built kjar")
class ProjectRulesFolderTest {
    private static final Path RULES = Path.of("..", "triage-rules", "src", "main", "resources");
    private static final TriageEngine BUILT = TriageEngine.create();
    private static final TriageEngine FOLDER = RulesFolder.at(RULES).engine(EngineOptions.defaults());

    static Stream<String> caseNames() {
        return BundledCases.names().stream();
    }

    @Test
    @DisplayName("same rules with the same metadata, and the kjar's digest over the same files")
    void sameRulesAndDigest() {
        assertThat(FOLDER.rules()).extracting(RuleInfo::id, RuleInfo::name, RuleInfo::passages)
                .containsExactlyElementsOf(BUILT.rules().stream()
                        .map(r -> tuple(r.id(), r.name(), r.passages())).toList());
        assertThat(FOLDER.knowledgeBase().rulesSha256()).isEqualTo(BUILT.knowledgeBase().rulesSha256());
        assertThat(FOLDER.knowledgeBase().releaseId()).startsWith("folder:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("the same decision on every bundled case")
    void sameDecisions(String caseName) throws Exception {
        TriageRequest request = new RequestReader().read(BundledCases.file(caseName));
        TriageDecision built = BUILT.evaluate(request);
        TriageDecision folder = FOLDER.evaluate(request);

        assertThat(folder.findings()).isEqualTo(built.findings());
        assertThat(folder.highestUrgency()).isEqualTo(built.highestUrgency());
        assertThat(folder.firedRuleIds()).isEqualTo(built.firedRuleIds());
    }
}
