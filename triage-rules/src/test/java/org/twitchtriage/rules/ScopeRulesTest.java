package org.twitchtriage.rules;

import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Scope (scope/scope.dslr and the table scope/scope-complaints.drl.xlsx): who the guideline speaks for, and what
 * happens outside it (docs/clinical-scope.md). Outside the guideline there is no reassurance and no supplement; a
 * doctor with the stated urgency instead.
 */
class ScopeRulesTest {
    /** For each site, a complaint that none of its passages discusses. */
    private static final Map<BodySite, Symptom> UNREAD = new EnumMap<>(Map.ofEntries(
            Map.entry(BodySite.UPPER_ARM, Symptom.VOCAL_TICS),
            Map.entry(BodySite.CALF, Symptom.URGE_TO_MOVE_LEGS),
            Map.entry(BodySite.KNEE, Symptom.IMPAIRED_VISION),
            Map.entry(BodySite.EYE, Symptom.PAIN),
            Map.entry(BodySite.EYELID, Symptom.NUMBNESS),
            Map.entry(BodySite.FACE, Symptom.PAIN),
            Map.entry(BodySite.LIP, Symptom.PAIN),
            Map.entry(BodySite.LEG, Symptom.BACK_PAIN),
            Map.entry(BodySite.HAND, Symptom.NUMBNESS),
            Map.entry(BodySite.ABDOMEN, Symptom.PAIN),
            Map.entry(BodySite.WHOLE_BODY, Symptom.IMPAIRED_VISION)));

    private static final String[] AGE_RULES = {"SCOPE-BABY", "SCOPE-SMALL-CHILD"};

    static Stream<RuleCase> cases() {
        Stream<RuleCase> complaints = UNREAD.entrySet().stream().flatMap(e -> {
            String id = "SCOPE-COMPLAINT-" + e.getKey().name().replace('_', '-');
            return Stream.of(
                    RuleCase.of(e.getKey().display() + " twitch with " + e.getValue().display()
                                    + ": not discussed there, outside the guideline, doctor soon",
                                    adult(Sex.FEMALE), twitch(e.getKey()).symptom(e.getValue()))
                            .fires(id, "SCOPE-REFER")
                            .concludes(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, FindingCode.SEE_DOCTOR)
                            .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE,
                                    FindingCode.MAGNESIUM_SUPPLEMENT),
                    RuleCase.of(e.getKey().display() + " twitch, nothing else: within the guideline",
                                    adult(Sex.MALE), twitch(e.getKey()))
                            .doesNotFire(id, "SCOPE-REFER", "SCOPE-CRITICAL-LAB", "SCOPE-DURATION",
                                    "SCOPE-CHILD-MAGNESIUM")
                            .doesNotFire(AGE_RULES)
                            .doesNotConclude(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM));
        });
        Stream<RuleCase> others = Stream.of(
                RuleCase.of("baby of 0 with a calf twitch: outside the guideline, doctor without delay",
                                adult(Sex.FEMALE).ageYears(0), twitch(BodySite.CALF))
                        .fires("SCOPE-BABY", "SCOPE-REFER")
                        .doesNotFire("SCOPE-SMALL-CHILD", "CALF-MAGNESIUM", "CALF-REASSURE", "SCOPE-CHILD-MAGNESIUM")
                        .urgency(Urgency.URGENT),
                RuleCase.of("toddler of 2 with increasing whole-body twitching: doctor soon, no ALS or MS",
                                adult(Sex.MALE).ageYears(2), twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("SCOPE-SMALL-CHILD", "REF-INCREASING")
                        .doesNotFire("NEU-BODY-INCREASING", "NEU-REFER")
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS)
                        .urgency(Urgency.SOON),
                RuleCase.of("child of 6 with a calf twitch: in scope, food rather than tablets, usually harmless",
                                adult(Sex.FEMALE).ageYears(6), twitch(BodySite.CALF))
                        .fires("SCOPE-CHILD-MAGNESIUM", "CALF-REASSURE")
                        .doesNotFire(AGE_RULES)
                        .doesNotFire("CALF-MAGNESIUM")
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("child of 10 with a lip twitch: in scope, reassured, nothing about magnesium",
                                adult(Sex.MALE).ageYears(10), twitch(BodySite.LIP))
                        .fires("LIP-REASSURE")
                        .doesNotFire("SCOPE-CHILD-MAGNESIUM")
                        .doesNotFire(AGE_RULES),
                RuleCase.of("lip twitch for 30 days: beyond passing, outside the guideline, doctor soon",
                                adult(Sex.FEMALE), twitch(BodySite.LIP).durationDays(30))
                        .fires("SCOPE-DURATION", "SCOPE-REFER")
                        .doesNotFire("LIP-REASSURE")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_DURATION)
                        .urgency(Urgency.SOON),
                RuleCase.of("leg with restless legs for 90 days: with the neurologist, not outside by its duration",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).durationDays(90).symptom(Symptom.TINGLING))
                        .fires("LEG-RESTLESS-LEGS", "SCOPE-DURATION-SPECIALIST")
                        .doesNotFire("SCOPE-DURATION")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("leg with restless legs for 10 days: the neurologist alone, not yet a long twitch",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).durationDays(10).symptom(Symptom.TINGLING))
                        .fires("LEG-RESTLESS-LEGS")
                        .doesNotFire("SCOPE-DURATION", "SCOPE-DURATION-SPECIALIST"),
                RuleCase.of("hand twitch for 200 days: persisting, doctor soon (HAND-3), no waiting",
                                adult(Sex.MALE), twitch(BodySite.HAND).durationDays(200))
                        .fires("RF-PERSISTING", "REF-HAND-PERSISTING")
                        .doesNotFire("SCOPE-DURATION", "HAND-REASSURE")
                        .doesNotConclude(FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("whole body and upper arm with weakness: no reassurance for the whole body either",
                                adult(Sex.MALE), twitch(BodySite.WHOLE_BODY),
                                twitch(BodySite.UPPER_ARM).symptom(Symptom.PARALYSIS))
                        .fires("REF-PARALYSIS")
                        .doesNotFire("BODY-REASSURE")
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.URGENT),
                RuleCase.of("restless legs with the neurologist and a stress eyelid: the eyelid is not reassured either",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).symptom(Symptom.URGE_TO_MOVE_LEGS),
                                twitch(BodySite.EYELID))
                        .fires("LEG-RESTLESS-LEGS")
                        .doesNotFire("LID-REASSURE")
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE),
                RuleCase.of("leg jerk before sleep with tingling and urge to move: restless legs, no 'harmless'",
                                adult(Sex.MALE), twitch(BodySite.LEG).beforeSleep(true)
                                        .symptom(Symptom.TINGLING).symptom(Symptom.URGE_TO_MOVE_LEGS))
                        .fires("LEG-RESTLESS-LEGS")
                        .doesNotFire("LEG-SLEEP-START", "LEG-REASSURE")
                        .doesNotConclude(FindingCode.SLEEP_START));
        return Stream.concat(complaints, others);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }
}
