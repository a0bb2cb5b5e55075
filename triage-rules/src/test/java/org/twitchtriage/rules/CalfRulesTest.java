package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.lab;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Calf (calf/calf.drl): most often disturbed electrolytes, magnesium above all (CALF-7, CALF-8), usually harmless
 * (CALF-2); with back pain, altered sensation or weakness, polyneuropathy or the spine (CALF-3, CALF-5, CALF-6).
 */
class CalfRulesTest {
    private static final String[] NERVE_RULES = {"CALF-POLYNEUROPATHY", "CALF-SPINE"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("calf twitch, nothing else: electrolytes and magnesium, take magnesium, harmless",
                                adult(Sex.MALE), twitch(BodySite.CALF))
                        .fires("CALF-ELECTROLYTES", "CALF-MAGNESIUM", "CALF-REASSURE")
                        .doesNotFire(NERVE_RULES)
                        .doesNotFire("CALF-LOW-ELECTROLYTE")
                        .concludes(FindingCode.ELECTROLYTE_IMBALANCE, FindingCode.MAGNESIUM_DEFICIENCY,
                                FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.DIETARY_MAGNESIUM,
                                FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(FindingCode.POLYNEUROPATHY, FindingCode.HERNIATED_DISC_BACK,
                                FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("calf twitch with a measured low potassium: imbalance supported (CALF-7)",
                                adult(Sex.FEMALE).labResult(lab(Analyte.POTASSIUM, "3.1", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("CALF-LOW-ELECTROLYTE", "CALF-ELECTROLYTES")
                        .doesNotFire("CALF-LOW-MAGNESIUM")
                        .concludes(FindingCode.ELECTROLYTE_IMBALANCE)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("calf twitch with a low magnesium reported in mg/dL (1.2 mg/dL): imbalance supported "
                                        + "(CALF-8)",
                                adult(Sex.MALE).labResult(lab(Analyte.MAGNESIUM, "1.2", LabUnit.MG_PER_DL)),
                                twitch(BodySite.CALF))
                        .fires("CALF-LOW-ELECTROLYTE"),
                RuleCase.of("calf twitch with a low magnesium: magnesium deficiency supported (CALF-8)",
                                adult(Sex.MALE).labResult(lab(Analyte.MAGNESIUM, "0.55", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("CALF-LOW-MAGNESIUM", "CALF-LOW-ELECTROLYTE")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("knee twitch with a low magnesium: the calf magnesium rule stays out",
                                adult(Sex.MALE).labResult(lab(Analyte.MAGNESIUM, "0.55", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.KNEE))
                        .doesNotFire("CALF-LOW-MAGNESIUM"),
                RuleCase.of("calf twitch with a critical sodium of 118: outside the guideline, urgent, no tablets",
                                adult(Sex.FEMALE).ageYears(70).labResult(lab(Analyte.SODIUM, "118", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("SCOPE-CRITICAL-LAB", "SCOPE-REFER", "CALF-LOW-ELECTROLYTE")
                        .doesNotFire("CALF-MAGNESIUM", "CALF-REASSURE")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_CRITICAL_LAB, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.URGENT),
                RuleCase.of("calf twitch with a critical high potassium of 6.5: outside the guideline, urgent",
                                adult(Sex.MALE).labResult(lab(Analyte.POTASSIUM, "6.5", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("SCOPE-CRITICAL-LAB")
                        .doesNotFire("CALF-LOW-ELECTROLYTE", "CALF-MAGNESIUM")
                        .urgency(Urgency.URGENT),
                RuleCase.of("hand twitch with a critical low magnesium of 0.3: outside the guideline at any site",
                                adult(Sex.MALE).labResult(lab(Analyte.MAGNESIUM, "0.3", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.HAND))
                        .fires("SCOPE-CRITICAL-LAB", "SCOPE-REFER")
                        .doesNotFire("HAND-REASSURE")
                        .doesNotConclude(FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with a low magnesium: deficiency supported there too (UARM-8)",
                                adult(Sex.FEMALE).labResult(lab(Analyte.MAGNESIUM, "0.6", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.UPPER_ARM))
                        .fires("LAB-LOW-MAGNESIUM")
                        .doesNotFire("SCOPE-CRITICAL-LAB", "CALF-LOW-MAGNESIUM")
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("lip twitch with a low magnesium: the lip passage names no magnesium",
                                adult(Sex.FEMALE).labResult(lab(Analyte.MAGNESIUM, "0.6", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.LIP))
                        .doesNotFire("LAB-LOW-MAGNESIUM"),
                RuleCase.of("toddler of 1 with a calf twitch: outside the guideline, doctor soon, no tablets",
                                adult(Sex.FEMALE).ageYears(1), twitch(BodySite.CALF))
                        .fires("SCOPE-SMALL-CHILD", "SCOPE-REFER")
                        .doesNotFire("CALF-MAGNESIUM", "CALF-REASSURE", "SCOPE-BABY", "SCOPE-CHILD-MAGNESIUM")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_AGE, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("baby with whole-body twitching: outside the guideline, doctor without delay",
                                adult(Sex.MALE).ageYears(0), twitch(BodySite.WHOLE_BODY))
                        .fires("SCOPE-BABY", "SCOPE-REFER")
                        .doesNotFire("BODY-REASSURE", "SCOPE-SMALL-CHILD")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_AGE)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.URGENT),
                RuleCase.of("calf twitch with an urge to move the legs: not read at the calf, outside the guideline",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.URGE_TO_MOVE_LEGS))
                        .fires("SCOPE-COMPLAINT-CALF", "SCOPE-REFER")
                        .doesNotFire("CALF-REASSURE", "CALF-MAGNESIUM", "LEG-RESTLESS-LEGS")
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with a low sodium: imbalance supported (CALF-7)",
                                adult(Sex.FEMALE).labResult(lab(Analyte.SODIUM, "128", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("CALF-LOW-ELECTROLYTE"),
                RuleCase.of("calf twitch with normal magnesium and potassium: no measured support",
                                adult(Sex.MALE).labResult(lab(Analyte.MAGNESIUM, "0.85", LabUnit.MMOL_PER_L))
                                        .labResult(lab(Analyte.POTASSIUM, "4.2", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.CALF))
                        .fires("CALF-ELECTROLYTES")
                        .doesNotFire("CALF-LOW-ELECTROLYTE", "CALF-LOW-MAGNESIUM"),
                RuleCase.of("knee twitch with a low potassium: the calf lab rule stays out",
                                adult(Sex.FEMALE).labResult(lab(Analyte.POTASSIUM, "3.1", LabUnit.MMOL_PER_L)),
                                twitch(BodySite.KNEE))
                        .doesNotFire("CALF-LOW-ELECTROLYTE", "CALF-ELECTROLYTES")
                        .doesNotConclude(FindingCode.ELECTROLYTE_IMBALANCE),
                RuleCase.of("calf twitch with back pain: disc or narrow spinal canal, a doctor first (CALF-5, CALF-6)",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
                        .fires("CALF-SPINE", "CALF-ELECTROLYTES", "CALF-MAGNESIUM")
                        .doesNotFire("CALF-POLYNEUROPATHY", "CALF-REASSURE")
                        .concludes(FindingCode.HERNIATED_DISC_BACK, FindingCode.SPINAL_CANAL_STENOSIS,
                                FindingCode.SEE_DOCTOR, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with disturbed sensation: polyneuropathy and the spine (CALF-3, CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires(NERVE_RULES)
                        .fires("CALF-MAGNESIUM")
                        .doesNotFire("CALF-REASSURE")
                        .concludes(FindingCode.POLYNEUROPATHY, FindingCode.HERNIATED_DISC_BACK)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with numbness: polyneuropathy (CALF-3)",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.NUMBNESS))
                        .fires("CALF-POLYNEUROPATHY", "CALF-MAGNESIUM")
                        .doesNotFire("CALF-REASSURE")
                        .concludes(FindingCode.POLYNEUROPATHY),
                RuleCase.of("calf twitch with weakness: polyneuropathy and the spine, urgent (CALF-3, CALF-5, CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                        .fires(NERVE_RULES)
                        .doesNotFire("CALF-REASSURE", "CALF-MAGNESIUM")
                        .concludes(FindingCode.POLYNEUROPATHY, FindingCode.SPINAL_CANAL_STENOSIS)
                        .urgency(Urgency.URGENT),
                RuleCase.of("calf twitch with pain in the calf, not the back: none of the nerve signs of CALF-6",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.PAIN))
                        .fires("CALF-ELECTROLYTES")
                        .doesNotFire(NERVE_RULES)
                        .doesNotConclude(FindingCode.POLYNEUROPATHY, FindingCode.HERNIATED_DISC_BACK,
                                FindingCode.SPINAL_CANAL_STENOSIS),
                RuleCase.of("leg twitch with back pain: the calf spine rule stays out",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).symptom(Symptom.BACK_PAIN))
                        .doesNotFire(NERVE_RULES)
                        .doesNotFire("CALF-ELECTROLYTES"),
                RuleCase.of("calf twitch that increases: a doctor soon, magnesium beside it (CALF-8), no reassurance",
                                adult(Sex.MALE), twitch(BodySite.CALF).course(Course.INCREASING))
                        .fires("CALF-ELECTROLYTES", "CALF-MAGNESIUM")
                        .doesNotFire("CALF-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.ALS, FindingCode.MS)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch not better after magnesium: stop repeating the magnesium advice",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).selfCare(SelfCare.NO_IMPROVEMENT))
                        .doesNotFire("CALF-MAGNESIUM", "CALF-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.SOON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Calf twitch without warning signs: electrolytes, above all magnesium; take magnesium; harmless")
    void calfTwitchWithoutWarningSigns_magnesiumAndReassurance() {
        TriageDecision d = RuleCase.of("plain calf twitch", adult(Sex.FEMALE), twitch(BodySite.CALF))
                .fires("CALF-ELECTROLYTES", "CALF-MAGNESIUM", "CALF-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding imbalance = assertThat(d).hasFinding(FindingCode.ELECTROLYTE_IMBALANCE).actual();
        assertThat(imbalance.getRules()).containsExactly("CALF-ELECTROLYTES");
        assertThat(imbalance.getPassages()).contains("CALF-7");
        Finding tablets = assertThat(d).hasFinding(FindingCode.MAGNESIUM_SUPPLEMENT).actual();
        assertThat(tablets.getRules()).containsExactly("CALF-MAGNESIUM");
        assertThat(tablets.getPassages()).containsExactly("CALF-8");
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("CALF-REASSURE");
        assertThat(harmless.getPassages()).contains("CALF-2");
    }

    @Test
    @DisplayName("Calf twitch with back pain: consider a herniated disc or narrow spinal canal; doctor, ENG and EMG")
    void calfTwitchWithBackPain_considerDiscOrStenosis() {
        TriageDecision d = RuleCase.of("calf twitch with back pain", adult(Sex.MALE),
                        twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
                .fires("CALF-SPINE", "REF-NERVE-SIGNS", "WU-ENG-EMG")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding disc = assertThat(d).hasFinding(FindingCode.HERNIATED_DISC_BACK).actual();
        assertThat(disc.getRules()).containsExactly("CALF-SPINE");
        assertThat(disc.getPassages()).contains("CALF-5", "CALF-6");
        assertThat(assertThat(d).hasFinding(FindingCode.SPINAL_CANAL_STENOSIS).actual().getRules()).containsExactly("CALF-SPINE");
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getPassages()).contains("CALF-6");
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(d.has(FindingCode.EMG)).isTrue();
    }

    @Test
    @DisplayName("A measured low potassium supports the electrolyte imbalance the calf section names (CALF-7)")
    void measuredLowPotassium_supportsElectrolyteImbalance() {
        TriageDecision d = RuleCase.of("calf twitch, low potassium",
                        adult(Sex.FEMALE).labResult(lab(Analyte.POTASSIUM, "3.0", LabUnit.MMOL_PER_L)),
                        twitch(BodySite.CALF))
                .fires("CALF-LOW-ELECTROLYTE")
                .verify(ENGINE);
        Finding imbalance = assertThat(d).hasFinding(FindingCode.ELECTROLYTE_IMBALANCE).actual();
        assertThat(imbalance.getRules()).containsExactlyInAnyOrder("CALF-ELECTROLYTES", "CALF-LOW-ELECTROLYTE");
        assertThat(imbalance.getReasons()).extracting(Finding.Reason::getRuleId).contains("CALF-LOW-ELECTROLYTE");
        assertThat(imbalance.getUrgency()).isEqualTo(Urgency.ROUTINE);
    }
}
