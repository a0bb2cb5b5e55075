package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;

/**
 * Counts over a screening: records, decisions by highest urgency, decisions holding each finding, decisions in which
 * each rule fired, and errors by field (indices and resource ids taken out, so {@code twitches[3].site} and
 * {@code twitches[0].site} count together). Summaries of parts of an input add up ({@link #add(ScreeningSummary)}),
 * which is how the Spark job and a resumed run build theirs. Not thread-safe: one writer.
 */
public final class ScreeningSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern RESOURCE_ID = Pattern.compile("^([A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]+");

    private long records;
    private long decided;
    private long errors;
    private final TreeMap<String, Long> byUrgency = new TreeMap<>();
    private final TreeMap<String, Long> byFinding = new TreeMap<>();
    private final TreeMap<String, Long> byRule = new TreeMap<>();
    private final TreeMap<String, Long> errorsByField = new TreeMap<>();

    /** Counts one outcome. */
    public void count(RecordOutcome outcome) {
        records++;
        if (outcome.isDecided()) {
            decided++;
            TriageDecision d = outcome.decision();
            increment(byUrgency, d.highestUrgency().name(), 1);
            Set<String> codes = new HashSet<>();
            for (Finding f : d.findings()) {
                codes.add(f.getCode().name());
            }
            codes.forEach(c -> increment(byFinding, c, 1));
            d.firedRuleIds().forEach(r -> increment(byRule, r, 1));
        } else {
            errors++;
            Set<String> fields = new HashSet<>();
            outcome.problems().forEach(p -> fields.add(field(p.field())));
            fields.forEach(f -> increment(errorsByField, f, 1));
        }
    }

    /** @return a field with indices and resource ids taken out, such as {@code Condition.bodySite[]} */
    static String field(String field) {
        return INDEX.matcher(RESOURCE_ID.matcher(field).replaceFirst("$1")).replaceAll("[]");
    }

    /** Adds the counts of another summary (of another part of the same input). */
    public void add(ScreeningSummary other) {
        records += other.records;
        decided += other.decided;
        errors += other.errors;
        other.byUrgency.forEach((k, v) -> increment(byUrgency, k, v));
        other.byFinding.forEach((k, v) -> increment(byFinding, k, v));
        other.byRule.forEach((k, v) -> increment(byRule, k, v));
        other.errorsByField.forEach((k, v) -> increment(errorsByField, k, v));
    }

    private static void increment(Map<String, Long> map, String key, long by) {
        map.merge(key, by, Long::sum);
    }

    /** @return records counted */
    public long records() {
        return records;
    }

    /** @return records decided */
    public long decided() {
        return decided;
    }

    /** @return records with errors */
    public long errors() {
        return errors;
    }

    /** @return decisions by highest urgency */
    public Map<String, Long> byUrgency() {
        return Map.copyOf(byUrgency);
    }

    /** @return decisions holding each finding code */
    public Map<String, Long> byFinding() {
        return Map.copyOf(byFinding);
    }

    /** @return decisions in which each rule fired */
    public Map<String, Long> byRule() {
        return Map.copyOf(byRule);
    }

    /** @return records with an error in each field */
    public Map<String, Long> errorsByField() {
        return Map.copyOf(errorsByField);
    }

    /** @return the summary as JSON: {@code records, decided, errors, byUrgency, byFinding, byRule, errorsByField} */
    public ObjectNode toJson() {
        ObjectNode root = RecordDecider.JSON.createObjectNode();
        root.put("records", records).put("decided", decided).put("errors", errors);
        counts(root.putObject("byUrgency"), byUrgency);
        counts(root.putObject("byFinding"), byFinding);
        counts(root.putObject("byRule"), byRule);
        counts(root.putObject("errorsByField"), errorsByField);
        return root;
    }

    private static void counts(ObjectNode node, Map<String, Long> map) {
        map.forEach(node::put);
    }

    /**
     * @param json a summary written by {@link #toJson()}
     * @return the summary
     */
    public static ScreeningSummary fromJson(JsonNode json) {
        ScreeningSummary s = new ScreeningSummary();
        s.records = json.path("records").asLong();
        s.decided = json.path("decided").asLong();
        s.errors = json.path("errors").asLong();
        read(json.path("byUrgency"), s.byUrgency);
        read(json.path("byFinding"), s.byFinding);
        read(json.path("byRule"), s.byRule);
        read(json.path("errorsByField"), s.errorsByField);
        return s;
    }

    private static void read(JsonNode node, Map<String, Long> into) {
        node.fields().forEachRemaining(e -> into.put(e.getKey(), e.getValue().asLong()));
    }
}
