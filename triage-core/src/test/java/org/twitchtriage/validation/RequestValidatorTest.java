package org.twitchtriage.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

class RequestValidatorTest {
    /** Looks like personal data on purpose: it must never appear in a violation. */
    private static final String REFERENCE = "Erika-Mustermann-1985-04-12";

    private final RequestValidator validator = new RequestValidator();

    private static Patient.PatientBuilder woman() {
        return Patient.builder().reference(REFERENCE).ageYears(29).sex(Sex.FEMALE);
    }

    private static Twitch.TwitchBuilder twitch(String id) {
        return Twitch.builder().id(id).site(BodySite.CALF).course(Course.NEW);
    }

    private static LabResult lab(Analyte analyte, String value, LabUnit unit) {
        return LabResult.builder().analyte(analyte).value(new BigDecimal(value)).unit(unit).build();
    }

    private static TriageRequest valid() {
        return TriageRequest.builder().patient(woman().build()).twitch(twitch("t1").build()).build();
    }

    private static TriageRequest withPatient(UnaryOperator<Patient.PatientBuilder> change) {
        return valid().toBuilder().patient(change.apply(woman()).build()).build();
    }

    private static TriageRequest withTwitches(Twitch... twitches) {
        return valid().toBuilder().clearTwitches().twitches(Arrays.asList(twitches)).build();
    }

