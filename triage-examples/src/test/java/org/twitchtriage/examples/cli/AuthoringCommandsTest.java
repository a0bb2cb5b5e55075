package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageEngine;

/**
 * The commands for rule authors: {@code lint}, {@code scenarios} and the {@code --rules} option of {@code evaluate},
 * on the linter's test folders ({@code triage-authoring/src/test/resources/lint/}) and the project's own rules.
 */
@DisplayName("Commands for rule authors: lint, scenarios, evaluate --rules")
class AuthoringCommandsTest {
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final Path FIXTURES = Path.of("..", "triage-authoring", "src", "test", "resources", "lint");
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(new TriageCommand(() -> ENGINE), args);
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path calfWithPainCase() throws IOException {
        return write("calf-pain.json", """
                {"patient": {"reference": "authoring-test-7", "ageYears": 40, "sex": "MALE"},
                 "twitches": [{"id": "t1", "site": "CALF", "course": "NEW", "symptoms": ["PAIN"]}]}
                """);
    }

    @Test
    @DisplayName("lint on a clean folder: 'no problems', exit 0")
    void lint_cleanFolder() {
        CliRun r = run("lint", fixture("clean"));

        assertThat(r.out()).isEqualTo("no problems" + NL);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
    }

    @Test
    @DisplayName("lint on a line that is not a sentence: file:line: message with the closest sentences, exit 3")
    void lint_unknownSentence() {
        String folder = fixture("unknown-sentence");
        CliRun r = run("lint", folder);

        assertThat(r.out()).isEqualTo(Path.of(folder, "calf.dslr") + ":20: \"there is a twich in the calf\" is not "
                + "a condition of the rule language (twitch-triage.dsl); closest: \"there is a twitch in the calf\", "
                + "\"there is a twitch in the hand\", \"there is a twitch in the eye\"" + NL
                + Path.of(folder, "calf.dslr") + ":23: \"reassure \"Calf twitching usually has a harmless cause.\"\" "
                + "is not a conclusion of the rule language (twitch-triage.dsl); closest: \"reassure: "
                + "<explanation>\", \"flag pain: <explanation>\", \"refer to a doctor soon: <explanation>\"" + NL
                + "2 problems in " + folder + NL);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
    }

    @Test
    @DisplayName("lint on a rule without @id: file:line: message, exit 3")
    void lint_missingId() {
        String folder = fixture("missing-id");
        CliRun r = run("lint", folder);

        assertThat(r.out()).isEqualTo(Path.of(folder, "hand.drl") + ":14: rule \"Hand: twitching that persists -> "
                + "see a doctor\" has no @id; every rule needs a unique one, such as @id(\"CALF-MAGNESIUM\")" + NL
                + "1 problem in " + folder + NL);
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
    }

    @Test
    @DisplayName("lint on a twitch both reassured and referred: the pair of rules, exit 3")
    void lint_reassureAndEscalate() {
        CliRun r = run("lint", fixture("reassure-and-escalate"));

        assertThat(r.out()).contains("eye.dslr:26: rule \"Eye: no warning sign -> usually harmless\" reassures a "
                + "twitch that rule \"Eye: twitching -> see an eye doctor first\" (eye.dslr:17) escalates");
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
    }

    @Test
    @DisplayName("lint without a folder checks the project's own rules, which have no problems")
    void lint_projectRules() {
        CliRun r = run("lint");

        assertThat(r.out()).isEqualTo("no problems" + NL);
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
    }

    @Test
    @DisplayName("lint on a folder that does not exist: invalid input, exit 2")
    void lint_missingFolder() {
        CliRun r = run("lint", dir.resolve("nowhere").toString());

        assertThat(r.err()).contains("does not exist");
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
    }

