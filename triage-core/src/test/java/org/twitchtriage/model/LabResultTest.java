package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabResultTest {
    private static LabResult lab(Analyte analyte, String value, LabUnit unit) {
        return LabResult.builder().analyte(analyte).value(new BigDecimal(value)).unit(unit).build();
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3} mmol/L")
    @CsvSource(textBlock = """
            MAGNESIUM, 0.82,  MMOL_PER_L, 0.82
            MAGNESIUM, 2.0,   MG_PER_DL,  0.8229
            MAGNESIUM, 2.43,  MG_PER_DL,  0.9998
            MAGNESIUM, 1.4,   MEQ_PER_L,  0.70
            MAGNESIUM, 1.8,   MEQ_PER_L,  0.90
            CALCIUM,   10.0,  MG_PER_DL,  2.4951
            CALCIUM,   5.0,   MEQ_PER_L,  2.50
            SODIUM,    140,   MEQ_PER_L,  140
            POTASSIUM, 4.2,   MEQ_PER_L,  4.2
            """)
    @DisplayName("converts a measured electrolyte to mmol/L")
    void valueInMmolPerL_convertsUnits(Analyte analyte, String value, LabUnit unit, double expectedMmolPerL) {
        assertThat(lab(analyte, value, unit).valueInMmolPerL().doubleValue())
                .isCloseTo(expectedMmolPerL, within(0.0001));
    }

    @ParameterizedTest(name = "{0} {1} {2}: low = {3}")
    @CsvSource(textBlock = """
            MAGNESIUM, 0.65, MMOL_PER_L, true
            MAGNESIUM, 0.70, MMOL_PER_L, false
            MAGNESIUM, 0.85, MMOL_PER_L, false
            MAGNESIUM, 1.5,  MG_PER_DL,  true
            MAGNESIUM, 2.1,  MG_PER_DL,  false
            MAGNESIUM, 1.2,  MEQ_PER_L,  true
            MAGNESIUM, 1.4,  MEQ_PER_L,  false
            MAGNESIUM, 1.9,  MEQ_PER_L,  false
            CALCIUM,   8.0,  MG_PER_DL,  true
            CALCIUM,   9.5,  MG_PER_DL,  false
            SODIUM,    131,  MEQ_PER_L,  true
            SODIUM,    135,  MMOL_PER_L, false
            POTASSIUM, 3.1,  MMOL_PER_L, true
            POTASSIUM, 4.0,  MMOL_PER_L, false
            """)
    @DisplayName("flags a value below the reference range as low, and the lower limit itself as normal")
    void isBelowReference(Analyte analyte, String value, LabUnit unit, boolean low) {
        assertThat(lab(analyte, value, unit).isBelowReference()).isEqualTo(low);
    }

    @Test
    @DisplayName("a patient has low magnesium only when magnesium was measured below the reference range")
    void patientHasLow_looksAtTheRightAnalyte() {
        Patient patient = Patient.builder()
                .labResult(lab(Analyte.MAGNESIUM, "1.2", LabUnit.MEQ_PER_L))
                .labResult(lab(Analyte.SODIUM, "140", LabUnit.MMOL_PER_L))
                .build();

        assertThat(patient.hasLow(Analyte.MAGNESIUM)).isTrue();
        assertThat(patient.hasLow(Analyte.SODIUM)).isFalse();
        assertThat(patient.hasLow(Analyte.POTASSIUM)).as("not measured").isFalse();
    }

    @Test
    @DisplayName("a lab result needs an analyte, a value and a unit")
    void requiredParts() {
        assertThatThrownBy(() -> LabResult.builder().analyte(Analyte.MAGNESIUM).value(BigDecimal.ONE).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("unit");
    }

    @ParameterizedTest(name = "{0} {1} {2}: critical = {3}")
    @CsvSource(textBlock = """
            SODIUM,    118,  MMOL_PER_L, true
            SODIUM,    120,  MMOL_PER_L, true
            SODIUM,    121,  MMOL_PER_L, false
            SODIUM,    159,  MMOL_PER_L, false
            SODIUM,    160,  MMOL_PER_L, true
            POTASSIUM, 2.4,  MMOL_PER_L, true
            POTASSIUM, 2.9,  MMOL_PER_L, false
            POTASSIUM, 6.2,  MMOL_PER_L, true
            CALCIUM,   5.9,  MG_PER_DL,  true
            CALCIUM,   9.5,  MG_PER_DL,  false
            CALCIUM,   13.5, MG_PER_DL,  true
            MAGNESIUM, 0.9,  MG_PER_DL,  true
            MAGNESIUM, 0.55, MMOL_PER_L, false
            MAGNESIUM, 5.0,  MG_PER_DL,  true
            """)
    @DisplayName("flags values at or beyond the adult critical limits (Kost, JAMA 1990), low or high")
    void isCritical_atOrBeyondTheCriticalLimits(Analyte analyte, String value, LabUnit unit, boolean critical) {
        assertThat(lab(analyte, value, unit).isCritical()).isEqualTo(critical);
    }
}
