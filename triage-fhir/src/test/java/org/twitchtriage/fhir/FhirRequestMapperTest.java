package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;
import static org.twitchtriage.fhir.Fhir.expressions;
import static org.twitchtriage.fhir.Fhir.issues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;

class FhirRequestMapperTest {
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";

    private final FhirRequestMapper mapper = new FhirRequestMapper();

    // ---- the bundled inputs ----------------------------------------------------------------------------------

    @Test
    @DisplayName("Pregnant woman with a calf twitch: every field of the request comes from the bundle")
    void pregnantCalfBundle_mapsToExpectedRequest() {
        RequestMappingResult result = mapper.map(bundle("pregnant-calf.json"), EVALUATION_DATE);

        assertThat(issues(result.outcome(), IssueSeverity.ERROR)).isEmpty();
        TriageRequest request = result.requireRequest();
        org.twitchtriage.model.Patient p = request.getPatient();
        assertThat(p.getReference()).isEqualTo("pseudo-calf-01");
        assertThat(p.getAgeYears()).isEqualTo(31);
        assertThat(p.getSex()).isEqualTo(Sex.FEMALE);
        assertThat(p.isPregnant()).isTrue();
        assertThat(p.getCircumstances()).isEmpty();
        assertThat(p.getLabResults()).containsExactly(LabResult.builder().analyte(Analyte.MAGNESIUM)
                .value(new BigDecimal("0.62")).unit(LabUnit.MMOL_PER_L).build());
        assertThat(request.getTwitches()).hasSize(1);
        Twitch t = request.getTwitches().get(0);
        assertThat(t.getId()).isEqualTo("calf-twitch");
        assertThat(t.getSite()).isEqualTo(BodySite.CALF);
        assertThat(t.getCourse()).isEqualTo(Course.NEW);
        assertThat(t.getVisibility()).isEqualTo(Visibility.UNDER_SKIN);
        assertThat(t.getSelfCare()).isEqualTo(SelfCare.NOT_TRIED);
        assertThat(t.isBeforeSleep()).isFalse();
        assertThat(t.getDurationDays()).isEqualTo(5);
        assertThat(t.getSymptoms()).isEmpty();
        assertThat(result.twitchSources()).containsOnlyKeys("calf-twitch");
        assertThat(result.twitchSources().get("calf-twitch").getReference()).isEqualTo("Condition/calf-twitch");
    }

    @Test
    @DisplayName("Increasing whole-body twitching with paralysis: symptom linked through evidence, course from SNOMED")
    void wholeBodyParalysisBundle_mapsToExpectedRequest() {
        RequestMappingResult result = mapper.map(bundle("whole-body-increasing-paralysis.json"), EVALUATION_DATE);

        TriageRequest expected = TriageRequest.builder()
                .patient(org.twitchtriage.model.Patient.builder().reference("pseudo-body-02").ageYears(58)
                        .sex(Sex.MALE).pregnant(false).build())
                .twitch(Twitch.builder().id("body-twitch").site(BodySite.WHOLE_BODY).course(Course.INCREASING)
                        .visibility(Visibility.UNDER_SKIN).selfCare(SelfCare.NOT_TRIED).beforeSleep(false)
                        .durationDays(42).symptom(Symptom.PARALYSIS).build())
                .build();
        assertThat(result.requireRequest()).usingRecursiveComparison().isEqualTo(expected);
        // the Encounter is not used, and says so
        assertThat(expressions(issues(result.outcome(), IssueSeverity.INFORMATION))).contains("Encounter/visit");
    }

