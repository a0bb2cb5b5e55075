package org.twitchtriage.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.RuleInfo;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Conclusion;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

@DisplayName("Merging the conclusions of one evaluation into findings")
class FindingAssemblerTest {
    private static final FindingAssembler ASSEMBLER = new FindingAssembler(Guideline.muscleTwitching());
    private static final Twitch CALF = Twitch.builder().id("t2").site(BodySite.CALF).course(Course.NEW).build();
    private static final Twitch EYE = Twitch.builder().id("t1").site(BodySite.EYE).course(Course.NEW).build();
    private static final RuleInfo LATER = new RuleInfo("R-B", "rule b", "p", List.of("CALF-2", "PREG-1"));
    private static final RuleInfo EARLIER = new RuleInfo("R-A", "rule a", "p", List.of("PREG-2", "CALF-2"));

    private static EvaluationRecorder.Attributed by(RuleInfo rule, int firing, Urgency urgency, Twitch twitch,
                                                    String text) {
        return new EvaluationRecorder.Attributed(
                Conclusion.of(FindingCode.MAGNESIUM_DEFICIENCY, urgency, twitch, text), rule, firing);
    }

    @Test
    @DisplayName("one finding per code: passages in guideline order, rules and twitches sorted, all without repeats")
    void mergesOneCode() {
        List<Finding> findings = ASSEMBLER.assemble(List.of(
                by(LATER, 0, Urgency.ROUTINE, CALF, "x"),
                by(EARLIER, 1, Urgency.SOON, EYE, "y"),
                by(LATER, 2, Urgency.ROUTINE, EYE, "z")));

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(f.getPassages()).containsExactly("PREG-1", "PREG-2", "CALF-2");
        assertThat(f.getRules()).containsExactly("R-A", "R-B");
        assertThat(f.getTwitchIds()).containsExactly("t1", "t2");
        assertThat(f.getReasons()).extracting(Finding.Reason::getFiring).containsExactly(0, 1, 2);
    }

    @Test
    @DisplayName("the same rule, twitch and text twice: one reason, in the place of the first, the higher urgency")
    void keepsOneReasonPerRuleTwitchAndText() {
        List<Finding> findings = ASSEMBLER.assemble(List.of(
                by(LATER, 0, Urgency.ROUTINE, CALF, "same"),
                by(EARLIER, 1, Urgency.ROUTINE, CALF, "other"),
                by(LATER, 2, Urgency.URGENT, CALF, "same"),
                by(LATER, 3, Urgency.SOON, CALF, "same")));

        List<Finding.Reason> reasons = findings.get(0).getReasons();
        assertThat(reasons).extracting(Finding.Reason::getRuleId).containsExactly("R-B", "R-A");
        assertThat(reasons.get(0).getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(reasons.get(0).getFiring()).isEqualTo(2);
    }

    @Test
    @DisplayName("several codes: a finding each, in presentation order, each with only its own conclusions")
    void separatesCodes() {
        EvaluationRecorder.Attributed redFlag = new EvaluationRecorder.Attributed(
                Conclusion.redFlag(FindingCode.RED_FLAG_PARALYSIS, CALF, "weak"), EARLIER, 1);
        List<Finding> findings = ASSEMBLER.assemble(List.of(by(LATER, 0, Urgency.ROUTINE, CALF, "x"), redFlag));

        assertThat(findings).extracting(Finding::getCode)
                .containsExactly(FindingCode.RED_FLAG_PARALYSIS, FindingCode.MAGNESIUM_DEFICIENCY);
        assertThat(findings.get(1).getRules()).containsExactly("R-B");
        assertThat(findings.get(0).getRules()).containsExactly("R-A");
    }
}
