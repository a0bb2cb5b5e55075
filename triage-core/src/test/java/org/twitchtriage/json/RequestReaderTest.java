package org.twitchtriage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.Violation;

class RequestReaderTest {
    private static final String REFERENCE = "pseudo-7731-kq";

    private final RequestReader reader = new RequestReader();

    /** A complete, valid case; tests break it in one place at a time. */
    private static String validCase() {
        return """
                {
                  "patient": {
                    "reference": "%s",
                    "ageYears": 31,
                    "sex": "FEMALE",
                    "pregnant": true,
                    "circumstances": ["STRESS"],
                    "labResults": [{"analyte": "MAGNESIUM", "value": 0.62, "unit": "MMOL_PER_L"}]
                  },
                  "twitches": [
                    {"id": "t1", "site": "CALF", "visibility": "UNDER_SKIN", "course": "NEW", "beforeSleep": false,
                     "durationDays": 5, "selfCare": "NOT_TRIED", "symptoms": ["PAIN"]}
                  ]
                }
                """.formatted(REFERENCE);
    }

    private List<Violation> violationsOf(String json) {
        try {
            reader.read(json);
        } catch (InvalidRequestException e) {
            return e.getViolations();
        }
        throw new AssertionError("expected the case to be rejected: " + json);
    }

    @Test
    @DisplayName("an unknown course and body site and the laboratory's own range and verdict are read, and written back")
    void unknownsAndLaboratoryRange_areReadAndWritten() {
        String json = validCase().replace("\"site\": \"CALF\"", "\"site\": \"UNKNOWN\"")
                .replace("\"course\": \"NEW\"", "\"course\": \"UNKNOWN\"")
                .replace("\"unit\": \"MMOL_PER_L\"}", "\"unit\": \"MMOL_PER_L\", \"referenceLow\": 0.6, "
                        + "\"referenceHigh\": 1.0, \"interpretation\": \"NORMAL\"}");

        TriageRequest request = reader.read(json);

        org.twitchtriage.model.Twitch t = request.getTwitches().get(0);
        assertThat(t.getSite()).isEqualTo(org.twitchtriage.model.BodySite.UNKNOWN);
        assertThat(t.getCourse()).isEqualTo(org.twitchtriage.model.Course.UNKNOWN);
        LabResult lab = request.getPatient().getLabResults().get(0);
        assertThat(lab.getInterpretation()).isEqualTo(org.twitchtriage.model.LabInterpretation.NORMAL);
        assertThat(lab.getReferenceRange().low()).contains(new BigDecimal("0.6"));
        assertThat(lab.isBelowReference()).as("the laboratory says normal").isFalse();
        CaseFile written = CaseFile.of(request, false);
        assertThat(written.patient().labResults().get(0).referenceHigh()).isEqualByComparingTo("1.0");
        assertThat(written.patient().labResults().get(0).interpretation())
                .isEqualTo(org.twitchtriage.model.LabInterpretation.NORMAL);
    }

    @Test
    @DisplayName("a laboratory range whose lower limit lies above its upper limit is refused, naming the field")
    void invertedLaboratoryRange_isRefused() {
        String json = validCase().replace("\"unit\": \"MMOL_PER_L\"}", "\"unit\": \"MMOL_PER_L\", "
                + "\"referenceLow\": 1.2, \"referenceHigh\": 0.7}");

        assertThat(violationsOf(json)).extracting(Violation::field)
                .containsExactly("patient.labResults[0].referenceHigh");
    }

    @Test
    @DisplayName("a case without laboratory range or verdict is written back without them")
    void caseWithoutLaboratoryRange_writesNone() {
        CaseFile written = CaseFile.of(reader.read(validCase()), false);

        assertThat(written.patient().labResults().get(0).referenceLow()).isNull();
        assertThat(written.patient().labResults().get(0).interpretation()).isNull();
    }

