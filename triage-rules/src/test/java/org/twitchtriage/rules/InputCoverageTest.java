package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.lab;
import static org.twitchtriage.testkit.TriageRequests.request;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Twitch;

/**
 * No input is ignored (docs/clinical-scope.md): every field of a request, and every value of its codes, either
 * changes the decision somewhere, or is listed here with the documented reason why it does not matter. A field added
 * to {@link Patient} or {@link Twitch} without either fails this test.
 *
 * <p>"Changes the decision" means the findings differ: another code, or another rule behind a code.
 */
@DisplayName("No input is ignored: every field and every code value changes a decision, or has a documented reason")
class InputCoverageTest {
    /** Fields and code values that change no decision, each with the reason. */
    private static final Map<String, String> DOCUMENTED = Map.of(
            "Patient.reference", "A pseudonym chosen by the caller; not clinical, never read by a rule.",
            "Twitch.id", "Names the twitch within the request so that findings can refer to it; not clinical.",
            "Patient.sex", "The guideline makes no difference between the sexes; pregnancy is asked directly and the"
                    + " validator refuses it for a male patient.",
            "Twitch.visibility", "Whether only the skin moves or the limb or eye too, the guideline calls it usually"
                    + " harmless (UARM-2, BODY-2, LEG-2); it changes no advice.",
            "Course.IMPROVING", "An improving twitch is the course the guideline expects; it is judged like a new one,"
                    + " and its duration still counts (two weeks, Twitch.PASSING_DAYS).",
            "SelfCare.HELPED", "Self-care that helped is what the guideline expects; nothing more follows from it.");

    /** The fields each probe below walks; a field of the model missing here and in DOCUMENTED fails the build. */
    private static final Set<String> PROBED = Set.of("Patient.ageYears", "Patient.pregnant", "Patient.circumstances",
            "Patient.labResults", "Twitch.site", "Twitch.course", "Twitch.beforeSleep", "Twitch.durationDays",
            "Twitch.selfCare", "Twitch.symptoms");

