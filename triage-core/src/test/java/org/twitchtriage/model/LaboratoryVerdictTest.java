package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The laboratory's own range and verdict against the built-in limits of {@link Analyte}. */
class LaboratoryVerdictTest {
    private static LabResult.LabResultBuilder magnesium(String mmolPerL) {
        return LabResult.builder().analyte(Analyte.MAGNESIUM).value(new BigDecimal(mmolPerL))
                .unit(LabUnit.MMOL_PER_L);
    }

    @ParameterizedTest(name = "magnesium {0} mmol/L, verdict {1}: low {2}, critical {3}")
    @CsvSource(textBlock = """
            0.65, NORMAL,              false, false
            0.85, LOW,                 true,  false
            0.85, CRITICALLY_LOW,      true,  true
            0.30, NORMAL,              false, false
            0.30, LOW,                 true,  false
            0.30, NOT_GIVEN,           true,  true
            0.65, NOT_GIVEN,           true,  false
            0.65, ABNORMAL,            true,  false
            0.85, CRITICALLY_ABNORMAL, false, true
            2.10, HIGH,                false, false
            2.10, NOT_GIVEN,           false, true
            """)
    @DisplayName("the laboratory's verdict wins; the built-in limits decide only where it gave none")
    void verdictWins(String value, LabInterpretation verdict, boolean low, boolean critical) {
        LabResult lab = magnesium(value).interpretation(verdict).build();

        assertThat(lab.isBelowReference()).as("low").isEqualTo(low);
        assertThat(lab.isCritical()).as("critical").isEqualTo(critical);
    }

    @Test
    @DisplayName("a laboratory range with a lower limit below the built-in one: 0.68 is normal there")
    void laboratoryRange_winsOverBuiltInLowerLimit() {
        LabResult lab = magnesium("0.68").referenceRange(ReferenceRange.of(new BigDecimal("0.66"),
                new BigDecimal("1.07"))).build();

        assertThat(lab.isBelowReference()).isFalse();
        assertThat(magnesium("0.68").build().isBelowReference()).as("built-in limit 0.70").isTrue();
    }

    @Test
    @DisplayName("a laboratory range with only an upper limit leaves the built-in lower limit in force")
    void rangeWithoutLowerLimit_keepsBuiltInLowerLimit() {
        LabResult lab = magnesium("0.60").referenceRange(ReferenceRange.of(null, new BigDecimal("1.0"))).build();

        assertThat(lab.isBelowReference()).isTrue();
        assertThat(ReferenceRange.of(null, null)).isSameAs(ReferenceRange.NOT_GIVEN);
    }
}
