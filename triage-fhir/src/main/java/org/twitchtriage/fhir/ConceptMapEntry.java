package org.twitchtriage.fhir;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/**
 * One mapping of a {@link TriageConceptMap}: a standard code ({@code ConceptMap.group.element}) and the local value it
 * maps to ({@code ConceptMap.group.element.target}). Immutable.
 *
 * @param target      what kind of value the code stands for (given by the group's target system)
 * @param value       the value, a code of the target's local code system ({@link ConceptTarget#allowedValues()})
 * @param system      the standard code system URI (the group's source), e.g. {@code http://snomed.info/sct}
 * @param code        the code in that system
 * @param display     the display text written with the code; may be empty, never {@code null}
 * @param equivalence how the local value relates to the code, as FHIR R4 defines it (the target is
 *                    {@code wider}, {@code narrower}... than the source)
 * @param comment     the mapping's comment: where it was checked and how it is meant; may be empty, never {@code null}
 * @param doubt       for a mapping that could not be confirmed, what is in doubt
 *                    ({@link TriageFhir#EXT_MAPPING_UNCONFIRMED}); empty for a confirmed one, never {@code null}
 * @param local       true for the project's built-in local codes, which need no mapping
 */
public record ConceptMapEntry(ConceptTarget target, String value, String system, String code, String display,
                              ConceptMapEquivalence equivalence, String comment, String doubt, boolean local) {
    /** Equivalences under which a source code is read as the target value: every mapping that is one. */
    private static final Set<ConceptMapEquivalence> READ = EnumSet.of(ConceptMapEquivalence.RELATEDTO,
            ConceptMapEquivalence.EQUIVALENT, ConceptMapEquivalence.EQUAL, ConceptMapEquivalence.WIDER,
            ConceptMapEquivalence.SUBSUMES, ConceptMapEquivalence.NARROWER, ConceptMapEquivalence.SPECIALIZES,
            ConceptMapEquivalence.INEXACT);
    /** Equivalences under which the source code may be written for the target value: it claims no more than it. */
    private static final Set<ConceptMapEquivalence> WRITE = EnumSet.of(ConceptMapEquivalence.EQUIVALENT,
            ConceptMapEquivalence.EQUAL, ConceptMapEquivalence.NARROWER, ConceptMapEquivalence.SPECIALIZES);

    public ConceptMapEntry {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(equivalence, "equivalence");
        display = display == null ? "" : display;
        comment = comment == null ? "" : comment;
        doubt = doubt == null ? "" : doubt;
    }

    /** @return true unless the map marks the mapping as not confirmed */
    public boolean confirmed() {
        return doubt.isEmpty();
    }

    /** @return true when the code is read from input as the value: an input kind and a mapping that is one */
    public boolean reads() {
        return target.isRead() && READ.contains(equivalence);
    }

    /** @return true when the code is written into output for the value: an output kind, confirmed, not wider */
    public boolean writes() {
        return !target.isRead() && confirmed() && WRITE.contains(equivalence);
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
        return target + "." + value + " <- " + system + "|" + code + (confirmed() ? "" : " (unconfirmed)");
    }
}
