package org.twitchtriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageDecision;

/**
 * Scenario folders as dynamic tests, on the files in {@code src/test/resources/scenarios}: matching scenarios pass,
 * a deliberately wrong one fails with a readable difference, malformed ones fail naming file and field.
 */
class ScenariosTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    @TestFactory
    @DisplayName("the matching scenarios, run the way a project runs its own")
    Stream<DynamicTest> matchingScenarios() {
        return Scenarios.from(SCENARIOS.resolve("matching"), Decisions.ENGINE);
    }

    @Test
    @DisplayName("each *.scenario.json file, at any depth, is one test named by its description, sourced at the file")
    void from_findsScenarioFilesAtAnyDepth() {
        List<DynamicTest> tests = Scenarios.from(SCENARIOS.resolve("matching"), Decisions.ENGINE).toList();

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly(
                "Calf twitch from a case file: magnesium, usually harmless",
                "Upper-arm twitch with pain: urgent doctor citing UARM-10");
        assertThat(tests).extracting(t -> t.getTestSourceUri().orElseThrow()).containsExactly(
                SCENARIOS.resolve("matching/nested/calf-from-case.scenario.json").toUri(),
                SCENARIOS.resolve("matching/upper-arm-pain.scenario.json").toUri());
    }

    @Test
    @DisplayName("a deliberately wrong scenario fails with every difference in clinical words, then the decision")
    void wrongScenario_failsWithAReadableDifference() {
        DynamicTest test = Scenarios.from(SCENARIOS.resolve("wrong"), Decisions.ENGINE).toList().get(0);

        assertThat(test.getDisplayName()).isEqualTo("Deliberately wrong: upper-arm pain expected to be reassured");
        assertThatThrownBy(() -> test.getExecutable().execute())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Scenario " + SCENARIOS.resolve("wrong/upper-arm-pain-reassured.scenario.json")
                        + " (\"Deliberately wrong: upper-arm pain expected to be reassured\") does not match the"
                        + " decision (")
                .hasMessageContainingAll(
                        "  - Highest urgency: expected ROUTINE (no time pressure), but the decision says URGENT (see a"
                                + " doctor without delay).",
                        "  - Missing finding: USUALLY_HARMLESS (Usually harmless and passes by itself) is expected"
                                + " with urgency ROUTINE, but it is not concluded.",
                        "  - SEE_DOCTOR (See a doctor): expected urgency SOON (see a doctor within days), but it is"
                                + " URGENT (see a doctor without delay); ",
                        "REF-UARM-URGENT gave URGENT",
                        "  - SEE_DOCTOR (See a doctor): expected to be concluded by REF-UARM-URGNT (no rule with this"
                                + " id in the knowledge base), but it is concluded by REF-NERVE-SIGNS,"
                                + " REF-UARM-URGENT.",
                        "  - SEE_DOCTOR (See a doctor): also concluded by rules not listed (exactFindings is true):"
                                + " REF-NERVE-SIGNS, REF-UARM-URGENT.",
                        "  - SEE_DOCTOR (See a doctor): expected to cite guideline passage UARM-5, but it cites ",
                        "  - Finding that must be absent: HERNIATED_DISC_NECK (Herniated disc in the neck) is"
                                + " concluded (ROUTINE, twitch t1, rules UARM-DISC-NECK).",
                        "  - Unexpected finding (exactFindings is true): HISTORY (Detailed medical history)"
                                + " is concluded but not listed (URGENT, twitch t1, rules"
                                + " WU-HISTORY-EXAM).",
                        "  - Rules expected to fire that did not fire: UARM-REASSURE (no rule with this id in the knowledge"
                                + " base).",
                        "  - Rules that fired but are not listed in firedRules: ",
                        "The decision (highest urgency URGENT) has ",
                        "Rules fired, in order: ")
                .hasMessageNotContaining("Unexpected finding (exactFindings is true): HERNIATED_DISC_NECK")
                .hasMessageNotContaining("Unexpected finding (exactFindings is true): RED_FLAG_PAIN");
    }

    @Test
    @DisplayName("a firing withdrawn by truth maintenance neither counts as fired nor as an unlisted rule")
    void firedRules_ignoreWithdrawnFirings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("body.scenario.json"), """
                {"description": "whole body, increasing, weak", "evaluationTime": "2026-01-01T09:00:00Z",
                 "input": {"patient": {"reference": "r", "ageYears": 58, "sex": "MALE"},
                           "twitches": [{"id": "t1", "site": "WHOLE_BODY", "course": "INCREASING",
                                         "symptoms": ["PARALYSIS"]}]},
                 "expected": {"firedRules": ["RF-PARALYSIS", "NEU-REFER-URGENT", "WU-HISTORY-EXAM", "WU-ENG-EMG",
                   "BODY-REASSURE"]}}
                """);
        Scenario scenario = Scenarios.load(dir).get(0);

        TriageDecision decision = Decisions.ENGINE.evaluate(scenario.request());

        assertThat(decision.firedRuleIds()).as("the reassurance did fire").contains("BODY-REASSURE");
        assertThat(Scenarios.differences(scenario, decision)).containsExactly("Rules expected to fire that did not"
                + " fire: BODY-REASSURE (it fired, but truth maintenance withdrew its conclusions).");
    }

    @Test
    @DisplayName("a matching scenario verifies and returns its decision; differences are empty")
    void verify_returnsTheDecision() throws IOException {
        Scenario scenario = new ScenarioReader().read(SCENARIOS.resolve("matching/upper-arm-pain.scenario.json"));

        TriageDecision decision = Scenarios.verify(scenario, Decisions.ENGINE);

        assertThat(Scenarios.differences(scenario, decision)).isEmpty();
        assertThat(scenario.evaluationTime()).hasToString("2026-03-01T09:15:00Z");
    }

    @Test
    @DisplayName("malformed scenario files fail their tests, naming the file and each bad field; none is skipped")
    void malformedScenarios_failNamingFileAndField() {
        List<DynamicTest> tests = Scenarios.from(SCENARIOS.resolve("malformed"), Decisions.ENGINE).toList();

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly(
                "broken-json.scenario.json (invalid scenario file)",
                "misspelt.scenario.json (invalid scenario file)");
        assertThatThrownBy(() -> tests.get(0).getExecutable().execute())
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContainingAll(
                        "invalid scenario file " + SCENARIOS.resolve("malformed/broken-json.scenario.json"),
                        "evaluationTime: malformed JSON at line 4, column 3: Unexpected character ('\"'");
        assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContainingAll(
                        "invalid scenario file " + SCENARIOS.resolve("malformed/misspelt.scenario.json")
                                + " (4 problems):",
                        "  input.twitches[0].site: unknown value (not repeated here); allowed: UPPER_ARM, CALF,",
                        "  expected.highestUrgency: unknown value (not repeated here); allowed: ROUTINE, SOON, URGENT",
                        "  expected.findings[0].code: unknown value (not repeated here); allowed: ",
                        "  expected.absentFinding: unknown field; expected one of: highestUrgency, findings,"
                                + " absentFindings, firedRules, exactFindings",
                        "The scenario format is described in docs/scenarios.md.");
    }

    @Test
    @DisplayName("a folder that does not exist, or holds no scenario, is an error rather than zero tests")
    void missingOrEmptyFolder_isAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("case.json"), "{}");

        assertThatThrownBy(() -> Scenarios.from(dir.resolve("nowhere"), Decisions.ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no scenario folder " + dir.resolve("nowhere") + " (looked for ")
                .hasMessageContaining("the module's folder");
        assertThatThrownBy(() -> Scenarios.from(dir, Decisions.ENGINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no scenario files (*.scenario.json) below " + dir.toAbsolutePath().normalize());
    }
}