    @Test
    @DisplayName("a complete case file becomes the same request as one built in code")
    void completeCase_mapsEveryField() {
        TriageRequest request = reader.read(validCase());

        TriageRequest expected = TriageRequest.builder()
                .patient(Patient.builder().reference(REFERENCE).ageYears(31).sex(Sex.FEMALE).pregnant(true)
                        .circumstance(Circumstance.STRESS)
                        .labResult(LabResult.builder().analyte(Analyte.MAGNESIUM).value(new BigDecimal("0.62"))
                                .unit(LabUnit.MMOL_PER_L).build())
                        .build())
                .twitch(Twitch.builder().id("t1").site(BodySite.CALF).visibility(Visibility.UNDER_SKIN)
                        .course(Course.NEW).beforeSleep(false).durationDays(5).selfCare(SelfCare.NOT_TRIED)
                        .symptom(Symptom.PAIN).build())
                .build();
        assertThat(request).isEqualTo(expected);
        assertThat(request.getPatient().getLabResults().get(0).getValue()).isEqualByComparingTo("0.62");
    }

    @Test
    @DisplayName("codes are accepted in any letter case")
    void codes_matchIgnoringCase() {
        TriageRequest request = reader.read("""
                {"patient": {"reference": "r", "ageYears": 40, "sex": "male", "circumstances": ["Tiredness"]},
                 "twitches": [{"id": "t1", "site": "upper_arm", "course": "Persisting", "selfCare": "no_improvement",
                               "symptoms": ["numbness", "PAIN"]}]}
                """);

        assertThat(request.getPatient().getSex()).isEqualTo(Sex.MALE);
        assertThat(request.getPatient().getCircumstances()).containsExactly(Circumstance.TIREDNESS);
        Twitch t = request.getTwitches().get(0);
        assertThat(t.getSite()).isEqualTo(BodySite.UPPER_ARM);
        assertThat(t.getCourse()).isEqualTo(Course.PERSISTING);
        assertThat(t.getSelfCare()).isEqualTo(SelfCare.NO_IMPROVEMENT);
        assertThat(t.getSymptoms()).containsExactlyInAnyOrder(Symptom.NUMBNESS, Symptom.PAIN);
    }

    @Test
    @DisplayName("optional values that are left out or null take their defaults")
    void optionalValues_absentOrNull_takeDefaults() {
        TriageRequest request = reader.read("""
                {"patient": {"reference": "r", "ageYears": 40, "sex": "UNKNOWN", "pregnant": null},
                 "twitches": [{"id": "t1", "site": "HAND", "course": "NEW", "selfCare": null, "visibility": null}]}
                """);

        Patient p = request.getPatient();
        assertThat(p.isPregnant()).isFalse();
        assertThat(p.getCircumstances()).isEmpty();
        assertThat(p.getLabResults()).isEmpty();
        Twitch t = request.getTwitches().get(0);
        assertThat(t.getSelfCare()).isEqualTo(SelfCare.NOT_TRIED);
        assertThat(t.isBeforeSleep()).isFalse();
        assertThat(t.getVisibility()).isNull();
        assertThat(t.getDurationDays()).isNull();
        assertThat(t.getSymptoms()).isEmpty();
    }

    @Test
    @DisplayName("a whole number written with a decimal point is still a whole number")
    void wholeNumberWithDecimalPoint_isAccepted() {
        TriageRequest request = reader.read(validCase().replace("\"ageYears\": 31", "\"ageYears\": 31.0"));

        assertThat(request.getPatient().getAgeYears()).isEqualTo(31);
    }

