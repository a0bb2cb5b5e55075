package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FindingTest {
    private static Finding.Reason reason(String twitch, String text) {
        return new Finding.Reason("R-1", twitch, Urgency.ROUTINE, text, List.of("CALF-8"), 0);
    }

    @Test
    @DisplayName("a finding about several twitches names each twitch before its own advice")
    void explanation_namesTheTwitchOfEachAdvice_whenSeveral() {
        Finding f = Finding.builder().code(FindingCode.MAGNESIUM_SUPPLEMENT).urgency(Urgency.ROUTINE)
                .twitchId("t1").twitchId("t2")
                .reason(reason("t1", "For the calf, take magnesium.")).reason(reason("t2", "Agree tablets."))
                .build();
        assertThat(f.getExplanation()).isEqualTo("t1: For the calf, take magnesium. t2: Agree tablets.");
    }

    @Test
    @DisplayName("a finding about one twitch keeps its advice as it is")
    void explanation_isPlain_forOneTwitch() {
        Finding f = Finding.builder().code(FindingCode.MAGNESIUM_SUPPLEMENT).urgency(Urgency.ROUTINE)
                .twitchId("t1").reason(reason("t1", "Take magnesium.")).reason(reason("t1", "Take magnesium."))
                .build();
        assertThat(f.getExplanation()).isEqualTo("Take magnesium.");
    }

    @Test
    @DisplayName("reassurance in every form counts as such, and the nervous-system hypotheses are named")
    void codes_knowReassuranceAndNervousSystemDiseases() {
        assertThat(FindingCode.SLEEP_START.isReassuring()).isTrue();
        assertThat(FindingCode.SLEEP_START.kind()).isEqualTo(FindingKind.REASSURANCE);
        assertThat(FindingCode.WAIT_AND_SEE.isReassuring()).isTrue();
        assertThat(FindingCode.MAGNESIUM_SUPPLEMENT.isReassuring()).isFalse();
        assertThat(FindingCode.RESTLESS_LEGS_SYNDROME.isNervousSystemDisease()).isTrue();
        assertThat(FindingCode.HERNIATED_DISC_BACK.isNervousSystemDisease()).isFalse();
    }
}
