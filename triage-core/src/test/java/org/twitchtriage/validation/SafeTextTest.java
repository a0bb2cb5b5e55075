package org.twitchtriage.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    @DisplayName("C0, DEL, C1 and bidi controls become '?', ordinary text is kept as it is")
    void neutralisesControls() {
        String hostile = "a\u001b[31mb\u0007c\u007fd\u009be\u202ef\u2066g\u200eh\u200fi\u202aj\tk\nl\rm";

        assertThat(SafeText.line(hostile)).isEqualTo("a?[31mb?c?d?e?f?g?h?i?j?k?l?m");
        assertThat(SafeText.lines(hostile)).isEqualTo("a?[31mb?c?d?e?f?g?h?i?j\tk\nl?m");
        String plain = "Twitch t1 (Wadenkrämpfe, 筋肉) — fine";
        assertThat(SafeText.line(plain)).isSameAs(plain);
        assertThat(SafeText.line(null)).isEqualTo("null");
    }
}
