package org.twitchtriage.batch;

import java.util.List;
import java.util.Objects;

/**
 * One unit a screening decides: a case file written on one line of a JSON Lines file, the FHIR resources of one
 * patient from a Bulk Data export, or a FHIR line that belongs to no patient (it cannot be read, or names none),
 * which is reported. Immutable.
 *
 * @param sequence 0-based position in the input, as the screening reads it; decides the output order
 * @param kind     what the record holds
 * @param patient  the patient's id for a FHIR patient, else {@code null}; personal data: written only into the
 *                 decision output the user asked for, never into a message or log
 * @param lines    the lines it is made of: one for a case or an unreadable line, the patient's resources for FHIR
 */
public record InputRecord(long sequence, Kind kind, String patient, List<SourceLine> lines) {
    /** What a record holds. */
    public enum Kind {
        /** A case file on one line. */
        CASE,
        /** One patient's FHIR resources. */
        FHIR_PATIENT,
        /** A FHIR line that could not be given to a patient; {@code problem} says why. */
        FHIR_UNREADABLE
    }

    public InputRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lines, "lines");
        lines = List.copyOf(lines);
        if ((kind == Kind.FHIR_PATIENT) != (patient != null)) {
            throw new IllegalArgumentException("a patient id is given for FHIR patients and only for them");
        }
        if (kind != Kind.FHIR_PATIENT && lines.size() != 1) {
            throw new IllegalArgumentException(kind + " is exactly one line");
        }
    }
}