    @Test
    @DisplayName("evaluate --rules decides with the folder's rules and names the folder as the knowledge base")
    void evaluate_withRulesFolder() throws IOException {
        CliRun r = run("evaluate", "--json", "--rules", fixture("clean"), calfWithPainCase().toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        JsonNode decision = new ObjectMapper().readTree(r.out());
        assertThat(decision.get("knowledgeBase").get("releaseId").asText())
                .isEqualTo("folder:" + FIXTURES.resolve("clean").toAbsolutePath().normalize());
        assertThat(decision.get("knowledgeBase").get("ruleCount").asInt()).isEqualTo(4);
        assertThat(decision.get("highestUrgency").asText()).isEqualTo("SOON");
        assertThat(r.out()).contains("REF-PAIN").doesNotContain("authoring-test-7");
    }

    @Test
    @DisplayName("evaluate --rules on rules that do not compile: every problem as file:line, no stack trace, exit 2")
    void evaluate_withBrokenRules() throws IOException {
        String folder = fixture("unknown-sentence");
        CliRun r = run("evaluate", "--rules", folder, calfWithPainCase().toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("twitch-triage: the rules in " + folder + " do not compile:" + NL)
                .contains("  " + Path.of(folder, "calf.dslr") + ":20: \"there is a twich in the calf\"")
                .contains("  " + Path.of(folder, "calf.dslr") + ":23: ")
                .endsWith("Run 'twitch-triage lint " + folder + "' for a full check of the folder." + NL)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("evaluate --rules on rules without an @id: the rule named, exit 2")
    void evaluate_withRulesLackingMetadata() throws IOException {
        String folder = fixture("missing-id");
        CliRun r = run("evaluate", "--rules", folder, calfWithPainCase().toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("  " + Path.of(folder, "hand.drl") + ":14: rule \"Hand: twitching that "
                + "persists -> see a doctor\" has no @id");
    }

    @Test
    @DisplayName("scenarios: PASS and FAIL per file, the differences of a failing one, exit 3")
    void scenarios_reportEachFile() throws IOException {
        String input = """
                "input": {"patient": {"reference": "s", "ageYears": 40, "sex": "MALE"},
                          "twitches": [{"id": "t1", "site": "CALF", "course": "NEW", "symptoms": ["PAIN"]}]},
                """;
        write("scenarios/a-referred.scenario.json", "{\"description\": \"Calf twitch with pain: a doctor soon\","
                + "\"evaluationTime\": \"2026-01-01T09:00:00Z\"," + input
                + "\"expected\": {\"highestUrgency\": \"SOON\", \"absentFindings\": [\"USUALLY_HARMLESS\"]}}");
        write("scenarios/b-reassured.scenario.json", "{\"description\": \"Calf twitch with pain: harmless (wrong)\","
                + "\"evaluationTime\": \"2026-01-01T09:00:00Z\"," + input
                + "\"expected\": {\"highestUrgency\": \"ROUTINE\", \"findings\": [{\"code\": \"USUALLY_HARMLESS\"}]}}");
        Path scenarios = dir.resolve("scenarios");

        CliRun r = run("scenarios", "--rules", fixture("clean"), scenarios.toString());

        assertThat(r.out()).isEqualTo(
                "PASS  " + scenarios.resolve("a-referred.scenario.json") + "  Calf twitch with pain: a doctor soon"
                        + NL
                        + "FAIL  " + scenarios.resolve("b-reassured.scenario.json")
                        + "  Calf twitch with pain: harmless (wrong)" + NL
                        + "        - Highest urgency: expected ROUTINE (no time pressure), but the decision says SOON "
                        + "(see a doctor within days)." + NL
                        + "        - Missing finding: USUALLY_HARMLESS (Usually harmless and passes by itself) is "
                        + "expected, but it is not concluded." + NL
                        + NL
                        + "2 scenarios: 1 passed, 1 failed (rules folder:"
                        + FIXTURES.resolve("clean").toAbsolutePath().normalize() + ")." + NL);
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_CHECK_FAILED);
    }

    @Test
    @DisplayName("scenarios without a folder: the project's scenarios all pass with the built rules, exit 0")
    void scenarios_projectScenariosPass() {
        CliRun r = run("scenarios");

        assertThat(r.out()).doesNotContain("FAIL  ").contains("PASS  ").contains(" 0 failed (rules ");
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
    }

    @Test
    @DisplayName("scenarios on a folder without scenario files: invalid input, exit 2")
    void scenarios_emptyFolder() {
        CliRun r = run("scenarios", dir.toString());

        assertThat(r.err()).contains("no scenario files");
        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
    }
}
