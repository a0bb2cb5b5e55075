package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrgencyTest {
    @ParameterizedTest(name = "max({0}, {1}) = {2}")
    @CsvSource(textBlock = """
            ROUTINE, ROUTINE, ROUTINE
            ROUTINE, SOON,    SOON
            ROUTINE, URGENT,  URGENT
            SOON,    SOON,    SOON
            SOON,    URGENT,  URGENT
            URGENT,  URGENT,  URGENT
            """)
    @DisplayName("the higher of two urgencies wins, whichever comes first")
    void max_isTheHigherUrgency(Urgency a, Urgency b, Urgency expected) {
        assertThat(a.max(b)).isEqualTo(expected);
        assertThat(b.max(a)).isEqualTo(expected);
    }
}
