package org.twitchtriage.fhir;

import java.util.Objects;

/**
 * One line of a {@link TriageConceptMap}: an external code and the model value it stands for. Immutable.
 *
 * @param target    what kind of value the code stands for
 * @param value     the value, a name from {@link ConceptTarget#allowedValues()}
 * @param system    the code system URI, e.g. {@code http://snomed.info/sct}
 * @param code      the code in that system
 * @param display   the display text written with the code
 * @param direction whether the code is read ({@link Direction#IN}), written ({@link Direction#OUT}) or both
 * @param confirmed whether the code was checked against a public source; unconfirmed codes are read (with a warning)
 *                  but never written
 * @param local     true for the project's built-in local codes, which need no source
 * @param source    where the code was checked; never {@code null}
 * @param note      why an entry is unconfirmed or how it is meant; may be empty, never {@code null}
 */
public record ConceptMapEntry(ConceptTarget target, String value, String system, String code, String display,
                              Direction direction, boolean confirmed, boolean local, String source, String note) {
    /** Which way an entry is used. */
    public enum Direction {
        /** Read from input only. */
        IN,
        /** Written into output only. */
        OUT,
        /** Both read and written. */
        BOTH;

        /** @return true when entries with this direction are read */
        public boolean reads() {
            return this != OUT;
        }

        /** @return true when entries with this direction are written */
        public boolean writes() {
            return this != IN;
        }
    }

    public ConceptMapEntry {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(direction, "direction");
        display = display == null ? "" : display;
        source = source == null ? "" : source;
        note = note == null ? "" : note;
    }

    /**
     * @param type the enum the target's values belong to
     * @return the value as a constant of {@code type}
     * @throws IllegalArgumentException when the value is not a constant of {@code type}
     */
    public <E extends Enum<E>> E valueAs(Class<E> type) {
        return Enum.valueOf(type, value);
    }

    @Override
    public String toString() {
        return target + "." + value + " <- " + system + "|" + code + (confirmed ? "" : " (unconfirmed)");
    }
}
