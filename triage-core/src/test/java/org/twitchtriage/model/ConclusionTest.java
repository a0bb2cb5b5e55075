package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConclusionTest {
    private static final Twitch CALF = Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW).build();

    static Stream<Arguments> wrongKinds() {
        return Stream.of(
                arguments("red flag from a referral code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.redFlag(c, CALF, "x"),
                        FindingCode.SEE_DOCTOR, "SEE_DOCTOR is a REFERRAL, not a RED_FLAG"),
                arguments("urgent red flag from a hypothesis code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.redFlag(c, Urgency.URGENT, CALF, "x"),
                        FindingCode.ALS, "ALS is a HYPOTHESIS, not a RED_FLAG"),
                arguments("referral from a workup code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.referral(c, Urgency.SOON, CALF, "x"),
                        FindingCode.EMG, "EMG is a WORKUP, not a REFERRAL"),
                arguments("workup step from a referral code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.workup(c, Urgency.SOON, CALF, "x"),
                        FindingCode.SEE_NEUROLOGIST, "SEE_NEUROLOGIST is a REFERRAL, not a WORKUP"),
                arguments("hypothesis from a self-care code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.hypothesis(c, CALF, "x"),
                        FindingCode.MAGNESIUM_SUPPLEMENT, "MAGNESIUM_SUPPLEMENT is a SELF_CARE, not a HYPOTHESIS"),
                arguments("self-care from a hypothesis code",
                        (Function<FindingCode, Conclusion>) c -> Conclusion.selfCare(c, CALF, "x"),
                        FindingCode.MAGNESIUM_DEFICIENCY, "MAGNESIUM_DEFICIENCY is a HYPOTHESIS, not a SELF_CARE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongKinds")
    @DisplayName("a factory refuses a code of another kind")
    void factory_refusesCodeOfTheWrongKind(String scenario, Function<FindingCode, Conclusion> factory,
                                           FindingCode code, String message) {
        assertThatThrownBy(() -> factory.apply(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    @DisplayName("each factory gives its kind's usual urgency and keeps the twitch")
    void factories_giveTheUsualUrgency() {
        assertThat(Conclusion.redFlag(FindingCode.RED_FLAG_PAIN, CALF, "x").getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(Conclusion.redFlag(FindingCode.RED_FLAG_PARALYSIS, Urgency.URGENT, CALF, "x").getUrgency())
                .isEqualTo(Urgency.URGENT);
        assertThat(Conclusion.hypothesis(FindingCode.ALS, CALF, "x").getUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(Conclusion.selfCare(FindingCode.REST_LIMB, CALF, "x").getUrgency()).isEqualTo(Urgency.ROUTINE);
        Conclusion reassurance = Conclusion.reassurance(CALF, "x");
        assertThat(reassurance.getCode()).isEqualTo(FindingCode.USUALLY_HARMLESS);
        assertThat(reassurance.getKind()).isEqualTo(FindingKind.REASSURANCE);
        assertThat(reassurance.getTwitchId()).isEqualTo("t1");
        assertThat(Conclusion.of(FindingCode.STRESS, Urgency.ROUTINE, null, "x").getTwitchId()).isNull();
    }

    @Test
    @DisplayName("a workup step that follows a referral keeps its urgency and twitch")
    void following_inheritsUrgencyAndTwitch() {
        Conclusion referral = Conclusion.referral(FindingCode.SEE_NEUROLOGIST, Urgency.URGENT, CALF, "x");

        Conclusion emg = Conclusion.following(referral, FindingCode.EMG, "y");

        assertThat(emg.getCode()).isEqualTo(FindingCode.EMG);
        assertThat(emg.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(emg.getTwitchId()).isEqualTo("t1");
        assertThat(emg.getExplanation()).isEqualTo("y");
    }

    @Test
    @DisplayName("a conclusion needs an explanation in words")
    void blankExplanation_isRefused() {
        assertThatThrownBy(() -> Conclusion.hypothesis(FindingCode.STRESS, CALF, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRESS");
    }
}