    @Test
    @DisplayName("Unmappable body site and sodium in mg/L: decided anyway; the site is unknown, sodium converted by UCUM")
    void unmappableBundle_decidesOnWhatCanBeRead() {
        RequestMappingResult result = mapper.map(bundle("unmappable-code.json"), EVALUATION_DATE);

        TriageRequest request = result.requireRequest();
        assertThat(request.getTwitches().get(0).getSite()).isEqualTo(BodySite.UNKNOWN);
        assertThat(request.getTwitches().get(0).getCourse()).isEqualTo(Course.PERSISTING);
        // 3100 mg/L / 22.990 g/mol = 134.8 mmol/L: below the lower limit of 135
        assertThat(request.getPatient().getLabResults()).singleElement().satisfies(l -> {
            assertThat(l.getUnit()).isEqualTo(LabUnit.MMOL_PER_L);
            assertThat(l.getValue()).isEqualByComparingTo("134.8412");
        });
        assertThat(request.getPatient().hasLow(Analyte.SODIUM)).isTrue();
        OperationOutcome outcome = result.outcome();
        assertThat(issues(outcome, IssueSeverity.ERROR)).isEmpty();
        OperationOutcomeIssueComponent site = issues(outcome, IssueSeverity.WARNING).stream()
                .filter(i -> i.getExpression().get(0).getValue().startsWith("Condition/c1")).findFirst().orElseThrow();
        assertThat(site.getCode()).isEqualTo(IssueType.CODEINVALID);
        assertThat(site.getExpression().get(1).getValue()).isEqualTo("Bundle.entry[1].resource.bodySite[0].coding[0]");
        assertThat(site.getDiagnostics()).contains("91470000", "http://snomed.info/sct", "not in the concept map",
                "body site");
        assertThat(result.notRead()).singleElement().satisfies(n -> {
            assertThat(n.part()).isEqualTo(NotRead.Part.BODY_SITE);
            assertThat(n.expression()).isEqualTo("Bundle.entry[1].resource.bodySite[0].coding[0]");
        });
        // the unrelated condition is left out, but not silently, and is not reported as a possible twitch
        assertThat(expressions(issues(outcome, IssueSeverity.WARNING))).contains("Condition/htn.code");
    }

    @Test
    @DisplayName("The OperationOutcome and the log never quote the patient's id")
    void outcome_neverQuotesPatientId() {
        Bundle b = bundle("unmappable-code.json");
        ((Patient) b.getEntry().get(0).getResource()).setGender(null);
        String json = Fhir.json().encodeResourceToString(mapper.map(b, EVALUATION_DATE).outcome());
        assertThat(json).doesNotContain("pseudo-bad-03").contains("\"Patient.gender\"");
    }

    // ---- patient -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("Age counts completed years up to the evaluation date passed in, not today")
    void age_isRelativeToEvaluationDate() {
        Bundle b = minimalBundle();
        assertThat(mapper.map(b, LocalDate.of(2025, 5, 11)).requireRequest().getPatient().getAgeYears()).isEqualTo(30);
        assertThat(mapper.map(b, LocalDate.of(2025, 5, 12)).requireRequest().getPatient().getAgeYears()).isEqualTo(31);
    }

    @Test
    @DisplayName("Birth date after the evaluation date is an error on Patient.birthDate")
    void birthDateAfterEvaluation_isError() {
        Bundle b = minimalBundle();
        twitchOf(b).setOnset(null);
        RequestMappingResult r = mapper.map(b, LocalDate.of(1990, 1, 1));
        assertThat(expressions(issues(r.outcome(), IssueSeverity.ERROR))).containsExactly("Patient.birthDate");
    }

    @Test
    @DisplayName("Missing birth date and missing Patient are errors")
    void missingBirthDateOrPatient_isError() {
        Bundle noBirth = minimalBundle();
        patientOf(noBirth).setBirthDateElement(null);
        assertThat(expressions(issues(mapper.map(noBirth, EVALUATION_DATE).outcome(), IssueSeverity.ERROR)))
                .containsExactly("Patient.birthDate");

        Bundle noPatient = minimalBundle();
        noPatient.getEntry().remove(0);
        assertThat(expressions(issues(mapper.map(noPatient, EVALUATION_DATE).outcome(), IssueSeverity.ERROR)))
                .containsExactly("Bundle.entry");
    }