    @Test
    @DisplayName("every field of Patient and Twitch is probed below or documented as not mattering")
    void everyField_isProbedOrDocumented() {
        List<String> fields = new ArrayList<>();
        for (Class<?> type : List.of(Patient.class, Twitch.class)) {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(type.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertThat(fields).as("fields of the request model").isNotEmpty();
        List<String> unaccounted = fields.stream()
                .filter(f -> !PROBED.contains(f) && !DOCUMENTED.containsKey(f)).toList();
        assertThat(unaccounted).as("fields that no rule reads and no reason explains: add a rule, or a reason here")
                .isEmpty();
    }

    @Test
    @DisplayName("every complaint at every body site changes the decision: read by a rule, or noted as outside")
    void everySymptomAtEverySite_changesTheDecision() {
        List<String> ignored = new ArrayList<>();
        for (BodySite site : BodySite.values()) {
            TriageDecision plain = evaluate(adult(Sex.FEMALE), twitch(site));
            for (Symptom s : Symptom.values()) {
                if (same(plain, evaluate(adult(Sex.FEMALE), twitch(site).symptom(s)))) {
                    ignored.add(site + " + " + s);
                }
            }
        }
        assertThat(ignored).as("complaints silently dropped").isEmpty();
    }

    @Test
    @DisplayName("every patient field and value changes some decision")
    void everyPatientValue_changesSomeDecision() {
        List<String> ignored = new ArrayList<>();
        int[] ages = {0, 3, 10, 34};
        for (int i = 0; i + 1 < ages.length; i++) {
            if (same(evaluate(adult(Sex.FEMALE).ageYears(ages[i]), twitch(BodySite.CALF)),
                    evaluate(adult(Sex.FEMALE).ageYears(ages[i + 1]), twitch(BodySite.CALF)))) {
                ignored.add("age " + ages[i] + " vs " + ages[i + 1]);
            }
        }
        if (same(evaluate(adult(Sex.FEMALE), twitch(BodySite.KNEE)),
                evaluate(adult(Sex.FEMALE).pregnant(true), twitch(BodySite.KNEE)))) {
            ignored.add("pregnant");
        }
        for (Circumstance c : Circumstance.values()) {
            boolean matters = Arrays.stream(BodySite.values()).anyMatch(site -> !same(
                    evaluate(adult(Sex.MALE), twitch(site)),
                    evaluate(adult(Sex.MALE).circumstance(c), twitch(site))));
            if (!matters) {
                ignored.add("circumstance " + c);
            }
        }
        for (Analyte a : Analyte.values()) {
            String low = a.lowerLimitMmolPerL().multiply(new java.math.BigDecimal("0.95")).toPlainString();
            String critical = a.criticalLowMmolPerL().multiply(new java.math.BigDecimal("0.9")).toPlainString();
            if (same(evaluate(adult(Sex.MALE), twitch(BodySite.CALF)),
                    evaluate(adult(Sex.MALE).labResult(lab(a, low, LabUnit.MMOL_PER_L)), twitch(BodySite.CALF)))) {
                ignored.add("low " + a + " at the calf");
            }
            if (same(evaluate(adult(Sex.MALE), twitch(BodySite.HAND)), evaluate(
                    adult(Sex.MALE).labResult(lab(a, critical, LabUnit.MMOL_PER_L)), twitch(BodySite.HAND)))) {
                ignored.add("critical " + a + " at the hand");
            }
        }
        assertThat(ignored).as("patient values that change no decision").isEmpty();
    }

    @Test
    @DisplayName("every twitch field and value changes some decision, unless documented")
    void everyTwitchValue_changesSomeDecision() {
        List<String> ignored = new ArrayList<>();
        for (Course c : Course.values()) {
            if (c == Course.NEW || DOCUMENTED.containsKey("Course." + c)) {
                continue;
            }
            boolean matters = Arrays.stream(BodySite.values()).anyMatch(site -> !same(
                    evaluate(adult(Sex.MALE), twitch(site)),
                    evaluate(adult(Sex.MALE), twitch(site).course(c))));
            if (!matters) {
                ignored.add("course " + c);
            }
        }
        for (SelfCare s : SelfCare.values()) {
            if (s == SelfCare.NOT_TRIED || DOCUMENTED.containsKey("SelfCare." + s)) {
                continue;
            }
            if (same(evaluate(adult(Sex.MALE), twitch(BodySite.UPPER_ARM)),
                    evaluate(adult(Sex.MALE), twitch(BodySite.UPPER_ARM).selfCare(s)))) {
                ignored.add("self-care " + s);
            }
        }
        if (same(evaluate(adult(Sex.MALE), twitch(BodySite.LEG)),
                evaluate(adult(Sex.MALE), twitch(BodySite.LEG).beforeSleep(true)))) {
            ignored.add("beforeSleep");
        }
        for (BodySite site : BodySite.values()) {
            if (same(evaluate(adult(Sex.MALE), twitch(site).durationDays(3)),
                    evaluate(adult(Sex.MALE), twitch(site).durationDays(200)))) {
                ignored.add("durationDays at " + site);
            }
        }
        Set<Set<String>> bySite = Arrays.stream(BodySite.values())
                .map(site -> signature(evaluate(adult(Sex.MALE), twitch(site))))
                .collect(Collectors.toSet());
        if (bySite.size() != BodySite.values().length) {
            ignored.add("some body sites decide alike");
        }
        assertThat(ignored).as("twitch values that change no decision").isEmpty();
    }

    private static boolean same(TriageDecision a, TriageDecision b) {
        return signature(a).equals(signature(b));
    }

    /** @return each finding as its code with the rules behind it */
    private static Set<String> signature(TriageDecision d) {
        return d.findings().stream().map(f -> f.getCode() + f.getRules().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TriageDecision evaluate(Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        return ENGINE.evaluate(request(patient, twitches));
    }
}
