package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.twitchtriage.engine.TriageDecision;

/**
 * What deciding one record gave: its output line, and the decision or the problems for the summary. Immutable once
 * made (the line is not changed after).
 *
 * @param sequence the record's position in the input
 * @param line     the output line: a decision line or an error line
 * @param decision the decision, or {@code null} for an error
 * @param problems the problems, empty for a decision
 */
public record RecordOutcome(long sequence, ObjectNode line, TriageDecision decision, List<LineProblem> problems) {
    public RecordOutcome {
        problems = List.copyOf(problems);
    }

    static RecordOutcome decided(long sequence, ObjectNode line, TriageDecision decision) {
        return new RecordOutcome(sequence, line, decision, List.of());
    }

    static RecordOutcome failed(long sequence, ObjectNode line, List<LineProblem> problems) {
        return new RecordOutcome(sequence, line, null, problems);
    }

    /** @return whether the record was decided */
    public boolean isDecided() {
        return decision != null;
    }
}
