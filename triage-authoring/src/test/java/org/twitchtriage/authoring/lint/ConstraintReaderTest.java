package org.twitchtriage.authoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.Conclusion;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Twitch;

@DisplayName("Reading the values a pattern's constraints allow")
class ConstraintReaderTest {
    private static FieldDomain read(Class<?> type, String expression, String field) {
        return ConstraintReader.read(type, expression).get(field);
    }

    @Test
    @DisplayName("equality, inequality and lists of enum constants")
    void enums() {
        assertThat(read(Twitch.class, "site == BodySite.CALF", "site").values()).containsExactly("CALF");
        assertThat(read(Twitch.class, "site != BodySite.EYE", "site").values())
                .hasSize(org.twitchtriage.model.BodySite.values().length - 1).doesNotContain("EYE");
        assertThat(read(Twitch.class, "course in (Course.PERSISTING, Course.INCREASING)", "course").values())
                .containsExactlyInAnyOrder("PERSISTING", "INCREASING");
        assertThat(read(Conclusion.class, "kind not in (FindingKind.RED_FLAG)", "kind").values())
                .doesNotContain("RED_FLAG").contains("REFERRAL");
    }

    @Test
    @DisplayName("and narrows, or widens to the values of every alternative")
    void andOr() {
        assertThat(read(Twitch.class, "site == BodySite.CALF && site == BodySite.HAND", "site").isEmpty()).isTrue();
        assertThat(read(Twitch.class, "(site == BodySite.CALF || site == BodySite.HAND)", "site").values())
                .containsExactlyInAnyOrder("CALF", "HAND");
        // one alternative says nothing about the site: the site is not narrowed
        assertThat(ConstraintReader.read(Twitch.class, "site == BodySite.CALF || beforeSleep")).isEmpty();
    }

    @Test
    @DisplayName("booleans and whole numbers")
    void booleansAndNumbers() {
        assertThat(read(Patient.class, "pregnant", "pregnant").values()).containsExactly("true");
        assertThat(read(Patient.class, "pregnant == false", "pregnant").values()).containsExactly("false");
        assertThat(read(Patient.class, "ageYears >= 60 && ageYears < 18", "ageYears").isEmpty()).isTrue();
        assertThat(read(Twitch.class, "durationDays != null && durationDays >= 14", "durationDays").isEmpty())
                .isFalse();
    }

    @Test
    @DisplayName("what it does not understand narrows nothing")
    void unknownConstraints() {
        assertThat(ConstraintReader.read(Twitch.class, "symptoms contains Symptom.PAIN")).isEmpty();
        assertThat(ConstraintReader.read(Conclusion.class, "twitchId == $t.id")).isEmpty();
        assertThat(ConstraintReader.read(Twitch.class, "site == BodySite.ARMPIT")).isEmpty();
        assertThat(ConstraintReader.read(Patient.class, "hasLow(Analyte.MAGNESIUM)")).isEqualTo(Map.of());
    }
}
