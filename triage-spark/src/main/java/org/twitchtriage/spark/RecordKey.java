package org.twitchtriage.spark;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * The key records are grouped and sorted by, in the order {@code twitch-triage screen} writes them: a Bulk export's
 * patient ({@code patient}, file and line 0), or a line that belongs to no patient ({@link #NO_PATIENT}, which sorts
 * first, with its file and line), or a case line ({@code ""}, file 0, its line). Immutable.
 */
final class RecordKey implements Comparable<RecordKey>, Serializable {
    private static final long serialVersionUID = 1L;
    /** The key of lines that belong to no patient: sorts before every patient id, and is never a FHIR id. */
    static final String NO_PATIENT = "\u0000";
    private static final Comparator<RecordKey> ORDER = Comparator.comparing((RecordKey k) -> k.patient)
            .thenComparingInt(k -> k.file).thenComparingLong(k -> k.line);

    final String patient;
    final int file;
    final long line;

    RecordKey(String patient, int file, long line) {
        this.patient = Objects.requireNonNull(patient, "patient");
        this.file = file;
        this.line = line;
    }

    static RecordKey patient(String id) {
        return new RecordKey(id, 0, 0);
    }

    boolean isUnreadable() {
        return NO_PATIENT.equals(patient);
    }

    @Override
    public int compareTo(RecordKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k && k.patient.equals(patient) && k.file == file && k.line == line;
    }

    @Override
    public int hashCode() {
        return Objects.hash(patient, file, line);
    }

    /** Never the patient id: keys appear in Spark's own messages. */
    @Override
    public String toString() {
        return "RecordKey[file " + file + ", line " + line + "]";
    }
}
