package org.twitchtriage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + log + ": " + e.getMessage(), e);
        }
        RequestReader reader = new RequestReader();
        long replayed = 0;
        long skipped = 0;
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record;
            try {
                record = CanonicalJson.MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new AuditException("line " + (i + 1) + " of " + log + " is not valid JSON; run audit verify");
            }
            JsonNode input = record.get("input");
            if (!Outcome.DECIDED.name().equals(record.path("outcome").asText()) || input == null
                    || !input.isObject()) {
                skipped++;
                continue;
            }
            ObjectNode withReference = input.deepCopy();
            withReference.with("patient").put("reference", REPLAY_REFERENCE);
            TriageDecision now;
            try {
                now = engine.evaluate(reader.read(CanonicalJson.write(withReference)));
            } catch (InvalidRequestException e) {
                differences.add(new Difference(i + 1, record.path("decisionId").asText(),
                        List.of("the recorded input is no longer valid: " + e.getMessage())));
                replayed++;
                continue;
            } catch (TriageEngineException e) {
                // a knowledge base that fails on a recorded input is the most important difference of all
                differences.add(new Difference(i + 1, record.path("decisionId").asText(),
                        List.of("the knowledge base fails on this input: " + e.getMessage())));
                replayed++;
                continue;
            }
            replayed++;
            List<String> changes = compare(record, now);
            if (!changes.isEmpty()) {
                differences.add(new Difference(i + 1, record.path("decisionId").asText(), changes));
            }
        }
        return new Result(lines.size(), replayed, skipped, differences);
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
