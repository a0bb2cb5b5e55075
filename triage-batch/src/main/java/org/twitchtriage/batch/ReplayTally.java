package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The counts of a replay, record by record in log order: records, replayed, differing, records per kind of change,
 * changes per finding code and per rule id, and the first {@value #EXAMPLES} differing records. Parts of a log counted
 * apart (a Spark partition each) add up with {@link #append(ReplayTally)} to the tally of the whole log, the same as
 * one pass over it. Not thread-safe; serialisable.
 */
public final class ReplayTally implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How many differing records the report lists. */
    public static final int EXAMPLES = 100;

    private long records;
    private long replayed;
    private long differing;
    private final TreeMap<String, Long> byChange = new TreeMap<>();
    private final TreeMap<String, TreeMap<String, Long>> byFinding = new TreeMap<>();
    private final TreeMap<String, TreeMap<String, Long>> byRule = new TreeMap<>();
    private final ArrayList<ReplayedRecord> examples = new ArrayList<>();

    /**
     * Counts the next line of the log.
     *
     * @param r what {@link RecordReplayer#replay} gave for it: {@code null} for a record that cannot be replayed
     */
    public void add(ReplayedRecord r) {
        records++;
        if (r == null) {
            return;
        }
        replayed++;
        if (r.changes().isEmpty()) {
            return;
        }
        differing++;
        Set<String> kinds = new TreeSet<>();
        for (ReplayedRecord.Change change : r.changes()) {
            kinds.add(change.kind());
            if (change.kind().startsWith("finding")) {
                count(byFinding, change.subject(), change.kind(), 1);
            } else if (change.kind().startsWith("rule")) {
                count(byRule, change.subject(), change.kind(), 1);
            }
        }
        kinds.forEach(k -> byChange.merge(k, 1L, Long::sum));
        if (examples.size() < EXAMPLES) {
            examples.add(r);
        }
    }

    /**
     * Adds the tally of the lines that follow this tally's, as if they had been added one by one here.
     *
     * @param next the tally of the next part of the log, its line numbers counted from 1 at the part's first line
     */
    public void append(ReplayTally next) {
        for (ReplayedRecord r : next.examples) {
            if (examples.size() < EXAMPLES) {
                examples.add(r.after(records));
            }
        }
        records += next.records;
        replayed += next.replayed;
        differing += next.differing;
        next.byChange.forEach((k, n) -> byChange.merge(k, n, Long::sum));
        next.byFinding.forEach((code, counts) -> counts.forEach((k, n) -> count(byFinding, code, k, n)));
        next.byRule.forEach((id, counts) -> counts.forEach((k, n) -> count(byRule, id, k, n)));
    }

    private static void count(Map<String, TreeMap<String, Long>> groups, String group, String kind, long n) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(kind, n, Long::sum);
    }

    /** @return the lines counted */
    public long records() {
        return records;
    }

    /**
     * @return {@code records, replayed, notReplayable, differing, byChange, byFinding, byRule, examples} (each
     *         example with its {@code line}, {@code decisionId} and {@code changes} as text), keys in sorted order
     */
    public ObjectNode toJson() {
        ObjectNode root = RecordDecider.JSON.createObjectNode();
        root.put("records", records).put("replayed", replayed).put("notReplayable", records - replayed)
                .put("differing", differing);
        byChange.forEach(root.putObject("byChange")::put);
        ObjectNode findings = root.putObject("byFinding");
        byFinding.forEach((code, counts) -> counts.forEach(findings.putObject(code)::put));
        ObjectNode rules = root.putObject("byRule");
        byRule.forEach((id, counts) -> counts.forEach(rules.putObject(id)::put));
        ArrayNode list = root.putArray("examples");
        for (ReplayedRecord r : examples) {
            ArrayNode changes = list.addObject().put("line", r.line()).put("decisionId", r.decisionId())
                    .putArray("changes");
            r.changes().forEach(c -> changes.add(c.toString()));
        }
        return root;
    }
}
