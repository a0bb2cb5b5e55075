package org.twitchtriage.authoring.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a field of a fact may still take under a rule's conditions: a finite set (enum constants, {@code true}
 * and {@code false}) or a range of whole numbers, with the conditions that narrowed it. Always an
 * over-approximation: a condition the analysis does not understand narrows nothing, so an empty domain proves that
 * no fact can meet the conditions. Immutable.
 */
final class FieldDomain {
    private final Set<String> values;
    private final long low;
    private final long high;
    private final List<String> conditions;

    private FieldDomain(Set<String> values, long low, long high, List<String> conditions) {
        this.values = values == null ? null : Set.copyOf(values);
        this.low = low;
        this.high = high;
        this.conditions = List.copyOf(conditions);
    }

    /** @return a finite domain */
    static FieldDomain of(Set<String> values, String condition) {
        return new FieldDomain(new LinkedHashSet<>(values), 0, 0, List.of(condition));
    }

    /** @return a range of whole numbers, both ends included */
    static FieldDomain range(long low, long high, String condition) {
        return new FieldDomain(null, low, high, List.of(condition));
    }

    boolean isEmpty() {
        return values == null ? low > high : values.isEmpty();
    }

    /** @return the finite values; {@code null} for a range */
    Set<String> values() {
        return values;
    }

    /** @return the conditions that narrowed the field, in order */
    List<String> conditions() {
        return conditions;
    }

    /** @return the values allowed by both, with the conditions of both */
    FieldDomain and(FieldDomain other) {
        List<String> both = new ArrayList<>(conditions);
        other.conditions.stream().filter(c -> !both.contains(c)).forEach(both::add);
        if (values != null && other.values != null) {
            Set<String> common = new LinkedHashSet<>(values);
            common.retainAll(other.values);
            return new FieldDomain(common, 0, 0, both);
        }
        if (values == null && other.values == null) {
            return new FieldDomain(null, Math.max(low, other.low), Math.min(high, other.high), both);
        }
        return this; // a field is either finite or numeric; mixed domains mean the analysis misread it
    }

    /** @return the values allowed by either (for a range, the smallest range holding both) */
    FieldDomain or(FieldDomain other, String condition) {
        if (values != null && other.values != null) {
            Set<String> either = new LinkedHashSet<>(values);
            either.addAll(other.values);
            return new FieldDomain(either, 0, 0, List.of(condition));
        }
        if (values == null && other.values == null) {
            return new FieldDomain(null, Math.min(low, other.low), Math.max(high, other.high), List.of(condition));
        }
        return null;
    }
}