    private static List<Twitch> manyTwitches(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> twitch("t" + i).build()).toList();
    }

    static Stream<Arguments> singleProblems() {
        return Stream.of(
                arguments("patient missing", valid().toBuilder().patient(null).build(),
                        "patient", "is missing"),
                arguments("no pseudonymous reference", withPatient(p -> p.reference(null)),
                        "patient.reference", "is missing"),
                arguments("blank pseudonymous reference", withPatient(p -> p.reference("  ")),
                        "patient.reference", "is missing"),
                arguments("age not given", withPatient(p -> p.ageYears(null)),
                        "patient.ageYears", "is missing"),
                arguments("sex not given", withPatient(p -> p.sex(null)),
                        "patient.sex", "use UNKNOWN"),
                arguments("negative age", withPatient(p -> p.ageYears(-1)),
                        "patient.ageYears", "must be between 0 and 130, was -1"),
                arguments("age beyond 130", withPatient(p -> p.ageYears(131)),
                        "patient.ageYears", "must be between 0 and 130, was 131"),
                arguments("pregnancy stated for a male patient", withPatient(p -> p.sex(Sex.MALE).pregnant(true)),
                        "patient.pregnant", "male patient"),
                arguments("pregnancy at age 9", withPatient(p -> p.ageYears(9).pregnant(true)),
                        "patient.pregnant", "implausible at age 9"),
                arguments("pregnancy at age 61", withPatient(p -> p.ageYears(61).pregnant(true)),
                        "patient.pregnant", "implausible at age 61"),
                arguments("no twitch", valid().toBuilder().clearTwitches().build(),
                        "twitches", "at least one twitch"),
                arguments("51 twitches", valid().toBuilder().clearTwitches().twitches(manyTwitches(51)).build(),
                        "twitches", "at most 50 twitches per request, was 51"),
                arguments("twitch without id", withTwitches(twitch(null).build()),
                        "twitches[0].id", "is missing"),
                arguments("twitch with a blank id", withTwitches(twitch(" ").build()),
                        "twitches[0].id", "is missing"),
                arguments("twitch without body site", withTwitches(twitch("t1").site(null).build()),
                        "twitches[0].site", "body site"),
                arguments("twitch without course", withTwitches(twitch("t1").course(null).build()),
                        "twitches[0].course", "is missing"),
                arguments("twitch without self-care status", withTwitches(twitch("t1").selfCare(null).build()),
                        "twitches[0].selfCare", "is missing"),
                arguments("twitch missing altogether", withTwitches(twitch("t1").build(), null),
                        "twitches[1]", "is missing"),
                arguments("two twitches with one id", withTwitches(twitch("t1").build(),
                                twitch("t1").site(BodySite.EYELID).build()),
                        "twitches[1].id", "duplicate twitch id (also used by twitches[0])"),
                arguments("negative duration", withTwitches(twitch("t1").durationDays(-1).build()),
                        "twitches[0].durationDays", "must be between 0 and 20000, was -1"),
                arguments("duration of more than 50 years", withTwitches(twitch("t1").durationDays(20_001).build()),
                        "twitches[0].durationDays", "must be between 0 and 20000, was 20001"),
                arguments("magnesium of zero", withPatient(p -> p.labResult(lab(Analyte.MAGNESIUM, "0",
                                LabUnit.MMOL_PER_L))),
                        "patient.labResults[0].value", "must be greater than 0, was 0"),
                arguments("negative potassium", withPatient(p -> p.labResult(lab(Analyte.POTASSIUM, "-3.9",
                                LabUnit.MMOL_PER_L))),
                        "patient.labResults[0].value", "must be greater than 0, was -3.9"),
                arguments("sodium in mg/dL", withPatient(p -> p.labResult(lab(Analyte.SODIUM, "310",
                                LabUnit.MG_PER_DL))),
                        "patient.labResults[0].unit", "mg/dL is not accepted for SODIUM"),
                arguments("magnesium measured twice", withPatient(p -> p
                                .labResult(lab(Analyte.MAGNESIUM, "0.8", LabUnit.MMOL_PER_L))
                                .labResult(lab(Analyte.MAGNESIUM, "1.9", LabUnit.MG_PER_DL))),
                        "patient.labResults[1].analyte", "MAGNESIUM is given twice (also at index 0)"),
                arguments("lab result missing altogether", withPatient(p -> p.labResult(null)),
                        "patient.labResults[0]", "is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleProblems")
    @DisplayName("reports the one problem of a request, at its field")
    void singleProblem_reportedAtItsField(String scenario, TriageRequest request, String field, String message) {
        List<Violation> violations = validator.validate(request);

        assertThat(violations).extracting(Violation::field).containsExactly(field);
        assertThat(violations.get(0).message()).contains(message);
        assertThat(violations).allSatisfy(v -> assertThat(v.toString()).doesNotContain(REFERENCE));
        assertThatThrownBy(() -> validator.requireValid(request))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(field)
                .hasMessageNotContaining(REFERENCE);
    }

    @Test
    @DisplayName("reports every problem of a request at once, each at its own field")
    void severalProblems_allReportedAtOnce() {
        TriageRequest request = TriageRequest.builder()
                .patient(Patient.builder().reference(" ").ageYears(200).sex(Sex.MALE).pregnant(true)
                        .labResult(lab(Analyte.SODIUM, "0", LabUnit.MG_PER_DL))
                        .labResult(lab(Analyte.SODIUM, "140", LabUnit.MMOL_PER_L))
                        .build())
                .twitch(twitch("t1").site(null).build())
                .twitch(twitch("t1").course(null).durationDays(-5).build())
                .build();

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> validator.requireValid(request));

        assertThat(e.getViolations()).extracting(Violation::field).containsExactly(
                "patient.reference",
                "patient.ageYears",
                "patient.pregnant",
                "patient.labResults[0].value",
                "patient.labResults[0].unit",
                "patient.labResults[1].analyte",
                "twitches[0].site",
                "twitches[1].id",
                "twitches[1].course",
                "twitches[1].durationDays");
        assertThat(e.getMessage()).startsWith("invalid request (10 problems): patient.reference: is missing");
    }

    @Test
    @DisplayName("reports a missing patient and a missing twitch together")
    void emptyRequest_reportsPatientAndTwitches() {
        assertThat(validator.validate(TriageRequest.builder().build()))
                .extracting(Violation::field).containsExactly("patient", "twitches");
    }

    @Test
    @DisplayName("reports a missing request instead of failing")
    void nullRequest_isOneViolation() {
        assertThat(validator.validate(null)).containsExactly(new Violation("request", "is missing"));
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
                arguments("an ordinary request", valid()),
                arguments("a newborn", withPatient(p -> p.ageYears(0))),
                arguments("a patient aged 130", withPatient(p -> p.ageYears(130))),
                arguments("pregnancy at 10", withPatient(p -> p.ageYears(10).pregnant(true))),
                arguments("pregnancy at 60", withPatient(p -> p.ageYears(60).pregnant(true))),
                arguments("pregnancy, sex unknown", withPatient(p -> p.sex(Sex.UNKNOWN).pregnant(true))),
                arguments("50 twitches", valid().toBuilder().clearTwitches().twitches(manyTwitches(50)).build()),
                arguments("a twitch of today", withTwitches(twitch("t1").durationDays(0).build())),
                arguments("a twitch of 20000 days", withTwitches(twitch("t1").durationDays(20_000).build())),
                arguments("every electrolyte once, in accepted units", withPatient(p -> p
                        .labResult(lab(Analyte.MAGNESIUM, "1.8", LabUnit.MG_PER_DL))
                        .labResult(lab(Analyte.CALCIUM, "9.2", LabUnit.MG_PER_DL))
                        .labResult(lab(Analyte.SODIUM, "139", LabUnit.MEQ_PER_L))
                        .labResult(lab(Analyte.POTASSIUM, "4.1", LabUnit.MMOL_PER_L)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    @DisplayName("finds nothing wrong with a valid request")
    void validRequest_hasNoViolations(String scenario, TriageRequest request) {
        assertThat(validator.validate(request)).isEmpty();
        validator.requireValid(request);
    }

    @Test
    @DisplayName("an invalid-request error always carries at least one violation")
    void invalidRequestException_needsAViolation() {
        assertThatThrownBy(() -> new InvalidRequestException(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a lab value given through the Java API with an extreme exponent is out of range, not computed")
    void extremeLabValue_fromJavaApi_isOutOfRange() {
        TriageRequest request = withPatient(p -> p.labResult(lab(Analyte.MAGNESIUM, "1e99999999", LabUnit.MMOL_PER_L)));

        List<Violation> violations = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(2), () -> validator.validate(request));

        assertThat(violations).extracting(Violation::field).containsExactly("patient.labResults[0].value");
        assertThat(violations.get(0).message()).startsWith("is out of range").doesNotContain("9999");
    }

    @Test
    @DisplayName("an over-long twitch id or reference is named by its field, never quoted")
    void overlongIds_areNamedNotQuoted() {
        String longId = "t".repeat(Limits.MAX_ID_LENGTH + 1);
        String longReference = REFERENCE.repeat(Limits.MAX_ID_LENGTH);
        TriageRequest request = TriageRequest.builder().patient(woman().reference(longReference).build())
                .twitch(twitch(longId).build()).build();

        List<Violation> violations = validator.validate(request);

        assertThat(violations).extracting(Violation::field).containsExactly("patient.reference", "twitches[0].id");
        assertThat(violations).allSatisfy(v -> assertThat(v.message())
                .isEqualTo("is too long (at most " + Limits.MAX_ID_LENGTH + " characters)"));
        assertThat(validator.validate(withTwitches(twitch("t".repeat(Limits.MAX_ID_LENGTH)).build()))).isEmpty();
    }

    @Test
    @DisplayName("a duplicate twitch id is not quoted: it may carry the reference")
    void duplicateId_isNotQuoted() {
        List<Violation> violations = validator.validate(withTwitches(twitch(REFERENCE).build(),
                twitch(REFERENCE).build()));

        assertThat(violations).extracting(Violation::toString).noneMatch(m -> m.contains(REFERENCE));
    }

    @Test
    @DisplayName("a flood of twitches or lab results gives one violation, not one per entry")
    void floodOfEntries_givesOneViolation() {
        List<Twitch> many = IntStream.range(0, 100_000).mapToObj(i -> twitch(null).build()).toList();
        assertThat(validator.validate(valid().toBuilder().clearTwitches().twitches(many).build()))
                .containsExactly(new Violation("twitches", "at most 50 twitches per request, was 100000"));

        List<LabResult> labs = IntStream.range(0, 10_000)
                .mapToObj(i -> lab(Analyte.SODIUM, "0", LabUnit.MMOL_PER_L)).toList();
        assertThat(validator.validate(withPatient(p -> p.labResults(labs))))
                .containsExactly(new Violation("patient.labResults", "at most " + Limits.MAX_LAB_RESULTS
                        + " lab results, was 10000"));
    }

    @Test
    @DisplayName("an exception lists at most MAX_VIOLATIONS problems and counts the rest")
    void exception_listsABoundedNumberOfProblems() {
        List<Violation> many = IntStream.range(0, 5_000)
                .mapToObj(i -> new Violation("twitches[" + i + "].site", "is missing")).toList();

        InvalidRequestException e = new InvalidRequestException(many);

        assertThat(e.getViolations()).hasSize(Limits.MAX_VIOLATIONS + 1);
        assertThat(e.getViolations().get(Limits.MAX_VIOLATIONS))
                .isEqualTo(new Violation("request", (5_000 - Limits.MAX_VIOLATIONS) + " more problems not listed"));
        assertThat(e.getMessage()).hasSizeLessThan(Limits.MAX_VIOLATIONS * 80);
    }
}
