package org.twitchtriage.model;

import java.util.List;
import java.util.Set;
import lombok.Builder;
import lombok.Singular;
import lombok.ToString;
import lombok.Value;

/**
 * The patient as the rules see it. Immutable; collections are unmodifiable.
 *
 * <p>{@code reference} is a pseudonymous reference chosen by the caller. It is never logged and never shown by
 * {@link #toString()}. Required values ({@code reference}, {@code ageYears}, {@code sex}) are checked by the
 * validator, not here, so that every missing value can be reported at once.
 */
@Value
@Builder(toBuilder = true)
public class Patient {
    /**
     * Age in years from which children are in the guideline's scope, with its adult-only parts left out: the guideline
     * is written for adults and speaks of children once, of school children and adolescents (FACE-3).
     */
    public static final int SCHOOL_AGE = 6;
    /** Age in years from which the guideline's adult advice (magnesium tablets, ALS and MS) applies. */
    public static final int ADULT_AGE = 18;

    /** Pseudonymous reference; personal data, never logged. */
    @ToString.Exclude
    String reference;
    /** Age in completed years. */
    Integer ageYears;
    Sex sex;
    /** Whether the patient is pregnant; {@code false} when not stated. */
    boolean pregnant;
    @Singular
    Set<Circumstance> circumstances;
    @Singular
    List<LabResult> labResults;

    /** @return true when the patient reports the given circumstance */
    public boolean has(Circumstance circumstance) {
        return circumstances.contains(circumstance);
    }

    /** @return true when any measured electrolyte lies at or beyond a critical limit, low or high */
    public boolean hasCriticalLab() {
        return labResults.stream().anyMatch(LabResult::isCritical);
    }

    /** @return true when the given electrolyte was measured and is below its reference range */
    public boolean hasLow(Analyte analyte) {
        return labResults.stream().anyMatch(l -> l.getAnalyte() == analyte && l.isBelowReference());
    }
}
