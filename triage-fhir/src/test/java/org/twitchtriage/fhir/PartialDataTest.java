package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.expressions;
import static org.twitchtriage.fhir.Fhir.issues;
import static org.twitchtriage.fhir.FhirRequestMapperTest.lab;
import static org.twitchtriage.fhir.FhirRequestMapperTest.minimalBundle;
import static org.twitchtriage.fhir.FhirRequestMapperTest.pregnancyStatus;
import static org.twitchtriage.fhir.FhirRequestMapperTest.twitchOf;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabInterpretation;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;

/**
 * Partial data is the normal case (issue 12): the request is built from what can be read, what cannot is listed with
 * a FHIRPath expression, and only a bundle with no readable twitch has no request.
 */
class PartialDataTest {
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private final FhirRequestMapper mapper = new FhirRequestMapper();

    // ---- units ---------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} {2} = {3} mmol/L")
    @CsvSource(textBlock = """
            19123-9, 850,  umol/L,  0.85
            19123-9, 0.085, mmol/dL, 0.85
            19123-9, 20.7, mg/L,    0.8517
            2951-2,  3220, mg/L,    140.0609
            2951-2,  322,  mg/dL,   140.0609
            2823-3,  0.39, mmol/dL, 3.9
            17861-6, 0.1,  g/L,     2.4951
            """)
    @DisplayName("a lab in any UCUM unit of the right dimension is converted to mmol/L through the UCUM library")
    void anyUcumUnitOfTheRightDimension_isConverted(String loinc, String value, String unit, String mmolPerL) {
        Bundle b = minimalBundle();
        b.addEntry().setResource(lab("x", loinc, value, unit, "2025-11-24"));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        assertThat(r.notRead()).isEmpty();
        LabResult l = r.requireRequest().getPatient().getLabResults().get(0);
        assertThat(l.getUnit()).isEqualTo(LabUnit.MMOL_PER_L);
        assertThat(l.getValue()).isEqualByComparingTo(mmolPerL);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION))).contains("Observation/x.valueQuantity.code");
    }

    @ParameterizedTest(name = "magnesium in {0}: left out, sodium still decides")
    @CsvSource({"[iU]/L", "mosm/L", "10*9/L", "mg", "mmol/kg", "no-such-unit"})
    @DisplayName("an unconvertible lab is left out with a warning; the rest decides")
    void unconvertibleLab_isLeftOut(String unit) {
        Bundle b = minimalBundle();
        b.addEntry().setResource(lab("mg", "19123-9", "0.5", unit, "2025-11-24"));
        b.addEntry().setResource(lab("na", "2951-2", "128", "mmol/L", "2025-11-24"));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        TriageRequest request = r.requireRequest();
        assertThat(request.getPatient().getLabResults()).extracting(LabResult::getAnalyte)
                .containsExactly(Analyte.SODIUM);
        assertThat(request.getPatient().hasLow(Analyte.SODIUM)).isTrue();
        assertThat(r.notRead()).singleElement().satisfies(n -> {
            assertThat(n.part()).isEqualTo(NotRead.Part.LAB_RESULT);
            assertThat(n.expression()).isEqualTo("Bundle.entry[2].resource.valueQuantity.code");
        });
        assertThat(issues(r.outcome(), IssueSeverity.ERROR)).isEmpty();
    }

    // ---- the laboratory's own range and verdict ----------------------------------------------------------------

    @ParameterizedTest(name = "magnesium 0.68 mmol/L, range 0.66-1.07, interpretation {0}: low {1}, critical {2}")
    @CsvSource({"N, false, false", "L, true, false", "LL, true, true", "'', false, false"})
    @DisplayName("the laboratory's range and interpretation win over the built-in limits")
    void laboratoryRangeAndInterpretation_win(String code, boolean low, boolean critical) {
        Bundle b = minimalBundle();
        Observation o = lab("mg", "19123-9", "0.68", "mmol/L", "2025-11-24");
        o.addReferenceRange().setLow(quantity("0.66", "mmol/L")).setHigh(quantity("1.07", "mmol/L"));
        if (!code.isEmpty()) {
            o.addInterpretation(new CodeableConcept(new Coding(INTERPRETATION, code, null)));
        }
        b.addEntry().setResource(o);

        LabResult l = mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().getLabResults().get(0);

        assertThat(l.isBelowReference()).as("low").isEqualTo(low);
        assertThat(l.isCritical()).as("critical").isEqualTo(critical);
        assertThat(l.getReferenceRange().low()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.66"));
    }

    @Test
    @DisplayName("a reference range in another unit is converted to the unit of its result")
    void referenceRangeInOtherUnit_isConverted() {
        Bundle b = minimalBundle();
        Observation o = lab("mg", "19123-9", "1.7", "mg/dL", "2025-11-24");
        o.addReferenceRange().setLow(quantity("0.66", "mmol/L"));
        b.addEntry().setResource(o);

        LabResult l = mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().getLabResults().get(0);

        // 0.66 mmol/L is 1.604 mg/dL; 1.7 mg/dL is above it, though below the built-in 0.70 mmol/L (1.70 mg/dL)
        assertThat(l.getReferenceRange().low()).hasValueSatisfying(v -> assertThat(v.doubleValue())
                .isBetween(1.60, 1.61));
        assertThat(l.isBelowReference()).isFalse();
        assertThat(l.getInterpretation()).isEqualTo(LabInterpretation.NOT_GIVEN);
    }

    // ---- pregnancy: only a current status counts -----------------------------------------------------------------

    @Test
    @DisplayName("a pregnancy status dated seven years ago is not current: not pregnant, said as information")
    void stalePregnancy_isNotCurrent() {
        Bundle b = minimalBundle();
        Observation old = pregnancyStatus("p-old", "LA15173-0");
        old.setEffective(new DateTimeType("2018-11-20"));
        b.addEntry().setResource(old);

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        assertThat(r.requireRequest().getPatient().isPregnant()).isFalse();
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION)))
                .contains("Observation/p-old.valueCodeableConcept");
    }

    @Test
    @DisplayName("of two current statuses the latest wins, in either order")
    void latestStatus_wins() {
        Bundle b = minimalBundle();
        b.addEntry().setResource(dated(pregnancyStatus("p1", "LA15173-0"), "2025-06-01"));
        b.addEntry().setResource(dated(pregnancyStatus("p2", "LA26683-5"), "2025-11-01"));
        assertThat(mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().isPregnant()).isFalse();

        Bundle c = minimalBundle();
        c.addEntry().setResource(dated(pregnancyStatus("p1", "LA26683-5"), "2025-06-01"));
        c.addEntry().setResource(dated(pregnancyStatus("p2", "LA15173-0"), "2025-11-01"));
        assertThat(mapper.map(c, EVALUATION_DATE).requireRequest().getPatient().isPregnant()).isTrue();
    }

    @Test
    @DisplayName("the clock is injectable: the same status is current on one day and stale 42 weeks later")
    void clockDecidesWhetherCurrent() {
        Bundle b = minimalBundle();
        b.addEntry().setResource(dated(pregnancyStatus("p1", "LA15173-0"), "2025-06-01"));
        Instant start = Instant.parse("2025-06-01T12:00:00Z");
        long window = FhirRequestMapper.PREGNANCY_CURRENT_DAYS;

        FhirRequestMapper onLastDay = new FhirRequestMapper(TriageConceptMap.defaults(),
                Clock.fixed(start.plusSeconds(window * 86_400), ZoneOffset.UTC));
        FhirRequestMapper dayAfter = new FhirRequestMapper(TriageConceptMap.defaults(),
                Clock.fixed(start.plusSeconds((window + 1) * 86_400), ZoneOffset.UTC));

        assertThat(onLastDay.map(b).requireRequest().getPatient().isPregnant()).isTrue();
        assertThat(dayAfter.map(b).requireRequest().getPatient().isPregnant()).isFalse();
        assertThat(window).as("42 weeks").isEqualTo(294);
    }

    // ---- nothing found vs could not read -------------------------------------------------------------------------

    @Test
    @DisplayName("a twitch recorded in words only: no request, but reported as not read (not as nothing found)")
    void textOnlyTwitch_isReportedAsNotRead() {
        Bundle b = minimalBundle();
        twitchOf(b).setCode(new CodeableConcept().setText("muscle twitching in the left calf"));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        assertThat(r.isMapped()).isFalse();
        assertThat(r.twitchSources()).isEmpty();
        assertThat(r.notRead()).singleElement().satisfies(n -> {
            assertThat(n.part()).isEqualTo(NotRead.Part.RECORD);
            assertThat(n.expression()).isEqualTo("Bundle.entry[1].resource.code");
        });
    }

    @Test
    @DisplayName("an unmapped twitch code (a display that names twitching) is reported as not read")
    void unmappedTwitchCode_isReportedAsNotRead() {
        Bundle b = minimalBundle();
        twitchOf(b).setCode(new CodeableConcept(new Coding(SNOMED, "0000000", "Fasciculation of muscle")));

        assertThat(mapper.map(b, EVALUATION_DATE).notRead()).extracting(NotRead::part)
                .containsExactly(NotRead.Part.RECORD);
    }

    @Test
    @DisplayName("an unrelated unmapped condition alone: nothing found, nothing reported as not read")
    void unrelatedCondition_isNothingFound() {
        Bundle b = minimalBundle();
        twitchOf(b).setCode(new CodeableConcept(new Coding(SNOMED, "38341003", "Hypertensive disorder")));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        assertThat(r.twitchSources()).isEmpty();
        assertThat(r.notRead()).isEmpty();
    }

    // ---- a red flag is never lost ----------------------------------------------------------------------------------

    @Test
    @DisplayName("paralysis survives a missing course, a missing body site and an unreadable lab")
    void redFlag_survivesUnreadableFields() {
        Bundle b = minimalBundle();
        Condition t = twitchOf(b);
        t.getExtension().clear();
        t.getBodySite().clear();
        Condition weakness = new Condition().setCode(new CodeableConcept(new Coding(SNOMED, "26544005", null)))
                .setSubject(new Reference("Patient/anon-1"));
        weakness.setId("w1");
        b.addEntry().setResource(weakness);
        b.addEntry().setResource(lab("mg", "19123-9", "0.5", "[iU]/L", "2025-11-24"));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);

        TriageRequest request = r.requireRequest();
        assertThat(request.getTwitches()).singleElement().satisfies(tw -> {
            assertThat(tw.getSymptoms()).contains(Symptom.PARALYSIS);
            assertThat(tw.getSite()).isEqualTo(BodySite.UNKNOWN);
            assertThat(tw.getCourse()).isEqualTo(Course.UNKNOWN);
        });
        assertThat(r.notRead()).extracting(NotRead::part).containsExactlyInAnyOrder(NotRead.Part.BODY_SITE,
                NotRead.Part.COURSE, NotRead.Part.LAB_RESULT);
        OperationOutcome out = r.addOutcomeTo(new Bundle()).getEntry().get(0).getResource() instanceof OperationOutcome o
                ? o : null;
        assertThat(out).as("the output bundle carries the OperationOutcome").isNotNull();
        assertThat(issues(out, IssueSeverity.WARNING)).hasSize(3);
    }

    private static Quantity quantity(String value, String ucum) {
        return new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode(ucum)
                .setUnit(ucum);
    }

    private static Observation dated(Observation o, String date) {
        o.setEffective(new DateTimeType(date));
        return o;
    }
}
