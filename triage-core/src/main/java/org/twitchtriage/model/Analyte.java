package org.twitchtriage.model;

import java.math.BigDecimal;

/**
 * Serum electrolytes the guideline mentions. Each knows its molar mass and charge (to convert units) and the lower
 * limit of a common adult reference range in mmol/L. Reference ranges differ between laboratories; these are
 * conservative textbook values, used only to flag a measured value as low.
 */
public enum Analyte {
    MAGNESIUM("serum magnesium", new BigDecimal("24.305"), 2, new BigDecimal("0.70")),
    SODIUM("serum sodium", new BigDecimal("22.990"), 1, new BigDecimal("135")),
    POTASSIUM("serum potassium", new BigDecimal("39.098"), 1, new BigDecimal("3.5")),
    CALCIUM("serum calcium (total)", new BigDecimal("40.078"), 2, new BigDecimal("2.15"));

    private final String display;
    private final BigDecimal molarMass;
    private final int charge;
    private final BigDecimal lowerLimitMmolPerL;

    Analyte(String display, BigDecimal molarMass, int charge, BigDecimal lowerLimitMmolPerL) {
        this.display = display;
        this.molarMass = molarMass;
        this.charge = charge;
        this.lowerLimitMmolPerL = lowerLimitMmolPerL;
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
