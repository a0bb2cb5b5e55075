package org.twitchtriage.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The reference range a laboratory reported with a result, in the result's own unit. Either limit may be missing (a
 * laboratory may state only a lower limit); {@link #NOT_GIVEN} has neither. Immutable.
 */
public final class ReferenceRange {
    /** No range given: the built-in limits of {@link Analyte} apply. */
    public static final ReferenceRange NOT_GIVEN = new ReferenceRange(null, null);

    private final BigDecimal low;
    private final BigDecimal high;

    private ReferenceRange(BigDecimal low, BigDecimal high) {
        this.low = low;
        this.high = high;
    }

    /**
     * @param low  the lower limit, or {@code null} when the laboratory gave none
     * @param high the upper limit, or {@code null} when the laboratory gave none
     * @return the range; {@link #NOT_GIVEN} when both are {@code null}
     */
    public static ReferenceRange of(BigDecimal low, BigDecimal high) {
        return low == null && high == null ? NOT_GIVEN : new ReferenceRange(low, high);
    }

    /** @return the lower limit, when given */
    public Optional<BigDecimal> low() {
        return Optional.ofNullable(low);
    }

    /** @return the upper limit, when given */
    public Optional<BigDecimal> high() {
        return Optional.ofNullable(high);
    }

    /** @return true when at least one limit was given */
    public boolean isGiven() {
        return low != null || high != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceRange r && java.util.Objects.equals(low, r.low)
                && java.util.Objects.equals(high, r.high);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(low, high);
    }

    @Override
    public String toString() {
        return isGiven() ? "ReferenceRange[" + low + ".." + high + "]" : "ReferenceRange[not given]";
    }
}
