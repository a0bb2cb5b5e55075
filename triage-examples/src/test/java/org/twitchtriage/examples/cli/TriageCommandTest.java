package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.Finding;

class TriageCommandTest {
    /** One engine for all tests: loading is the slow part, and it is thread-safe. */
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final Path CASES = Path.of(System.getProperty("basedir", ".")).resolve("cases");
    private static final List<String> BUNDLED = List.of(
            "pregnant-calf.json", "whole-body-increasing-paralysis.json", "eyelid-stress.json");

    /** What one run of the command produced. */

    private static CliRun run(String... args) {
        return run(() -> ENGINE, args);
    }

    private static CliRun run(Supplier<TriageEngine> engines, String... args) {
        return CliRun.of(new TriageCommand(engines), args);
    }

    private static String bundled(String name) {
        return CASES.resolve(name).toString();
    }

    private static String referenceIn(Path caseFile) throws IOException {
        return new ObjectMapper().readTree(caseFile.toFile()).get("patient").get("reference").asText();
    }

    /** The lines of one findings group: from its heading to the next blank line. */
    private static String section(String out, String heading) {
        int start = out.indexOf("\n" + heading + "\n");
        assertThat(start).as("section '%s' in%n%s", heading, out).isNotNegative();
        int end = out.indexOf("\n\n", start + 1);
        return out.substring(start + 1, end < 0 ? out.length() : end);
    }

