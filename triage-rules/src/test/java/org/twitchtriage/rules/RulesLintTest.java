package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.lint.RuleLinter;
import org.twitchtriage.authoring.source.RuleProblem;

/**
 * The knowledge base passes the linter that {@code twitch-triage lint} runs: it compiles, every line of the rule
 * language is a sentence, metadata is complete and cites existing passages, every rule can fire, and no twitch is
 * both reassured and escalated in any generated situation.
 */
class RulesLintTest {
    private static final Path RESOURCES = Path.of("src", "main", "resources");

    @Test
    @DisplayName("the rules folder has no lint problems")
    void rulesFolder_isClean() {
        assertThat(RuleLinter.muscleTwitching().lint(RESOURCES)).extracting(RuleProblem::toString).isEmpty();
    }
}
