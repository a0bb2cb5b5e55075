package org.twitchtriage.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e99999999|is out of range",
            "1e999999999|is out of range",
            "-1e-9999999|is out of range",
            "1e-9999999|is out of range",
            "0e-9999999|is out of range",
            "0e99999999|is out of range",
            "1e12|is out of range",
            "123456789012345678901234567890.5|has too many digits",
            "0.1234567890123456|has too many digits after the decimal point"})
    @DisplayName("extreme decimals are named quickly, without their digits")
    void extremeDecimals_areRejectedQuickly(String text, String expected) {
        String problem = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> Limits.decimalProblem(new BigDecimal(text)).orElseThrow());
        assertThat(problem).startsWith(expected).hasSizeLessThan(80).doesNotContain("99999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.62", "140", "0", "-3.5", "999999999999", "1e11", "0.000000000000001", "6.20E+1"})
    @DisplayName("ordinary measured values are within bounds")
    void ordinaryDecimals_areAccepted(String text) {
        assertThat(Limits.decimalProblem(new BigDecimal(text))).isEmpty();
        assertThat(Limits.isBounded(new BigDecimal(text))).isTrue();
    }

    @Test
    @DisplayName("the magnitude bound written in the schema is the one the exponent check enforces")
    void magnitudeBound_matchesExponent() {
        BigDecimal bound = BigDecimal.valueOf(Limits.DECIMAL_MAGNITUDE_BOUND);
        assertThat(bound).isEqualByComparingTo(BigDecimal.TEN.pow(Limits.MAX_DECIMAL_EXPONENT + 1));
        assertThat(Limits.isBounded(bound)).isFalse();
        assertThat(Limits.isBounded(bound.negate())).isFalse();
        assertThat(Limits.isBounded(bound.subtract(BigDecimal.ONE))).isTrue();
        assertThat(Limits.isBounded(bound.subtract(new BigDecimal("0.000001")))).isTrue();
    }
}
