package org.twitchtriage.model;

/** Units in which a serum electrolyte may be reported. */
public enum LabUnit {
    MMOL_PER_L("mmol/L"),
    MG_PER_DL("mg/dL"),
    MEQ_PER_L("mEq/L");

    private final String symbol;

    LabUnit(String symbol) {
        this.symbol = symbol;
    }

    /** @return the UCUM-like symbol, e.g. {@code mmol/L} */
    public String symbol() {
        return symbol;
    }
}
