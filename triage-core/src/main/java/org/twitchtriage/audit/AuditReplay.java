package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.Finding;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * Re-evaluates the inputs recorded in an audit log with another knowledge base (typically the next release) and lists
 * the decisions that would now differ: how a rule change is reviewed before release. Only records of decided
 * evaluations that stored their input (see {@link AuditedTriageEngine.Builder#captureInput}) can be replayed; the
 * others are counted. Stateless.
 */
public final class AuditReplay {
    /** Reference given to replayed inputs: the log never holds the real one, and the rules never look at it. */
    static final String REPLAY_REFERENCE = "audit-replay";

    private AuditReplay() {
    }

    /**
     * A decision that would differ today.
     *
     * @param line       line of the record in the log
     * @param decisionId the recorded decision's id
     * @param changes    what changed, in plain words
     */
    public record Difference(long line, String decisionId, List<String> changes) {
        public Difference {
            changes = List.copyOf(changes);
        }
    }

    /**
     * @param records       records read
     * @param replayed      decisions re-evaluated
     * @param notReplayable records without stored input or not decided (rejected, failed)
     * @param differences   the decisions that differ now, in log order
     */
    public record Result(long records, long replayed, long notReplayable, List<Difference> differences) {
        public Result {
            differences = List.copyOf(differences);
        }
    }

    /**
     * @param log    an audit log written by {@link JsonLinesAuditSink}
     * @param engine the knowledge base to compare with
     * @return what would differ
     * @throws AuditException when the log cannot be read or a line is not an audit record (verify the log first)
     */
    public static Result replay(Path log, TriageEngine engine) {
        RequestReader reader = new RequestReader();
        long replayed = 0;
        long skipped = 0;
        List<Difference> differences = new ArrayList<>();
        try (AuditLog.Source source = AuditLog.openForReading(log)) {
            LogLines lines = new LogLines(source.channel(), 0, source.channel().size(), 1);
            for (LogLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.terminated()) {
                    break;  // a record being written, or cut off by a crash: not a record yet
                }
                JsonNode record = line.tooLong() ? null : AuditLog.parse(line.text());
                if (record == null) {
                    throw new AuditException("line " + line.number() + " of " + log + " is not an audit record; "
                            + "run audit verify");
                }
                int i = (int) line.number() - 1;
                if (replayOne(record, i, reader, engine, differences)) {
                    replayed++;
                } else {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + log + ": " + e.getMessage(), e);
        }
        return new Result(replayed + skipped, replayed, skipped, differences);
    }

    /** @return whether the record was replayed (false: no stored input or no decision) */
    private static boolean replayOne(JsonNode record, int i, RequestReader reader, TriageEngine engine,
                                     List<Difference> differences) {
        JsonNode input = record.get("input");
        if (!Outcome.DECIDED.name().equals(record.path("outcome").asText()) || input == null || !input.isObject()) {
            return false;
        }
        ObjectNode withReference = input.deepCopy();
        withReference.with("patient").put("reference", REPLAY_REFERENCE);
        TriageDecision now;
        try {
            now = engine.evaluate(reader.read(CanonicalJson.write(withReference)));
        } catch (InvalidRequestException e) {
            differences.add(new Difference(i + 1, record.path("decisionId").asText(),
                    List.of("the recorded input is no longer valid: " + e.getMessage())));
            return true;
        } catch (TriageEngineException e) {
            // a knowledge base that fails on a recorded input is the most important difference of all
            differences.add(new Difference(i + 1, record.path("decisionId").asText(),
                    List.of("the knowledge base fails on this input: " + e.getMessage())));
            return true;
        }
        List<String> changes = compare(record, now);
        if (!changes.isEmpty()) {
            differences.add(new Difference(i + 1, record.path("decisionId").asText(), changes));
        }
        return true;
    }

    static List<String> compare(JsonNode record, TriageDecision now) {
        List<String> changes = new ArrayList<>();
        String before = record.path("highestUrgency").asText();
        if (!before.equals(now.highestUrgency().name())) {
            changes.add("highest urgency " + before + " -> " + now.highestUrgency());
        }
        Map<String, String> was = new TreeMap<>();
        record.path("findings").forEach(f -> was.put(f.path("code").asText(), f.path("urgency").asText()));
        Map<String, String> is = new TreeMap<>();
        for (Finding f : now.findings()) {
            is.put(f.getCode().name(), f.getUrgency().name());
        }
        was.forEach((code, urgency) -> {
            if (!is.containsKey(code)) {
                changes.add("finding " + code + " (" + urgency + ") is no longer concluded");
            } else if (!is.get(code).equals(urgency)) {
                changes.add("finding " + code + " urgency " + urgency + " -> " + is.get(code));
            }
        });
        is.forEach((code, urgency) -> {
            if (!was.containsKey(code)) {
                changes.add("finding " + code + " (" + urgency + ") is newly concluded");
            }
        });
        Set<String> rulesBefore = new LinkedHashSet<>();
        record.path("firedRules").forEach(r -> rulesBefore.add(r.path("id").asText()));
        Set<String> rulesNow = new LinkedHashSet<>();
        now.firedRules().stream().map(FiredRule::id).forEach(rulesNow::add);
        rulesBefore.stream().filter(r -> !rulesNow.contains(r)).sorted()
                .forEach(r -> changes.add("rule " + r + " no longer fires"));
        rulesNow.stream().filter(r -> !rulesBefore.contains(r)).sorted()
                .forEach(r -> changes.add("rule " + r + " now fires"));
        return changes;
    }
}
