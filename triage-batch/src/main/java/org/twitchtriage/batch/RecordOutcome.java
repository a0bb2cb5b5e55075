package org.twitchtriage.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /**
     * @return the output line as written to the decisions or errors file: compact JSON on one line, without the
     *         line end; the one serialisation every screening (one machine or Spark) writes
     */
    public String lineText() {
        try {
            return RecordDecider.JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an output line cannot be written as JSON", e);
        }
    }

    /** @return whether the record was decided */
    public boolean isDecided() {
        return decision != null;
    }
}
