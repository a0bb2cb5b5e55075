package org.twitchtriage.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import lombok.Builder;
import lombok.NonNull;
import lombok.Value;

/**
 * One measured serum electrolyte with its unit. Immutable.
 */
@Value
@Builder
public class LabResult {
    @NonNull Analyte analyte;
    @NonNull BigDecimal value;
    @NonNull LabUnit unit;

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
     * @return true when the value lies at or beyond one of the analyte's critical limits (see {@link Analyte}), low
     *         or high
     */
    public boolean isCritical() {
        BigDecimal mmol = valueInMmolPerL().setScale(3, RoundingMode.HALF_UP);
        return mmol.compareTo(analyte.criticalLowMmolPerL()) <= 0
                || mmol.compareTo(analyte.criticalHighMmolPerL()) >= 0;
    }

    /** @return true when the value lies below the lower limit of the analyte's reference range */
    public boolean isBelowReference() {
        return valueInMmolPerL().setScale(3, RoundingMode.HALF_UP).compareTo(analyte.lowerLimitMmolPerL()) < 0;
    }
}
