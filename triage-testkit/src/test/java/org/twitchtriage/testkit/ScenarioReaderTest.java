package org.twitchtriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.Violation;

/** Reading scenario files: the documented fields, and one readable problem per mistake, naming its field. */
class ScenarioReaderTest {
    private static final String CASE = """
            {"patient": {"reference": "reader-test", "ageYears": 40, "sex": "FEMALE"},
             "twitches": [{"id": "t1", "site": "CALF", "course": "NEW"}]}""";

    private final ScenarioReader reader = new ScenarioReader();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** A scenario with the given input part and expected part. */
    private Path scenario(String inputOrCase, String expected) throws IOException {
        return write("test.scenario.json", """
                {"description": "calf twitch", "evaluationTime": "2026-01-01T09:00:00Z", %s, "expected": %s}
                """.formatted(inputOrCase, expected));
    }

    private List<Violation> problems(Path file) {
        try {
            reader.read(file);
        } catch (InvalidScenarioException e) {
            assertThat(e.getFile()).isEqualTo(file);
            assertThat(e).hasMessageStartingWith("invalid scenario file " + file + " (")
                    .hasMessageEndingWith("The scenario format is described in docs/scenarios.md.");
            return e.getViolations();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }

    @Test
    @DisplayName("every field of a scenario with the case written in it is read")
    void inlineScenario_isRead() throws IOException {
        Path file = write("calf.scenario.json", """
                {
                  "description": "  Calf twitch: usually harmless  ",
                  "notes": "CALF-2",
                  "evaluationTime": "2026-03-01T10:15:00+01:00",
                  "input": %s,
                  "expected": {
                    "highestUrgency": "routine",
                    "findings": [{"code": "USUALLY_HARMLESS", "urgency": "ROUTINE", "rules": ["CALF-REASSURE"],
                                  "passages": ["muscle-twitching#CALF-2", "CALF-1"], "twitchIds": ["t1"]},
                                 {"code": "MAGNESIUM_DEFICIENCY"}],
                    "absentFindings": ["SEE_DOCTOR"],
                    "firedRules": ["CALF-REASSURE", "CALF-ELECTROLYTES", "CALF-MAGNESIUM"],
                    "exactFindings": false
                  }
                }
                """.formatted(CASE));

        Scenario s = reader.read(file);

        assertThat(s.file()).isEqualTo(file);
        assertThat(s.description()).isEqualTo("Calf twitch: usually harmless");
        assertThat(s.evaluationTime()).isEqualTo(Instant.parse("2026-03-01T09:15:00Z"));
        assertThat(s.caseFile()).isNull();
        assertThat(s.request().getTwitches()).singleElement()
                .satisfies(t -> assertThat(t.getSite()).isEqualTo(BodySite.CALF));
        ScenarioExpectation e = s.expected();
        assertThat(e.highestUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(e.findings()).containsExactly(
                new ExpectedFinding(FindingCode.USUALLY_HARMLESS, Urgency.ROUTINE, Set.of("CALF-REASSURE"),
                        Set.of("CALF-1", "CALF-2"), Set.of("t1")),
                new ExpectedFinding(FindingCode.MAGNESIUM_DEFICIENCY, null, null, null, null));
        assertThat(e.absentFindings()).containsExactly(FindingCode.SEE_DOCTOR);
        assertThat(e.firedRules()).containsExactly("CALF-ELECTROLYTES", "CALF-MAGNESIUM", "CALF-REASSURE");
        assertThat(e.exactFindings()).isFalse();
    }

    @Test
    @DisplayName("a case file is found relative to the scenario file")
    void caseFile_isRelativeToTheScenario() throws IOException {
        Path caseFile = write("cases/calf.json", CASE);
        Path file = write("scenarios/calf.scenario.json", """
                {"description": "calf", "evaluationTime": "2026-01-01T09:00:00Z", "case": "../cases/calf.json",
                 "expected": {"highestUrgency": "ROUTINE"}}
                """);

        Scenario s = reader.read(file);

        assertThat(s.caseFile()).isEqualTo(caseFile);
        assertThat(s.request().getPatient().getAgeYears()).isEqualTo(40);
        assertThat(s.expected().firedRules()).as("not given, so not checked").isNull();
    }

    @Test
    @DisplayName("a missing scenario file is an I/O problem, not an invalid scenario")
    void missingScenarioFile_throwsIoException() {
        assertThatThrownBy(() -> reader.read(dir.resolve("none.scenario.json")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    @DisplayName("malformed JSON is reported with its line and column")
    void malformedJson_namesLineAndColumn() throws IOException {
        Path file = write("broken.scenario.json", "{\n  \"description\": \"x\"\n  \"case\": \"c.json\"\n}\n");

        assertThat(problems(file)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("description");
            assertThat(v.message()).startsWith("malformed JSON at line 3, column 3: ");
        });
    }

    @Test
    @DisplayName("an empty file, a list instead of an object, and content after the object are rejected")
    void wrongDocument_isRejected() throws IOException {
        assertThat(problems(write("empty.scenario.json", "  "))).singleElement()
                .isEqualTo(new Violation("scenario", "the file is empty; expected a JSON object with the fields"
                        + " description, notes, evaluationTime, input, case, expected"));
        assertThat(problems(write("list.scenario.json", "[]"))).singleElement()
                .satisfies(v -> assertThat(v.message()).endsWith(", was a list"));
        assertThat(problems(write("two.scenario.json", "{} {}"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("after the end of the JSON value"));
    }

    @Test
    @DisplayName("a repeated field is malformed JSON, not silently the last value")
    void duplicateField_isRejected() throws IOException {
        Path file = scenario("\"input\": " + CASE, "{\"highestUrgency\": \"ROUTINE\", \"highestUrgency\": \"URGENT\"}");

        assertThat(problems(file)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Duplicate field 'highestUrgency'"));
    }

    @Test
    @DisplayName("every mistake in one file is reported at once, each with its field")
    void everyProblem_isReportedWithItsField() throws IOException {
        Path file = write("many.scenario.json", """
                {
                  "titel": "typo",
                  "evaluationTime": "1 January 2026",
                  "input": {"patient": {"reference": "r", "ageYears": "40", "sex": "FEMALE"},
                            "twitches": [{"id": "t1", "site": "ARMPIT", "course": "NEW"}]},
                  "expected": {
                    "highestUrgency": "VERY_URGENT",
                    "findings": [{"code": "SEE_DOCTR", "rule": ["X"]}, {"urgency": "SOON"}, "SEE_DOCTOR",
                                 {"code": "ALS", "rules": [], "passages": ["UARM-99"]}],
                    "absentFindings": ["ALS", 3],
                    "firedRules": ["RF-PAIN", "RF-PAIN", " "],
                    "exactFindings": "yes"
                  }
                }
                """);

        assertThat(problems(file)).extracting(Violation::field).containsExactlyInAnyOrder(
                "titel", "description", "evaluationTime",
                "input.patient.ageYears", "input.twitches[0].site",
                "expected.highestUrgency",
                "expected.findings[0].rule", "expected.findings[0].code",
                "expected.findings[1].code",
                "expected.findings[2]",
                "expected.findings[3].passages[0]", "expected.findings[3].rules",
                "expected.absentFindings[0]", "expected.absentFindings[1]",
                "expected.firedRules[1]", "expected.firedRules[2]",
                "expected.exactFindings");
        assertThat(problems(file)).extracting(Violation::toString).contains(
                "titel: unknown field; expected one of: description, notes, evaluationTime, input, case, expected",
                "description: is missing",
                "evaluationTime: must be a date and time with its offset from UTC, such as 2026-01-01T09:00:00Z",
                "input.patient.ageYears: must be a whole number, was text",
                "expected.findings[1].code: is missing: which finding is expected (for example SEE_DOCTOR)?",
                "expected.findings[3].passages[0]: the guideline muscle-twitching has no passage 'UARM-99';"
                        + " passages are written like UARM-10",
                "expected.findings[3].rules: is an empty list: name at least one, or leave the field out",
                "expected.absentFindings[0]: ALS is also expected as a finding, at expected.findings[3]; it cannot"
                        + " be both",
                "expected.firedRules[1]: RF-PAIN is listed twice",
                "expected.firedRules[2]: must not be blank",
                "expected.exactFindings: must be true or false, was text");
        assertThat(problems(file)).filteredOn(v -> v.field().equals("expected.findings[0].code")).singleElement()
                .satisfies(v -> assertThat(v.message())
                        .startsWith("unknown value (not repeated here); allowed: OUTSIDE_GUIDELINE_AGE,"));
        assertThat(problems(file)).filteredOn(v -> v.field().equals("input.twitches[0].site")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("unknown value (not repeated here); allowed: UPPER_ARM"));
    }

    @Test
    @DisplayName("the input must be either written in the scenario or named as a case file, not both or neither")
    void inputOrCase_exactlyOne() throws IOException {
        write("c.json", CASE);
        String urgency = "{\"highestUrgency\": \"ROUTINE\"}";

        assertThat(problems(scenario("\"input\": " + CASE + ", \"case\": \"c.json\"", urgency)))
                .containsExactly(new Violation("case", "give either \"input\" (the case itself) or \"case\" (the path"
                        + " of a case file), not both"));
        assertThat(problems(scenario("\"notes\": \"\"", urgency)))
                .containsExactly(new Violation("input", "is missing: give the case itself in \"input\", or the path"
                        + " of a case file in \"case\""));
        assertThat(problems(scenario("\"input\": [1]", urgency))).singleElement()
                .satisfies(v -> assertThat(v.toString()).startsWith("input: must be an object (the case"));
    }

    @Test
    @DisplayName("a case file that is missing or invalid is reported under \"case\", naming the file and its fields")
    void badCaseFile_isReported() throws IOException {
        write("bad.json", "{\"patient\": {\"reference\": \"r\", \"ageYears\": 200, \"sex\": \"FEMALE\"},"
                + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}");

        assertThat(problems(scenario("\"case\": \"missing.json\"", "{\"highestUrgency\": \"ROUTINE\"}")))
                .singleElement().satisfies(v -> assertThat(v.toString()).startsWith("case: no case file missing.json"
                        + " (looked for " + dir.resolve("missing.json")));
        assertThat(problems(scenario("\"case\": \"bad.json\"", "{\"highestUrgency\": \"ROUTINE\"}")))
                .singleElement().satisfies(v -> assertThat(v.toString()).isEqualTo("case: the case file bad.json is"
                        + " invalid: patient.ageYears: must be between 0 and 130, was 200"));
    }

    @Test
    @DisplayName("a twitch id the case does not have is named with the ones it has")
    void unknownTwitchId_isReported() throws IOException {
        Path file = scenario("\"input\": " + CASE,
                "{\"findings\": [{\"code\": \"STRESS\", \"twitchIds\": [\"t2\"]}]}");

        assertThat(problems(file)).containsExactly(new Violation("expected.findings[0].twitchIds[0]",
                "the case has no twitch 't2'; its twitches are t1"));
    }

    @Test
    @DisplayName("the expectation is required, and must check something")
    void expectation_mustCheckSomething() throws IOException {
        assertThat(problems(write("none.scenario.json", """
                {"description": "d", "evaluationTime": "2026-01-01T09:00:00Z", "input": %s}""".formatted(CASE))))
                .singleElement().satisfies(v -> assertThat(v.toString()).startsWith("expected: is missing"));
        assertThat(problems(scenario("\"input\": " + CASE, "{\"absentFindings\": []}")))
                .containsExactly(new Violation("expected", "states nothing to check: give at least one of"
                        + " highestUrgency, findings, absentFindings, firedRules, exactFindings"));
    }

    @Test
    @DisplayName("a finding expected twice is reported at its second place")
    void repeatedFinding_isReported() throws IOException {
        Path file = scenario("\"input\": " + CASE,
                "{\"findings\": [{\"code\": \"STRESS\"}, {\"code\": \"ALS\"}, {\"code\": \"stress\"}]}");

        assertThat(problems(file)).containsExactly(new Violation("expected.findings[2].code",
                "STRESS is already expected at expected.findings[0]; describe each finding once"));
    }

    @Test
    @DisplayName("exactFindings alone is a check: the decision must have no findings at all")
    void exactFindingsAlone_isAnExpectation() throws IOException {
        Scenario s = reader.read(scenario("\"input\": " + CASE, "{\"exactFindings\": true}"));

        assertThat(s.expected().exactFindings()).isTrue();
        assertThat(s.expected().findings()).isEmpty();
    }
}
