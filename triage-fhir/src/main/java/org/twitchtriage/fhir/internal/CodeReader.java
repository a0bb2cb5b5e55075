package org.twitchtriage.fhir.internal;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.fhir.TriageConceptMap;
import org.twitchtriage.json.JsonBinder;

/**
 * Reads {@code CodeableConcept}s of the input through the concept map, reporting codes that are missing, unknown,
 * of the wrong kind or not confirmed. Not thread-safe; one instance per mapping.
 */
final class CodeReader {
    /** Most characters of an input code or system repeated in a message. */
    private static final int MAX_ECHO = 100;
    /**
     * The first coding of a concept that the map reads, with its index.
     *
     * @param entry       the mapping
     * @param codingIndex the index of the coding in {@code CodeableConcept.coding}
     */
    record Hit(ConceptMapEntry entry, int codingIndex) {
    }

    private final TriageConceptMap map;
    private final Issues issues;

    CodeReader(TriageConceptMap map, Issues issues) {
        this.map = map;
        this.issues = issues;
    }

    /** @return the concept map codes are read with */
    TriageConceptMap map() {
        return map;
    }

    /** @return the first coding the map lists, whatever kind of value it stands for */
    Optional<Hit> lookup(CodeableConcept cc) {
        if (cc == null) {
            return Optional.empty();
        }
        List<Coding> codings = cc.getCoding();
        for (int k = 0; k < codings.size(); k++) {
            Coding c = codings.get(k);
            Optional<ConceptMapEntry> e = map.lookup(c.getSystem(), c.getCode());
            if (e.isPresent()) {
                return Optional.of(new Hit(e.get(), k));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a concept that must stand for a value of {@code expected}: the first listed coding, else the first
     * coding a group's {@code unmapped} rule translates; otherwise reports, as not read ({@code part}), each coding.
     */
    Optional<ConceptMapEntry> require(Located l, CodeableConcept cc, String path, ConceptTarget expected, String what,
                                      NotRead.Part part) {
        if (cc == null || cc.getCoding().isEmpty()) {
            issues.notRead(part, IssueType.REQUIRED, l.at(path), what + " has no coding; give a code from the "
                    + "concept map"
                    + (cc != null && cc.hasText() ? " (text alone cannot be read)" : ""));
            return Optional.empty();
        }
        Optional<Hit> hit = lookup(cc);
        if (hit.isPresent() && hit.get().entry().target() == expected) {
            warnIfUnconfirmed(l, path + ".coding[" + hit.get().codingIndex() + "]", hit.get().entry());
            return Optional.of(hit.get().entry());
        }
        if (hit.isPresent()) {
            ConceptMapEntry e = hit.get().entry();
            issues.notRead(part, IssueType.CODEINVALID, l.at(path + ".coding[" + hit.get().codingIndex() + "]"), "code "
                    + e.code() + " of " + e.system() + " stands for " + e.target() + " " + e.value() + ", not for "
                    + what);
            return Optional.empty();
        }
        List<Coding> codings = cc.getCoding();
        for (Coding c : codings) {
            Optional<ConceptMapEntry> unmapped = map.translate(c.getSystem(), c.getCode(), expected);
            if (unmapped.isPresent()) {
                return unmapped;
            }
        }
        for (int k = 0; k < codings.size(); k++) {
            issues.notRead(part, IssueType.CODEINVALID, l.at(path + ".coding[" + k + "]"), describe(codings.get(k))
                    + " is not in the concept map (" + map.name() + " " + map.version() + "), so " + what
                    + " cannot be read; use a listed code or add this one to the map");
        }
        return Optional.empty();
    }

    /** Reports a warning when the map marks the mapping as not confirmed. */
    void warnIfUnconfirmed(Located l, String path, ConceptMapEntry e) {
        if (!e.confirmed()) {
            issues.warning(IssueType.CODEINVALID, l.at(path), "code " + e.code() + " of " + e.system()
                    + " is read as " + e.target() + " " + e.value() + ", but the concept map marks it as not "
                    + "confirmed: " + e.doubt());
        }
    }

    private static String describe(Coding c) {
        if (!c.hasCode()) {
            return "a coding without a code";
        }
        // the code and system come from the input: shortened and made printable, so the message stays bounded
        return "code " + JsonBinder.printable(c.getCode(), MAX_ECHO)
                + (c.hasSystem() ? " of " + JsonBinder.printable(c.getSystem(), MAX_ECHO) : " without a system");
    }
}
