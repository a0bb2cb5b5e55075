package org.twitchtriage.batch;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What changed for one record of an audit log when it was decided again ({@link RecordReplayer}): its line in the log,
 * its decision id and the changes, in the order {@code replay} reports them (urgency, findings removed then added,
 * rules that no longer fire then that now fire). Empty changes: the decision would be the same. Immutable;
 * serialisable, so that a Spark executor can send it back to the driver.
 *
 * @param line       the 1-based line of the record in the log (or in the part of the log it was read from)
 * @param decisionId the record's decision id
 * @param changes    what would differ
 */
public record ReplayedRecord(long line, String decisionId, List<Change> changes) implements Serializable {
    /**
     * One difference.
     *
     * @param kind    {@code urgency raised}, {@code urgency lowered}, {@code finding removed}, {@code finding added},
     *                {@code rule no longer fires}, {@code rule now fires}, {@code input no longer valid} or
     *                {@code knowledge base fails}
     * @param subject the urgencies ({@code ROUTINE -> URGENT}), the finding code or the rule id; empty for the last two
     */
    public record Change(String kind, String subject) implements Serializable {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
        }

        /** @return the change as the report lists it: {@code kind: subject}, or the kind alone */
        @Override
        public String toString() {
            return subject.isEmpty() ? kind : kind + ": " + subject;
        }
    }

    public ReplayedRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        changes = List.copyOf(changes);
    }

    /**
     * @param lines how many lines of the log come before the part this record's line counts from
     * @return the same record with its line counted from the start of the log
     */
    public ReplayedRecord after(long lines) {
        return new ReplayedRecord(line + lines, decisionId, changes);
    }
}
