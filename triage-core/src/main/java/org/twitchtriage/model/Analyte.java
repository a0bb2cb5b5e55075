package org.twitchtriage.model;

import java.math.BigDecimal;

/**
 * Serum electrolytes the guideline mentions. Each knows its molar mass and charge (to convert units), the lower
 * limit of a common adult reference range in mmol/L, and the adult critical limits in mmol/L.
 *
 * <p>Reference ranges differ between laboratories; the lower limits are conservative textbook values, used only to
 * flag a measured value as low. The critical limits (values that call for a doctor without delay, whatever the
 * complaint) are the mean adult critical limits of the survey of US medical centres by Kost, "Critical limits for
 * urgent clinician notification at US medical centers", JAMA 1990;263(5):704-707: sodium 120 and 160 mmol/L,
 * potassium 2.8 and 6.2 mmol/L, total calcium 6.0 and 13.0 mg/dL, magnesium 1.0 and 4.7 mg/dL (converted here to
 * mmol/L, two decimals). They are kept here and nowhere else; docs/clinical-scope.md explains them.
 */
public enum Analyte {
    MAGNESIUM("serum magnesium", new BigDecimal("24.305"), 2, new BigDecimal("0.70"),
            new BigDecimal("0.41"), new BigDecimal("1.93")),
    SODIUM("serum sodium", new BigDecimal("22.990"), 1, new BigDecimal("135"),
            new BigDecimal("120"), new BigDecimal("160")),
    POTASSIUM("serum potassium", new BigDecimal("39.098"), 1, new BigDecimal("3.5"),
            new BigDecimal("2.8"), new BigDecimal("6.2")),
    CALCIUM("serum calcium (total)", new BigDecimal("40.078"), 2, new BigDecimal("2.15"),
            new BigDecimal("1.50"), new BigDecimal("3.24"));

    private final String display;
    private final BigDecimal molarMass;
    private final int charge;
    private final BigDecimal lowerLimitMmolPerL;
    private final BigDecimal criticalLowMmolPerL;
    private final BigDecimal criticalHighMmolPerL;

    Analyte(String display, BigDecimal molarMass, int charge, BigDecimal lowerLimitMmolPerL,
            BigDecimal criticalLowMmolPerL, BigDecimal criticalHighMmolPerL) {
        this.display = display;
        this.molarMass = molarMass;
        this.charge = charge;
        this.lowerLimitMmolPerL = lowerLimitMmolPerL;
        this.criticalLowMmolPerL = criticalLowMmolPerL;
        this.criticalHighMmolPerL = criticalHighMmolPerL;
    }

    /** @return the adult critical low limit in mmol/L: a value at or below it is critical */
    public BigDecimal criticalLowMmolPerL() {
        return criticalLowMmolPerL;
    }

    /** @return the adult critical high limit in mmol/L: a value at or above it is critical */
    public BigDecimal criticalHighMmolPerL() {
        return criticalHighMmolPerL;
    }

    /** @return a short human-readable label */
    public String display() {
        return display;
    }

    /** @return molar mass in g/mol */
    public BigDecimal molarMass() {
        return molarMass;
    }

    /** @return the ion's charge, used to convert mEq/L */
    public int charge() {
        return charge;
    }

    /** @return the lower limit of the reference range in mmol/L */
    public BigDecimal lowerLimitMmolPerL() {
        return lowerLimitMmolPerL;
    }
}