    @Test
    @DisplayName("A birth year alone is read as 1 January, with a warning")
    void birthYearOnly_readAsFirstDayWithWarning() {
        Bundle b = minimalBundle();
        patientOf(b).setBirthDateElement(new DateType("1994"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getPatient().getAgeYears()).isEqualTo(31);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING))).containsExactly("Patient.birthDate");
    }

    @Test
    @DisplayName("Gender maps to sex; none given reads as UNKNOWN with an information")
    void gender_mapsToSex() {
        Bundle b = minimalBundle();
        patientOf(b).setGender(AdministrativeGender.OTHER);
        assertThat(mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().getSex()).isEqualTo(Sex.OTHER);
        patientOf(b).setGender(null);
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getPatient().getSex()).isEqualTo(Sex.UNKNOWN);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION))).contains("Patient.gender");
    }

    @Test
    @DisplayName("Without a Patient id the first identifier becomes the pseudonymous reference")
    void identifier_usedWhenNoId() {
        Bundle b = minimalBundle();
        patientOf(b).setId((String) null);
        twitchOf(b).setSubject(null);
        patientOf(b).addIdentifier().setSystem("urn:example:pseudonyms").setValue("pz-77");
        assertThat(mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().getReference()).isEqualTo("pz-77");
    }

    @Test
    @DisplayName("A resource about another patient is an error on its subject")
    void otherPatientsResource_isError() {
        Bundle b = minimalBundle();
        twitchOf(b).setSubject(new Reference("Patient/someone-else"));
        assertThat(expressions(issues(mapper.map(b, EVALUATION_DATE).outcome(), IssueSeverity.ERROR)))
                .containsExactly("Condition/t1.subject");
    }

    // ---- pregnancy -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("Pregnancy as a Condition (SNOMED 77386006) is read too")
    void pregnancyCondition_isRead() {
        Bundle b = minimalBundle();
        Condition preg = new Condition().setCode(new CodeableConcept(new Coding(SNOMED, "77386006", "Pregnant")));
        preg.setId("preg");
        b.addEntry().setResource(preg);
        assertThat(mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().isPregnant()).isTrue();
    }

    @Test
    @DisplayName("Pregnant and not pregnant, undated, in one bundle: read as not pregnant, reported as not read")
    void conflictingPregnancy_isNotRead() {
        Bundle b = minimalBundle();
        b.addEntry().setResource(pregnancyStatus("p1", "LA15173-0"));
        b.addEntry().setResource(pregnancyStatus("p2", "LA26683-5"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getPatient().isPregnant()).isFalse();
        assertThat(r.notRead()).extracting(NotRead::part).containsExactly(NotRead.Part.PREGNANCY_STATUS);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING)))
                .containsExactly("Observation/p2.valueCodeableConcept");
    }

    @Test
    @DisplayName("Pregnancy stated for a man: the validator's objection points at the pregnancy Observation")
    void validatorViolation_pointsAtFhirElement() {
        Bundle b = minimalBundle();
        patientOf(b).setGender(AdministrativeGender.MALE);
        b.addEntry().setResource(pregnancyStatus("p1", "LA15173-0"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        List<OperationOutcomeIssueComponent> errors = issues(r.outcome(), IssueSeverity.ERROR);
        assertThat(expressions(errors)).containsExactly("Observation/p1.valueCodeableConcept");
        assertThat(errors.get(0).getCode()).isEqualTo(IssueType.BUSINESSRULE);
        assertThat(errors.get(0).getDiagnostics()).contains("male", "patient.pregnant");
    }

    // ---- twitches, symptoms, circumstances -------------------------------------------------------------------

    @Test
    @DisplayName("A twitch without course is decided with the course unknown; a warning on the course extension")
    void missingCourse_readAsUnknown() {
        Bundle b = minimalBundle();
        twitchOf(b).getExtension().clear();
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getCourse()).isEqualTo(Course.UNKNOWN);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING)))
                .containsExactly("Condition/t1.extension('" + TriageFhir.EXT_COURSE + "')");
        assertThat(r.notRead()).singleElement().satisfies(n -> {
            assertThat(n.part()).isEqualTo(NotRead.Part.COURSE);
            assertThat(n.expression()).isEqualTo("Bundle.entry[1].resource.extension('" + TriageFhir.EXT_COURSE
                    + "')");
        });
    }

    @Test
    @DisplayName("A twitch without body site is decided with the site unknown; a warning on bodySite")
    void missingBodySite_readAsUnknown() {
        Bundle b = minimalBundle();
        twitchOf(b).getBodySite().clear();
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getSite()).isEqualTo(BodySite.UNKNOWN);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING))).containsExactly("Condition/t1.bodySite");
        assertThat(r.notRead()).extracting(NotRead::part).containsExactly(NotRead.Part.BODY_SITE);
    }

    @Test
    @DisplayName("An unknown course code: course unknown, a warning naming the coding")
    void unknownCourseCode_readAsUnknown() {
        Bundle b = minimalBundle();
        twitchOf(b).getExtensionByUrl(TriageFhir.EXT_COURSE)
                .setValue(new CodeableConcept(new Coding(SNOMED, "255314001", "Progressive")));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getCourse()).isEqualTo(Course.UNKNOWN);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING)))
                .containsExactly("Condition/t1.extension('" + TriageFhir.EXT_COURSE + "').value.coding[0]");
    }

    @Test
    @DisplayName("Symptoms, self-care and before-sleep are read from evidence codes and extensions")
    void evidenceAndExtensions_areRead() {
        Bundle b = minimalBundle();
        Condition t = twitchOf(b);
        t.addEvidence().addCode(new CodeableConcept(new Coding(SNOMED, "22253000", "Pain")))
                .addCode(new CodeableConcept(new Coding(SNOMED, "62507009", "Pins and needles")));
        t.addExtension(new Extension(TriageFhir.EXT_SELF_CARE, local(TriageFhir.SELF_CARE_SYSTEM, "NO_IMPROVEMENT")));
        t.addExtension(new Extension(TriageFhir.EXT_BEFORE_SLEEP, new BooleanType(true)));
        Twitch twitch = mapper.map(b, EVALUATION_DATE).requireRequest().getTwitches().get(0);
        assertThat(twitch.getSymptoms()).containsExactlyInAnyOrder(Symptom.PAIN, Symptom.TINGLING);
        assertThat(twitch.getSelfCare()).isEqualTo(SelfCare.NO_IMPROVEMENT);
        assertThat(twitch.isBeforeSleep()).isTrue();
    }

    @Test
    @DisplayName("An unlinked symptom goes with the only twitch (information); with two twitches it is an error")
    void unlinkedSymptom_attachesOnlyWhenUnambiguous() {
        Bundle one = minimalBundle();
        one.addEntry().setResource(symptomCondition("s1", "161891005"));
        RequestMappingResult r = mapper.map(one, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getSymptoms()).containsExactly(Symptom.BACK_PAIN);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION))).contains("Condition/s1");

        Bundle two = minimalBundle();
        Condition second = twitchOf(two).copy();
        second.setId("t2");
        two.addEntry().setResource(second);
        two.addEntry().setResource(symptomCondition("s1", "161891005"));
        assertThat(expressions(issues(mapper.map(two, EVALUATION_DATE).outcome(), IssueSeverity.ERROR)))
                .containsExactly("Condition/s1");
    }

    @Test
    @DisplayName("Refuted and resolved conditions are not used, and the outcome says so")
    void refutedOrResolved_notUsed() {
        Bundle b = minimalBundle();
        Condition pain = symptomCondition("s1", "22253000");
        pain.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
        b.addEntry().setResource(pain);
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getSymptoms()).isEmpty();
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION)))
                .contains("Condition/s1.verificationStatus");
    }

    @Test
    @DisplayName("Circumstances come from Conditions or Observations; an Observation stating absence is not counted")
    void circumstances_areRead() {
        Bundle b = minimalBundle();
        Observation stress = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(SNOMED, "73595000", "Stress")));
        stress.setId("stress");
        b.addEntry().setResource(stress);
        Observation fatigue = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(SNOMED, "84229001", "Fatigue")));
        fatigue.setValue(new BooleanType(false));
        fatigue.setId("fatigue");
        b.addEntry().setResource(fatigue);
        assertThat(mapper.map(b, EVALUATION_DATE).requireRequest().getPatient().getCircumstances())
                .containsExactly(Circumstance.STRESS);
    }

    @Test
    @DisplayName("A twitch recorded as an Observation, with a symptom Observation pointing at it through focus")
    void observationTwitch_withFocusedSymptom() {
        Bundle b = minimalBundle();
        b.getEntry().remove(1);
        Observation twitch = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(local(TriageFhir.CONCEPT_SYSTEM, "TWITCH"))
                .setBodySite(new CodeableConcept(new Coding(SNOMED, "80243003", "Eyelid")));
        twitch.addExtension(new Extension(TriageFhir.EXT_COURSE, local(TriageFhir.COURSE_SYSTEM, "PERSISTING")));
        twitch.setId("lid");
        b.addEntry().setResource(twitch);
        Observation second = twitch.copy();
        second.setId("lid2");
        b.addEntry().setResource(second);
        Observation vision = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(SNOMED, "397540003", "Visual impairment")))
                .addFocus(new Reference("Observation/lid"));
        vision.setId("vision");
        b.addEntry().setResource(vision);

        TriageRequest request = mapper.map(b, EVALUATION_DATE).requireRequest();
        assertThat(request.getTwitches()).extracting(Twitch::getId).containsExactly("lid", "lid2");
        assertThat(request.getTwitches().get(0).getSite()).isEqualTo(BodySite.EYELID);
        assertThat(request.getTwitches().get(0).getCourse()).isEqualTo(Course.PERSISTING);
        assertThat(request.getTwitches().get(0).getSymptoms()).containsExactly(Symptom.IMPAIRED_VISION);
        assertThat(request.getTwitches().get(1).getSymptoms()).isEmpty();
        assertThat(request.getTwitches().get(0).getDurationDays()).isNull();
    }

    // ---- labs ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("Of two results for one electrolyte the most recent is used; the other is reported")
    void latestLab_isUsed() {
        Bundle b = minimalBundle();
        b.addEntry().setResource(lab("k-old", "2823-3", "3.1", "mmol/L", "2025-10-01"));
        b.addEntry().setResource(lab("k-new", "2823-3", "4.2", "mmol/L", "2025-11-24"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getPatient().getLabResults()).containsExactly(LabResult.builder()
                .analyte(Analyte.POTASSIUM).value(new BigDecimal("4.2")).unit(LabUnit.MMOL_PER_L).build());
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION))).contains("Observation/k-old");
    }

    @Test
    @DisplayName("Calcium in mg/dL converts; a value without unit or a non-UCUM unit system is left out, the rest decides")
    void labUnits() {
        Bundle ok = minimalBundle();
        ok.addEntry().setResource(lab("ca", "17861-6", "8.2", "mg/dL", "2025-11-24"));
        assertThat(mapper.map(ok, EVALUATION_DATE).requireRequest().getPatient().hasLow(Analyte.CALCIUM)).isTrue();

        Bundle noUnit = minimalBundle();
        Observation o = lab("ca", "17861-6", "8.2", "mg/dL", "2025-11-24");
        o.getValueQuantity().setCode(null).setUnit(null);
        noUnit.addEntry().setResource(o);
        RequestMappingResult left = mapper.map(noUnit, EVALUATION_DATE);
        assertThat(left.requireRequest().getPatient().getLabResults()).isEmpty();
        assertThat(expressions(issues(left.outcome(), IssueSeverity.WARNING)))
                .containsExactly("Observation/ca.valueQuantity.code");
        assertThat(left.notRead()).extracting(NotRead::part).containsExactly(NotRead.Part.LAB_RESULT);

        Bundle otherSystem = minimalBundle();
        Observation o2 = lab("ca", "17861-6", "8.2", "mg/dL", "2025-11-24");
        o2.getValueQuantity().setSystem("http://example.org/units");
        otherSystem.addEntry().setResource(o2);
        assertThat(expressions(issues(mapper.map(otherSystem, EVALUATION_DATE).outcome(), IssueSeverity.WARNING)))
                .containsExactly("Observation/ca.valueQuantity.system");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1e99999999", "1e999999999", "-1e-9999999"})
    @DisplayName("A lab value with an extreme exponent is left out with a warning on the value, found quickly, not quoted")
    void extremeLabValue_isErrorOnValue(String value) {
        Bundle b = minimalBundle();
        b.addEntry().setResource(lab("ca", "17861-6", "8.2", "mg/dL", "2025-11-24"));
        ((Observation) b.getEntry().get(2).getResource()).getValueQuantity().setValue(new BigDecimal(value));

        RequestMappingResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> mapper.map(b, EVALUATION_DATE));

        List<OperationOutcomeIssueComponent> warnings = issues(r.outcome(), IssueSeverity.WARNING);
        assertThat(expressions(warnings)).containsExactly("Observation/ca.valueQuantity.value");
        assertThat(warnings.get(0).getDiagnostics()).contains("out of range").hasSizeLessThan(200);
        assertThat(r.requireRequest().getPatient().getLabResults()).isEmpty();
    }

    @Test
    @DisplayName("A code the map marks as unconfirmed is read, with a warning")
    void unconfirmedCode_readWithWarning() {
        Bundle b = minimalBundle();
        b.addEntry().setResource(lab("na", "2951-2", "131", "mEq/L", "2025-11-24"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getPatient().hasLow(Analyte.SODIUM)).isTrue();
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING))).containsExactly(
                "Observation/na.valueQuantity.code");
    }

    // ---- fixtures ------------------------------------------------------------------------------------------

    /** A woman born 1994-05-12 with one new calf twitch in local codes. */
    static Bundle minimalBundle() {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient().setGender(AdministrativeGender.FEMALE)
                .setBirthDateElement(new DateType("1994-05-12"));
        p.setId("anon-1");
        b.addEntry().setResource(p);
        Condition t = new Condition()
                .setCode(local(TriageFhir.CONCEPT_SYSTEM, "TWITCH"))
                .addBodySite(local(TriageFhir.BODY_SITE_SYSTEM, "CALF"))
                .setSubject(new Reference("Patient/anon-1"));
        t.addExtension(new Extension(TriageFhir.EXT_COURSE, local(TriageFhir.COURSE_SYSTEM, "NEW")));
        t.setOnset(new DateTimeType("1999-11-01"));
        t.setId("t1");
        b.addEntry().setResource(t);
        return b;
    }

    private static Patient patientOf(Bundle b) {
        return (Patient) b.getEntry().get(0).getResource();
    }

    static Condition twitchOf(Bundle b) {
        return (Condition) b.getEntry().get(1).getResource();
    }

    private static CodeableConcept local(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    private static Condition symptomCondition(String id, String snomed) {
        Condition c = new Condition().setCode(new CodeableConcept(new Coding(SNOMED, snomed, null)));
        c.setId(id);
        return c;
    }

    static Observation pregnancyStatus(String id, String answer) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(LOINC, "82810-3", "Pregnancy status")));
        o.setValue(new CodeableConcept(new Coding(LOINC, answer, null)));
        o.setId(id);
        return o;
    }

    static Observation lab(String id, String loinc, String value, String ucum, String date) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(ucum)
                .setSystem("http://unitsofmeasure.org").setCode(ucum));
        o.setEffective(new DateTimeType(date));
        o.setId(id);
        return o;
    }
}
