package org.twitchtriage.validation;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The bounds on input that every reader, the validator and the writers share, defined once. A decimal's exponent is
 * checked before any arithmetic on it: {@code 1e99999999} is ten characters, but rounding it or printing it in plain
 * notation builds a number of a hundred million digits.
 */
public final class Limits {
    /** Most significant digits of a decimal value (a measured value has a handful). */
    public static final int MAX_DECIMAL_DIGITS = 30;
    /** Most digits after the decimal point. */
    public static final int MAX_DECIMAL_PLACES = 15;
    /** Largest decimal exponent of a value: values must stay below 10<sup>12</sup>. */
    public static final int MAX_DECIMAL_EXPONENT = 11;
    /** The magnitude every decimal value stays below: 10<sup>{@value #MAX_DECIMAL_EXPONENT} + 1</sup>. */
    public static final long DECIMAL_MAGNITUDE_BOUND = 1_000_000_000_000L;
    /** Most characters of an id (twitch id) or of the patient's pseudonymous reference; at least one is needed. */
    public static final int MAX_ID_LENGTH = 128;
    /** Most twitches in one request. */
    public static final int MAX_TWITCHES = 50;
    /** Most lab results of one patient (one per analyte is valid; more are reported, up to this many). */
    public static final int MAX_LAB_RESULTS = 20;
    /** Most bytes of one case file (a case with 50 twitches and every field takes about 25 KiB): 1 MiB. */
    public static final int MAX_CASE_FILE_BYTES = 1 << 20;
    /** Most problems listed for one request; the rest are counted, not listed, so that no message is unbounded. */
    public static final int MAX_VIOLATIONS = 100;
    /**
     * Most bytes of one audit record written as a line of a JSON Lines audit log (chain fields included, the newline
     * not): 1 MiB. The writer refuses a larger record before writing anything; the verifier and recovery read a
     * longer line as broken, never holding more than this in memory.
     */
    public static final int MAX_AUDIT_RECORD_BYTES = 1 << 20;

    private Limits() {
    }

    /**
     * @param text an id or reference, possibly {@code null}
     * @return whether it is longer than {@link #MAX_ID_LENGTH}
     */
    public static boolean idTooLong(String text) {
        return text != null && text.length() > MAX_ID_LENGTH;
    }

    /** @return the message for an id or reference over {@link #MAX_ID_LENGTH}; never quotes the value */
    public static String idTooLongMessage() {
        return "is too long (at most " + MAX_ID_LENGTH + " characters)";
    }

    /**
     * Checks a decimal against {@link #MAX_DECIMAL_DIGITS}, {@link #MAX_DECIMAL_PLACES} and
     * {@link #MAX_DECIMAL_EXPONENT} without doing arithmetic that grows with its exponent.
     *
     * @param value the value; not {@code null}
     * @return what is wrong, in words that do not quote the value; empty when it is within bounds
     */
    public static Optional<String> decimalProblem(BigDecimal value) {
        if (value.precision() > MAX_DECIMAL_DIGITS) {
            return Optional.of("has too many digits (at most " + MAX_DECIMAL_DIGITS + ")");
        }
        if (value.signum() == 0) {
            // zero written with a huge exponent (0e-9999999) is still zero, but keeps that scale
            return value.scale() > MAX_DECIMAL_PLACES || value.scale() < -MAX_DECIMAL_EXPONENT
                    ? Optional.of("is out of range (zero written with an extreme exponent)") : Optional.empty();
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (exponent > MAX_DECIMAL_EXPONENT) {
            return Optional.of("is out of range (must be below 1e" + (MAX_DECIMAL_EXPONENT + 1) + ")");
        }
        if (value.scale() > MAX_DECIMAL_PLACES) {
            return Optional.of(exponent < -MAX_DECIMAL_PLACES
                    ? "is out of range (too close to zero)"
                    : "has too many digits after the decimal point (at most " + MAX_DECIMAL_PLACES + ")");
        }
        return Optional.empty();
    }

    /**
     * @param value a decimal; not {@code null}
     * @return whether {@link #decimalProblem} finds nothing wrong with it
     */
    public static boolean isBounded(BigDecimal value) {
        return decimalProblem(value).isEmpty();
    }
}