    @Test
    @DisplayName("malformed JSON is reported with its line and column")
    void malformedJson_namesLineAndColumn() {
        String broken = validCase().replace("\"ageYears\": 31,", "\"ageYears\": 31");

        List<Violation> violations = violationsOf(broken);

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).message()).startsWith("malformed JSON at line 5, column 5:")
                .contains("comma");
    }

    @Test
    @DisplayName("malformed JSON inside the patient's reference does not repeat the reference")
    void malformedReference_isNotRepeated() {
        String broken = validCase().replace("\"" + REFERENCE + "\"", REFERENCE);

        List<Violation> violations = violationsOf(broken);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("patient.reference");
            assertThat(v.message()).startsWith("malformed JSON at line 3").doesNotContain("pseudo")
                    .doesNotContain(REFERENCE);
        });
    }

    @Test
    @DisplayName("a key given twice is malformed input, not silently overwritten")
    void duplicateKey_isRejected() {
        String twice = validCase().replace("\"sex\": \"FEMALE\",", "\"sex\": \"FEMALE\", \"sex\": \"MALE\",");

        assertThat(violationsOf(twice)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("patient.sex");
            assertThat(v.message()).contains("Duplicate field 'sex'");
        });
    }

    @Test
    @DisplayName("an empty file, a list, null and trailing content are each rejected with a plain message")
    void documentLevelProblems() {
        assertThat(violationsOf("  \n")).containsExactly(new Violation("request",
                "the file is empty; expected a JSON object with the fields patient, twitches"));
        assertThat(violationsOf("[]")).containsExactly(new Violation("request", "must be an object, was a list"));
        assertThat(violationsOf("null")).containsExactly(new Violation("request", "must be a JSON object, was null"));
        assertThat(violationsOf(validCase() + "{}")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("request");
            assertThat(v.message()).startsWith("unexpected content at line 15, column 1 after the end");
        });
    }

    @Test
    @DisplayName("unknown fields are named with their path and the fields that are known there")
    void unknownFields_areNamed() {
        String extra = validCase()
                .replace("\"ageYears\": 31,", "\"ageYears\": 31, \"name\": \"x\",")
                .replace("\"id\": \"t1\",", "\"id\": \"t1\", \"colour\": \"red\",")
                .replace("\"patient\": {", "\"comment\": 1, \"patient\": {");

        assertThat(violationsOf(extra)).extracting(Violation::field)
                .containsExactlyInAnyOrder("comment", "patient.name", "twitches[0].colour");
        assertThat(violationsOf(extra)).filteredOn(v -> v.field().equals("twitches[0].colour")).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("unknown field; expected one of: id, site, "
                        + "visibility, course, beforeSleep, durationDays, selfCare, symptoms"));
    }

    @Test
    @DisplayName("values of the wrong JSON type are reported per field, without guessing a conversion")
    void wrongTypes_areReportedPerField() {
        String wrong = validCase()
                .replace("\"ageYears\": 31", "\"ageYears\": \"31\"")
                .replace("\"pregnant\": true", "\"pregnant\": \"yes\"")
                .replace("\"value\": 0.62", "\"value\": \"0.62\"")
                .replace("\"durationDays\": 5", "\"durationDays\": 2.5")
                .replace("\"symptoms\": [\"PAIN\"]", "\"symptoms\": \"PAIN\"")
                .replace("\"id\": \"t1\"", "\"id\": 1");

        assertThat(violationsOf(wrong)).containsExactlyInAnyOrder(
                new Violation("patient.ageYears", "must be a whole number, was text"),
                new Violation("patient.pregnant", "must be true or false, was text"),
                new Violation("patient.labResults[0].value", "must be a number, was text"),
                new Violation("twitches[0].id", "must be text (a JSON string), was a number"),
                new Violation("twitches[0].durationDays", "must be a whole number, was a decimal number"),
                new Violation("twitches[0].symptoms", "must be a list (JSON array), was text"));
    }

    @Test
    @DisplayName("an unknown code names the allowed codes, without repeating what was typed")
    void unknownEnumValues_listAllowedValues() {
        String wrong = validCase()
                .replace("\"site\": \"CALF\"", "\"site\": \"ARMPIT\"")
                .replace("[\"STRESS\"]", "[\"STRESS\", \"BOREDOM\"]")
                .replace("\"sex\": \"FEMALE\"", "\"sex\": 1");

        List<Violation> violations = violationsOf(wrong);

        assertThat(violations).contains(
                new Violation("twitches[0].site", "unknown value (not repeated here); allowed: UPPER_ARM, CALF, EYE, EYELID, "
                        + "FACE, LIP, LEG, KNEE, HAND, ABDOMEN, WHOLE_BODY, UNKNOWN"),
                new Violation("patient.circumstances[1]", "unknown value (not repeated here); allowed: "
                        + "INTENSIVE_STRENGTH_TRAINING, RECENT_EXERCISE, STRESS, TIREDNESS, POOR_POSTURE"),
                new Violation("patient.sex", "must be one of FEMALE, MALE, OTHER, UNKNOWN, was a number"));
        // the validator's "is missing" for the same fields would only repeat the problem
        assertThat(violations).extracting(Violation::field).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("missing required values are reported, including the parts of a lab result")
    void missingValues_areReported() {
        List<Violation> violations = violationsOf("""
                {"patient": {"labResults": [{"analyte": "SODIUM"}, {"value": 1, "unit": "MEQ_PER_L"}]},
                 "twitches": [{"symptoms": [null]}]}
                """);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder(
                "patient.labResults[0].value", "patient.labResults[0].unit", "patient.labResults[1].analyte",
                "twitches[0].symptoms[0]",
                "patient.reference", "patient.ageYears", "patient.sex",
                "twitches[0].id", "twitches[0].site", "twitches[0].course");
    }

    @Test
    @DisplayName("no patient and no twitches: both are named")
    void emptyObject_namesPatientAndTwitches() {
        assertThat(violationsOf("{}")).containsExactly(
                new Violation("patient", "is missing"),
                new Violation("twitches", "is missing"));
    }

    @Test
    @DisplayName("format problems and clinical-plausibility problems come back together in one report")
    void formatAndValidatorProblems_areReportedTogether() {
        String wrong = validCase()
                .replace("\"ageYears\": 31", "\"ageYears\": 200")
                .replace("\"site\": \"CALF\"", "\"site\": \"ARMPIT\"")
                .replace("\"symptoms\": [\"PAIN\"]}", "\"symptoms\": [\"PAIN\"]}, {\"id\": \"t1\", \"site\": \"EYE\", "
                        + "\"course\": \"NEW\"}");

        assertThat(violationsOf(wrong)).extracting(Violation::field).containsExactly(
                "twitches[0].site", "patient.ageYears", "twitches[1].id");
    }

    @Test
    @DisplayName("validator findings on lab results keep the positions they have in the file")
    void labProblems_keepFilePositions() {
        String labs = validCase().replace(
                "[{\"analyte\": \"MAGNESIUM\", \"value\": 0.62, \"unit\": \"MMOL_PER_L\"}]",
                "[{\"analyte\": \"MAGNESIUM\", \"value\": 0.62},"
                        + " {\"analyte\": \"SODIUM\", \"value\": 140, \"unit\": \"MMOL_PER_L\"},"
                        + " {\"analyte\": \"SODIUM\", \"value\": 0, \"unit\": \"MMOL_PER_L\"}]");

        assertThat(violationsOf(labs)).containsExactly(
                new Violation("patient.labResults[0].unit", "is missing"),
                new Violation("patient.labResults[2].value", "must be greater than 0, was 0"),
                new Violation("patient.labResults[2].analyte", "SODIUM is given twice (also at index 1)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "1e999999999", "-1e-9999999", "0e-9999999"})
    @DisplayName("a lab value with an extreme exponent ends quickly in a named error, without its digits")
    void extremeLabValue_isNamedQuickly(String value) {
        String hostile = validCase().replace("\"value\": 0.62", "\"value\": " + value);

        List<Violation> violations = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> violationsOf(hostile));

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).field()).isEqualTo("patient.labResults[0].value");
        assertThat(violations.get(0).message()).startsWith("is out of range").hasSizeLessThan(80);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "-1e-9999999", "1e999999999"})
    @DisplayName("a whole number with an extreme exponent ends quickly in a named error")
    void extremeWholeNumber_isNamedQuickly(String value) {
        String hostile = validCase().replace("\"durationDays\": 5", "\"durationDays\": " + value);

        List<Violation> violations = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> violationsOf(hostile));

        assertThat(violations).extracting(Violation::field).containsExactly("twitches[0].durationDays");
        assertThat(violations.get(0).message()).startsWith("is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"ageYears\": 31,|\"ageYears\": \"thirty\",",
            "\"site\": \"CALF\"|\"site\": \"" + REFERENCE + "\"",
            "\"reference\": \"" + REFERENCE + "\"|\"reference\": \"" + REFERENCE + "\", \"" + REFERENCE + "\": 1",
            "\"sex\": \"FEMALE\"|\"sex\": \"MALE\"",
            "\"reference\": \"" + REFERENCE + "\"|\"reference\": [\"" + REFERENCE + "\"]",
            "\"twitches\": [|\"twitches\": [1, ",
            "\"twitches\": [|\"twitches\": [{\"id\": \"" + REFERENCE + "\", \"site\": \"EYE\", \"course\": \"NEW\"},"
                    + " {\"id\": \"" + REFERENCE + "\", \"site\": \"EYE\", \"course\": \"NEW\"},"})
    @DisplayName("no report ever repeats the patient's reference, even where it was typed into another field")
    void messages_neverContainTheReference(String edit) {
        String[] parts = edit.split("\\|");
        String wrong = validCase().replace(parts[0], parts[1]);
        assertThat(wrong).isNotEqualTo(validCase());

        List<Violation> violations = violationsOf(wrong);

        assertThat(violations).isNotEmpty()
                .allSatisfy(v -> assertThat(v.toString()).doesNotContain(REFERENCE));
    }

    @Test
    @DisplayName("a case file is read from disk; a missing file is an I/O problem, not invalid content")
    void readsFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, validCase(), StandardCharsets.UTF_8);

        assertThat(reader.read(file).getTwitches()).extracting(Twitch::getId).containsExactly("t1");
        assertThatThrownBy(() -> reader.read(dir.resolve("absent.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    @DisplayName("reading from a stream leaves the stream open for the caller")
    void stream_isNotClosed() throws IOException {
        boolean[] closed = {false};
        var in = new FilterInputStream(new ByteArrayInputStream(validCase().getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };

        assertThat(reader.read(in).getPatient().getAgeYears()).isEqualTo(31);
        assertThat(closed[0]).isFalse();
    }

    @Test
    @DisplayName("a case file over the size bound is refused before it is parsed, without quoting it")
    void oversizedFile_isRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.json");
        String padding = " ".repeat(Limits.MAX_CASE_FILE_BYTES);
        Files.writeString(file, validCase() + padding, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(file)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.getViolations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("request");
                    assertThat(v.message()).contains("larger than " + Limits.MAX_CASE_FILE_BYTES + " bytes")
                            .doesNotContain(REFERENCE);
                }));
        Files.writeString(file, validCase() + " ".repeat(1000), StandardCharsets.UTF_8);
        assertThat(reader.read(file).getTwitches()).isNotEmpty();
    }

    @Test
    @DisplayName("malformed JSON deep in nested lists is named by a path of bounded length, its ends kept")
    void deepMalformedJson_pathIsBounded() {
        String json = "{\"patient\": " + "[".repeat(90) + "1";

        assertThatThrownBy(() -> reader.read(json)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.getViolations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).startsWith("patient[0]").contains("levels)").endsWith("[0]")
                            .hasSizeLessThan(80);
                    assertThat(v.message()).startsWith("malformed JSON");
                }));
    }
}
