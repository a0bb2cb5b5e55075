package org.twitchtriage.model;

/**
 * The laboratory's own verdict on a result (HL7 v3 ObservationInterpretation: {@code N}, {@code L}, {@code LL},
 * {@code H}, {@code HH}, {@code A}, {@code AA}). When the laboratory gave one, it wins over the built-in limits of
 * {@link Analyte}: the laboratory knows its method and its population (docs/clinical-scope.md).
 */
public enum LabInterpretation {
    /** The laboratory gave no verdict: the laboratory's range, else the built-in limits, decide. */
    NOT_GIVEN,
    /** Within the laboratory's reference range ({@code N}). */
    NORMAL,
    /** Below the laboratory's reference range ({@code L}). */
    LOW,
    /** Critically low ({@code LL}). */
    CRITICALLY_LOW,
    /** Above the laboratory's reference range ({@code H}). */
    HIGH,
    /** Critically high ({@code HH}). */
    CRITICALLY_HIGH,
    /** Abnormal, direction not said ({@code A}). */
    ABNORMAL,
    /** Critically abnormal, direction not said ({@code AA}). */
    CRITICALLY_ABNORMAL;

    /** @return true when the laboratory called the value critical */
    public boolean isCritical() {
        return this == CRITICALLY_LOW || this == CRITICALLY_HIGH || this == CRITICALLY_ABNORMAL;
    }

    /** @return true when the laboratory said whether the value is low: normal, high or low, critical or not */
    public boolean saysWhetherLow() {
        return this != NOT_GIVEN && this != ABNORMAL && this != CRITICALLY_ABNORMAL;
    }

    /** @return true when the laboratory called the value low, critically or not */
    public boolean isLow() {
        return this == LOW || this == CRITICALLY_LOW;
    }
}
