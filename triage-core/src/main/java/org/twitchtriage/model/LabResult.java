package org.twitchtriage.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import lombok.Builder;
import lombok.NonNull;
import lombok.Value;

/**
 * One measured serum electrolyte with its unit and, when the laboratory reported them, its own reference range and
 * verdict. Immutable.
 *
 * <p>The laboratory's word wins over the built-in limits of {@link Analyte}: its interpretation decides whether the
 * value is low or critical; without one, its reference range decides whether the value is low. The built-in critical
 * limits stay as a safety net only where the laboratory gave no interpretation at all (docs/clinical-scope.md).
 */
@Value
@Builder
public class LabResult {
    @NonNull Analyte analyte;
    @NonNull BigDecimal value;
    @NonNull LabUnit unit;
    /** The laboratory's reference range, in {@link #unit}; {@link ReferenceRange#NOT_GIVEN} when it gave none. */
    @NonNull
    @Builder.Default
    ReferenceRange referenceRange = ReferenceRange.NOT_GIVEN;
    /** The laboratory's verdict; {@link LabInterpretation#NOT_GIVEN} when it gave none. */
    @NonNull
    @Builder.Default
    LabInterpretation interpretation = LabInterpretation.NOT_GIVEN;

    /** @return the value converted to mmol/L */
    public BigDecimal valueInMmolPerL() {
        return switch (unit) {
            case MMOL_PER_L -> value;
            // mg/dL -> mg/L (x10) -> mmol/L (/ molar mass)
            case MG_PER_DL -> value.multiply(BigDecimal.TEN).divide(analyte.molarMass(), MathContext.DECIMAL64);
            case MEQ_PER_L -> value.divide(BigDecimal.valueOf(analyte.charge()), MathContext.DECIMAL64);
        };
    }

    /**
     * @return true when the laboratory called the value critical; without a verdict of the laboratory, when the value
     *         lies at or beyond one of the analyte's critical limits (see {@link Analyte}), low or high
     */
    public boolean isCritical() {
        if (interpretation != LabInterpretation.NOT_GIVEN) {
            return interpretation.isCritical();
        }
        BigDecimal mmol = valueInMmolPerL().setScale(3, RoundingMode.HALF_UP);
        return mmol.compareTo(analyte.criticalLowMmolPerL()) <= 0
                || mmol.compareTo(analyte.criticalHighMmolPerL()) >= 0;
    }

    /**
     * @return true when the value is low: as the laboratory's verdict says; without one, below the laboratory's lower
     *         limit; without that, below the lower limit of the analyte's built-in reference range
     */
    public boolean isBelowReference() {
        if (interpretation.saysWhetherLow()) {
            return interpretation.isLow();
        }
        if (referenceRange.low().isPresent()) {
            return value.compareTo(referenceRange.low().get()) < 0;
        }
        return valueInMmolPerL().setScale(3, RoundingMode.HALF_UP).compareTo(analyte.lowerLimitMmolPerL()) < 0;
    }
}