    @Test
    @DisplayName("pregnant with calf twitching: magnesium deficiency is the hypothesis, magnesium the self-care")
    void pregnantCalf_showsMagnesiumDeficiency() {
        CliRun r = run("evaluate", bundled("pregnant-calf.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Highest urgency: ROUTINE");
        assertThat(section(r.out(), "Possible causes (hypotheses, not diagnoses)"))
                .contains("ROUTINE  Magnesium deficiency  (twitch t1)")
                .contains("[muscle-twitching#PREG-1] [muscle-twitching#PREG-2]");
        assertThat(section(r.out(), "Self-care"))
                .contains("Increase magnesium in the diet")
                .contains("Magnesium tablets")
                .contains("[muscle-twitching#PREG-3]");
        assertThat(r.out()).doesNotContain("\nRed flags\n").doesNotContain("\nReferrals\n");
        assertThat(r.out()).contains("Rules that fired, in order (");
        assertThat(r.out().substring(r.out().indexOf("Rules that fired, in order (")))
                .contains("PREG-MG-DEFICIENCY").contains("PREG-MG-SELF-CARE").contains("CALF-ELECTROLYTES");
    }

    @Test
    @DisplayName("increasing twitching all over the body with paralysis: urgent, neurologist, ENG and EMG")
    void wholeBodyIncreasingParalysis_isUrgentWithNeurologist() {
        CliRun r = run("evaluate", bundled("whole-body-increasing-paralysis.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Highest urgency: URGENT (see a doctor without delay)");
        assertThat(section(r.out(), "Red flags"))
                .contains("URGENT   Twitching with paralysis or weakness  (twitch t1)")
                .contains("SOON     Twitching that increases  (twitch t1)");
        assertThat(section(r.out(), "Referrals"))
                .contains("URGENT   See a neurologist  (twitch t1)")
                .contains("[muscle-twitching#CALF-6]");
        assertThat(section(r.out(), "Workup the doctor may do"))
                .contains("URGENT   Electroneurography (ENG)")
                .contains("URGENT   Electromyography (EMG)")
                .contains("[muscle-twitching#DX-3]");
        assertThat(section(r.out(), "Possible causes (hypotheses, not diagnoses)"))
                .contains("Amyotrophic lateral sclerosis (ALS)").contains("Multiple sclerosis (MS)");
        assertThat(r.out()).contains("NEU-REFER-URGENT", "WU-ENG-EMG", "RF-PARALYSIS");
        // findings are grouped by kind in the documented order: red flags first
        assertThat(r.out().indexOf("\nRed flags\n")).isLessThan(r.out().indexOf("\nReferrals\n"));
        assertThat(r.out().indexOf("\nReferrals\n")).isLessThan(r.out().indexOf("\nWorkup the doctor may do\n"));
        assertThat(r.out().indexOf("\nWorkup the doctor may do\n"))
                .isLessThan(r.out().indexOf("\nPossible causes (hypotheses, not diagnoses)\n"));
    }

    @Test
    @DisplayName("eyelid twitching under stress: stress is the likely cause, it usually passes")
    void eyelidStress_showsStressAndReassurance() {
        CliRun r = run("evaluate", bundled("eyelid-stress.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Highest urgency: ROUTINE");
        assertThat(section(r.out(), "Possible causes (hypotheses, not diagnoses)"))
                .contains("Stress or psychological strain  (twitch t1)")
                .contains("[muscle-twitching#LID-1]");
        assertThat(section(r.out(), "Reassurance")).contains("Usually harmless and passes by itself");
        assertThat(section(r.out(), "Self-care")).contains("Wait: it usually passes by itself");
        assertThat(r.out()).doesNotContain("See a neurologist").contains("LID-STRESS", "LID-REASSURE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pregnant-calf.json", "whole-body-increasing-paralysis.json", "eyelid-stress.json"})
    @DisplayName("every bundled case: notice first, then the highest urgency; the reference is never printed")
    void bundledCase_layoutAndPrivacy(String name) throws IOException {
        CliRun r = run("evaluate", bundled(name));

        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(DecisionWriter.NOTICE);
        assertThat(lines.get(2)).startsWith("Highest urgency: ");
        String reference = referenceIn(CASES.resolve(name));
        assertThat(reference).isNotBlank();
        assertThat(r.out() + r.err()).doesNotContain(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pregnant-calf.json", "whole-body-increasing-paralysis.json", "eyelid-stress.json"})
    @DisplayName("--json prints exactly the decision the engine makes in process, and nothing else")
    void json_matchesInProcessDecision(String name) throws IOException {
        Path file = CASES.resolve(name);
        TriageDecision expected = ENGINE.evaluate(new RequestReader().read(file));

        CliRun r = run("evaluate", "--json", file.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(r.out());
        assertThat(json).isEqualTo(new DecisionWriter().toTree(expected));
        assertThat(json.get("highestUrgency").asText()).isEqualTo(expected.highestUrgency().name());
        assertThat(StreamSupport.stream(json.get("findings").spliterator(), false).map(f -> f.get("code").asText()))
                .containsExactlyElementsOf(expected.findings().stream().map(f -> f.getCode().name()).toList());
        assertThat(StreamSupport.stream(json.get("findings").spliterator(), false).map(f -> f.get("urgency").asText()))
                .containsExactlyElementsOf(expected.findings().stream().map(f -> f.getUrgency().name()).toList());
        assertThat(StreamSupport.stream(json.get("firedRules").spliterator(), false).map(f -> f.get("id").asText()))
                .containsExactlyElementsOf(expected.firedRules().stream().map(FiredRule::id).toList());
        assertThat(json.get("knowledgeBase").get("ruleCount").asInt()).isEqualTo(ENGINE.knowledgeBase().ruleCount());
        assertThat(expected.findings()).extracting(Finding::getCode).isNotEmpty();
        assertThat(r.out()).doesNotContain(referenceIn(file));
    }

    @Test
    @DisplayName("an invalid case file: exit 2, every bad field on its own line, no stack trace, no reference")
    void invalidCase_namesEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"patient": {"reference": "pseudo-ref-5521", "ageYears": 200, "sex": "female", "colour": "x"},
                 "twitches": [{"id": "t1", "site": "ARMPIT", "course": "NEW", "durationDays": "5"},
                              {"id": "t1", "site": "EYE"}]}
                """);

        CliRun r = run("evaluate", file.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file.toString());
        List<String> fields = List.of("patient.colour", "patient.ageYears", "twitches[0].site",
                "twitches[0].durationDays", "twitches[1].id", "twitches[1].course");
        for (String field : fields) {
            assertThat(r.err().lines().filter(l -> l.startsWith("  " + field + ": ")))
                    .as("a line for %s in%n%s", field, r.err()).hasSize(1);
        }
        assertThat(r.err()).contains("unknown value (not repeated here); allowed: UPPER_ARM")
                .doesNotContain("pseudo-ref-5521")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    @DisplayName("malformed JSON around the reference: exit 2 with the line, the reference not repeated")
    void malformedCase_hidesReference(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"patient\": {\n  \"reference\": pseudo-ref-9000,\n  \"ageYears\": 3}}");

        CliRun r = run("evaluate", file.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("patient.reference: malformed JSON at line 2")
                .doesNotContain("pseudo-ref-9000").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "1e999999999", "-1e-9999999"})
    @DisplayName("pregnant-calf with a lab value of extreme exponent: exit 2 quickly, naming the field")
    void extremeLabValue_isInvalidInputQuickly(String value, @TempDir Path dir) throws IOException {
        Path hostile = dir.resolve("hostile.json");
        Files.writeString(hostile, Files.readString(CASES.resolve("pregnant-calf.json"))
                .replace("\"value\": 0.62", "\"value\": " + value));

        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> run("evaluate", hostile.toString()));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("patient.labResults[0].value: is out of range").hasSizeLessThan(1_000);
    }

    @Test
    @DisplayName("terminal escapes and bidi controls in a twitch id or a file name are neutralised in text output")
    void controlCharacters_areNeutralised(@TempDir Path dir) throws IOException {
        String id = "t\u001b]0;owned\u0007\u202e1\u2066";
        Path hostile = dir.resolve("case.json");
        Files.writeString(hostile, Files.readString(CASES.resolve("pregnant-calf.json"))
                .replace("\"id\": \"t1\"", "\"id\": \"" + id.replace("\u001b", "\\u001b")
                        .replace("\u0007", "\\u0007").replace("\u202e", "\\u202e").replace("\u2066", "\\u2066")
                        + "\""));

        CliRun r = run("evaluate", hostile.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_DECIDED);
        assertThat(r.out()).contains("(twitch t?]0;owned??1?)");
        assertThat(r.out().chars().filter(c -> c == 0x1b || c == 0x07 || c == 0x202e || c == 0x2066)).isEmpty();

        CliRun missing = run("evaluate", dir.resolve("x\u001b[2J\u202e.json").toString());
        assertThat(missing.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(missing.err()).contains("x?[2J?.json")
                .doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    @DisplayName("a case file that does not exist: exit 2, naming the file")
    void missingFile_isInvalidInput(@TempDir Path dir) {
        String missing = dir.resolve("no-such-case.json").toString();

        CliRun r = run("evaluate", missing);

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("twitch-triage: case file '" + missing + "' does not exist"
                + System.lineSeparator());
    }

    @Test
    @DisplayName("a directory instead of a case file: exit 2, naming it")
    void directory_isInvalidInput(@TempDir Path dir) {
        CliRun r = run("evaluate", dir.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("'" + dir + "' is a directory");
    }

    @Test
    @DisplayName("a named pipe is refused as not a regular file, without waiting for a writer")
    void namedPipe_isInvalidInput(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("case.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit code").isZero();

        CliRun r = run("evaluate", fifo.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("'" + fifo + "' is not a regular file");
    }

    @Test
    @DisplayName("a device that never ends is refused as not a regular file")
    void device_isInvalidInput() {
        CliRun r = run("evaluate", "/dev/zero");

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).contains("'/dev/zero' is not a regular file");
    }

    @Test
    @DisplayName("an internal error: exit 1 with a short message and no stack trace")
    void internalError_isShort() {
        CliRun r = run(() -> {
            throw new TriageEngineException("cannot load KieBase 'twitch-triage'");
        }, "evaluate", bundled("eyelid-stress.json"));

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INTERNAL_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("twitch-triage: internal error: cannot load KieBase 'twitch-triage'")
                .contains("--verbose")
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @DisplayName("--verbose, before or after the subcommand, adds the stack trace, still without the reference")
    void verbose_addsStackTrace_withoutReference(boolean beforeSubcommand) throws IOException {
        String file = bundled("eyelid-stress.json");
        String reference = referenceIn(Path.of(file));
        Supplier<TriageEngine> failing = () -> {
            throw new IllegalStateException("something broke near " + reference);
        };
        String[] args = beforeSubcommand
                ? new String[] {"--verbose", "evaluate", file}
                : new String[] {"evaluate", file, "--verbose"};

        CliRun r = run(failing, args);

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INTERNAL_ERROR);
        assertThat(r.err()).contains("internal error: something broke near <patient reference>")
                .contains("\tat ")
                .doesNotContain(reference);
    }

    @Test
    @DisplayName("no command, an unknown option or a missing argument: exit 2 with usage on stderr")
    void usageErrors_areInvalidInput() {
        for (String[] args : List.of(new String[] {}, new String[] {"evaluate"},
                new String[] {"evaluate", "--frobnicate", bundled("eyelid-stress.json")})) {
            CliRun r = run(args);

            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Usage: twitch-triage");
        }
    }

    @Test
    @DisplayName("--help lists the commands and the exit codes on stdout")
    void help_listsCommands() {
        CliRun r = run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("evaluate").contains("explain").contains("audit").contains("lint")
                .contains("scenarios")
                .contains("Exit codes: 0 done, 2 invalid input, 1 internal error, 3 an audit log is broken");
    }

    @Test
    @DisplayName("the bundled cases are the three the documentation names")
    void bundledCases_exist() {
        assertThat(BUNDLED).allSatisfy(name -> assertThat(CASES.resolve(name)).isRegularFile());
    }
}
