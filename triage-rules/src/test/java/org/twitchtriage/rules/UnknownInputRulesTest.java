package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.pregnantWoman;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * What the record does not say (scope/scope.dslr): an unknown course is never reassured, an unknown body site gets no
 * site's advice but every warning sign that holds at all sites, and the decision says what was unknown (DX-1).
 */
class UnknownInputRulesTest {
    private static final FindingCode[] REASSURING = {FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE,
        FindingCode.SLEEP_START};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("calf twitch, course unknown: not reassured, the unknown course is named, doctor soon",
                                adult(Sex.MALE), twitch(BodySite.CALF).course(Course.UNKNOWN))
                        .fires("SCOPE-COURSE-UNKNOWN", "SCOPE-REFER")
                        .doesNotFire("CALF-REASSURE", "SCOPE-SITE-UNKNOWN")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(REASSURING)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch, course known: nothing said about an unknown course",
                                adult(Sex.MALE), twitch(BodySite.CALF).course(Course.IMPROVING))
                        .fires("CALF-REASSURE")
                        .doesNotFire("SCOPE-COURSE-UNKNOWN", "SCOPE-SITE-UNKNOWN", "SCOPE-SITE-UNKNOWN-COMPLAINT")
                        .doesNotConclude(FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN),
                RuleCase.of("upper arm with weakness, course unknown: paralysis still urgent (the demo without course)",
                                adult(Sex.FEMALE), twitch(BodySite.UPPER_ARM).course(Course.UNKNOWN)
                                        .symptom(Symptom.PARALYSIS))
                        .fires("RF-PARALYSIS", "REF-PARALYSIS", "SCOPE-COURSE-UNKNOWN")
                        .concludes(FindingCode.RED_FLAG_PARALYSIS, FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN)
                        .urgency(Urgency.URGENT),
                RuleCase.of("site unknown, nothing else: no site's advice, the unknown site is named, doctor soon",
                                adult(Sex.FEMALE), twitch(BodySite.UNKNOWN))
                        .fires("SCOPE-SITE-UNKNOWN", "SCOPE-REFER")
                        .doesNotFire("SCOPE-SITE-UNKNOWN-COMPLAINT", "SCOPE-COURSE-UNKNOWN")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SITE_UNKNOWN, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(REASSURING)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.DIETARY_MAGNESIUM)
                        .urgency(Urgency.SOON),
                RuleCase.of("site unknown with weakness: the site-independent red flag fires, urgently",
                                adult(Sex.MALE), twitch(BodySite.UNKNOWN).symptom(Symptom.PARALYSIS))
                        .fires("RF-PARALYSIS", "REF-PARALYSIS", "SCOPE-SITE-UNKNOWN", "SCOPE-SITE-UNKNOWN-COMPLAINT")
                        .concludes(FindingCode.RED_FLAG_PARALYSIS, FindingCode.OUTSIDE_GUIDELINE_SITE_UNKNOWN)
                        .urgency(Urgency.URGENT),
                RuleCase.of("site unknown and increasing: the red flag for increasing twitching fires",
                                adult(Sex.MALE), twitch(BodySite.UNKNOWN).course(Course.INCREASING))
                        .fires("RF-INCREASING", "REF-INCREASING", "SCOPE-SITE-UNKNOWN")
                        .concludes(FindingCode.RED_FLAG_INCREASING)
                        .urgency(Urgency.SOON),
                RuleCase.of("site unknown and self-care failed: the red flag for failed self-care fires",
                                adult(Sex.FEMALE), twitch(BodySite.UNKNOWN).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("RF-SELF-CARE-FAILED", "REF-SELF-CARE-FAILED")
                        .concludes(FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE)
                        .urgency(Urgency.SOON),
                RuleCase.of("site unknown with pain: no site's red flag, but a doctor within days",
                                adult(Sex.FEMALE), twitch(BodySite.UNKNOWN).symptom(Symptom.PAIN))
                        .fires("SCOPE-SITE-UNKNOWN-COMPLAINT")
                        .doesNotFire("RF-PAIN", "RF-PAIN-CALF")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM)
                        .doesNotConclude(FindingCode.RED_FLAG_PAIN)
                        .urgency(Urgency.SOON),
                RuleCase.of("site unknown, leg jerk before sleep: not called a harmless sleep start",
                                adult(Sex.MALE), twitch(BodySite.UNKNOWN).beforeSleep(true))
                        .doesNotFire("LEG-SLEEP-START")
                        .doesNotConclude(FindingCode.SLEEP_START),
                RuleCase.of("site unknown in pregnancy: no magnesium advice for a site, the unknown site is named",
                                pregnantWoman(), twitch(BodySite.UNKNOWN))
                        .fires("SCOPE-SITE-UNKNOWN")
                        .doesNotConclude(REASSURING),
                RuleCase.of("site and course unknown: both named, never reassured",
                                adult(Sex.MALE), twitch(BodySite.UNKNOWN).course(Course.UNKNOWN))
                        .fires("SCOPE-SITE-UNKNOWN", "SCOPE-COURSE-UNKNOWN", "SCOPE-REFER")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SITE_UNKNOWN,
                                FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN)
                        .doesNotConclude(REASSURING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @ParameterizedTest(name = "{0} twitch with an unknown course")
    @EnumSource(value = BodySite.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    @DisplayName("an unknown course is never reassured at any body site, and the decision says why (DX-1)")
    void unknownCourse_neverReassured(BodySite site) {
        TriageDecision d = ENGINE.evaluate(org.twitchtriage.testkit.TriageRequests.request(adult(Sex.FEMALE),
                twitch(site).course(Course.UNKNOWN)));

        assertThat(d.findings()).noneMatch(f -> f.getCode().isReassuring());
        assertThat(d.findings()).anySatisfy(f -> {
            assertThat(f.getCode()).isEqualTo(FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN);
            assertThat(f.getPassages()).contains("DX-1");
        });
    }
}
