package org.twitchtriage.authoring.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.folder.RulesFolder;

/**
 * The linter on small rules folders, each broken in one way ({@code src/test/resources/lint/<case>/}, each file
 * saying in a comment what is wrong with it): the exact {@code file:line: message} it reports.
 */
@DisplayName("Linting a rules folder")
class RuleLinterTest {
    /** The fixture folders, relative to the module folder (the working directory of the tests). */
    static final Path FIXTURES = Path.of("src", "test", "resources", "lint");
    private static final RuleLinter LINTER = RuleLinter.muscleTwitching();

    static Stream<Arguments> brokenFolders() {
        return Stream.of(
                Arguments.of("compile-error", List.of(
                        "hand.drl:18: cannot understand the condition \"sight == BodySite.HAND\" (is a field "
                                + "misspelt?)")),
                Arguments.of("unknown-sentence", List.of(
                        "calf.dslr:20: \"there is a twich in the calf\" is not a condition of the rule language "
                                + "(twitch-triage.dsl); closest: \"there is a twitch in the calf\", \"there is a "
                                + "twitch in the hand\", \"there is a twitch in the eye\"",
                        "calf.dslr:23: \"reassure \"Calf twitching usually has a harmless cause.\"\" is not a "
                                + "conclusion of the rule language (twitch-triage.dsl); closest: \"reassure: "
                                + "<explanation>\", \"flag pain: <explanation>\", \"refer to a doctor soon: "
                                + "<explanation>\"")),
                Arguments.of("missing-id", List.of(
                        "hand.drl:14: rule \"Hand: twitching that persists -> see a doctor\" has no @id; every rule "
                                + "needs a unique one, such as @id(\"CALF-MAGNESIUM\")")),
                Arguments.of("duplicate-id", List.of(
                        "referral.drl.csv:11: @id \"REF-PAIN\" of rule \"Referral: calf twitching with pain -> see "
                                + "a doctor\" is already the id of rule \"Referral: pain -> see a doctor\" "
                                + "(pain.dslr:26); ids must be unique")),
                Arguments.of("missing-source", List.of(
                        "hand.drl:14: rule \"Hand: twitching that persists -> see a doctor\" has no @source naming "
                                + "the guideline passages it encodes, such as @source(\"muscle-twitching#CALF-8\")")),
                Arguments.of("unknown-passage", List.of(
                        "hand.drl:16: rule \"Hand: twitching that persists -> see a doctor\" cites passage HAND-9, "
                                + "which the guideline muscle-twitching does not have (it has HAND-1, HAND-2, "
                                + "HAND-3)")),
                Arguments.of("extension", List.of(
                        "hand.drl:25: rule \"Hand: twitching that increases -> see a doctor\" has an empty "
                                + "@extension: say in it why the rule goes beyond the guideline, such as "
                                + "@extension(\"the guideline does not mention measured values\")")),
                Arguments.of("contradiction", List.of(
                        "calf.dslr:16: rule \"Calf: persisting twitching that improves -> usually harmless\" can "
                                + "never fire: \"- it persists\" and \"- it is improving\" cannot both hold for the "
                                + "same twitch",
                        "sites.drl:14: rule \"Calf and hand: twitching -> consider stress\" can never fire: "
                                + "\"site == BodySite.CALF\" and \"site == BodySite.HAND\" cannot both hold for the "
                                + "same twitch")),
                Arguments.of("unproduced-conclusion", List.of(
                        "calf.dslr:26: rule \"Calf: back pain -> consider a herniated disc\" can never fire: it "
                                + "needs the conclusion RED_FLAG_BACK_PAIN (\"the twitch has the red flag back "
                                + "pain\"), which no rule that can fire concludes")),
                Arguments.of("reassure-and-escalate", List.of(
                        "eye.dslr:26: rule \"Eye: no warning sign -> usually harmless\" reassures a twitch that rule "
                                + "\"Eye: twitching -> see an eye doctor first\" (eye.dslr:17) escalates with "
                                + "SEE_EYE_DOCTOR, for example a twitch in the eye, in a man of 40; reassure only a "
                                + "twitch that has no red flag and no referral")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFolders")
    @DisplayName("a folder broken in one way: exactly the expected file:line: message")
    void brokenFolder_reportsExactlyItsProblem(String folder, List<String> expected) {
        List<RuleProblem> problems = LINTER.lint(FIXTURES.resolve(folder));

        assertThat(problems).extracting(RuleProblem::toString).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a clean folder (rule language, DRL, a red flag, its referral, a guarded reassurance): no problems")
    void cleanFolder_hasNoProblems() {
        assertThat(LINTER.lint(FIXTURES.resolve("clean"))).isEmpty();
    }

    @Test
    @DisplayName("metadata alone: found without compiling, and nothing else")
    void metadataOnly() {
        assertThat(LINTER.metadata(RulesFolder.at(FIXTURES.resolve("missing-id"))))
                .extracting(RuleProblem::line).containsExactly(14);
        assertThat(LINTER.metadata(RulesFolder.at(FIXTURES.resolve("contradiction")))).isEmpty();
    }

    @Test
    @DisplayName("a folder without rule files is a problem, a folder that does not exist an error")
    void emptyOrMissingFolder(@TempDir Path empty) {
        assertThat(LINTER.lint(empty)).extracting(RuleProblem::message)
                .singleElement().asString().contains("holds no rule files");
        assertThatThrownBy(() -> LINTER.lint(empty.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }
}
