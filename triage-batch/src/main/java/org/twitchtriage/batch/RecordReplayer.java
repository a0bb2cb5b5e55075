package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * Decides one line of an audit log again with the current rules and compares: highest urgency raised or lowered,
 * findings added or removed, rules that now fire or no longer fire. Only a decided record that stored its input
 * ({@code --capture-input}) can be replayed. The one re-decision that both {@code twitch-triage replay}
 * ({@link AuditLogReplay}) and the Spark job call. Thread-safe when the evaluation function is.
 */
public final class RecordReplayer {
    /** Reference given to replayed inputs: the log never holds the real one, and the rules never look at it. */
    private static final String REFERENCE = "audit-replay";
    private static final ObjectMapper DECIMALS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final RequestReader reader = new RequestReader();
    private final Function<TriageRequest, TriageDecision> evaluate;

    /** @param evaluate the current rules, for example {@code engine::evaluate} */
    public RecordReplayer(Function<TriageRequest, TriageDecision> evaluate) {
        this.evaluate = Objects.requireNonNull(evaluate, "evaluate");
    }

    /**
     * @param line the line's 1-based number, kept in the result
     * @param text the line
     * @return what would change, or {@code null} when the line is not a decided record with its input
     * @throws IOException when the line is not JSON
     */
    public ReplayedRecord replay(long line, String text) throws IOException {
        JsonNode record = DECIMALS.readTree(text);
        JsonNode input = record.get("input");
        if (!"DECIDED".equals(record.path("outcome").asText()) || input == null || !input.isObject()) {
            return null;
        }
        ObjectNode withReference = input.deepCopy();
        withReference.with("patient").put("reference", REFERENCE);
        String decisionId = record.path("decisionId").asText();
        TriageDecision now;
        try {
            now = evaluate.apply(reader.read(withReference));
        } catch (InvalidRequestException e) {
            return new ReplayedRecord(line, decisionId, List.of(new ReplayedRecord.Change("input no longer valid",
                    "")));
        } catch (RuntimeException e) {
            return new ReplayedRecord(line, decisionId, List.of(new ReplayedRecord.Change("knowledge base fails",
                    "")));
        }
        List<ReplayedRecord.Change> changes = new ArrayList<>();
        Urgency before = Urgency.valueOf(record.path("highestUrgency").asText());
        int urgency = now.highestUrgency().compareTo(before);
        if (urgency != 0) {
            changes.add(new ReplayedRecord.Change(urgency > 0 ? "urgency raised" : "urgency lowered",
                    before + " -> " + now.highestUrgency()));
        }
        Set<String> was = new TreeSet<>();
        record.path("findings").forEach(f -> was.add(f.path("code").asText()));
        Set<String> is = new TreeSet<>();
        now.findings().stream().map(Finding::getCode).forEach(c -> is.add(c.name()));
        compare(was, is, "finding removed", "finding added", changes);
        Set<String> firedBefore = new TreeSet<>();
        record.path("firedRules").forEach(r -> firedBefore.add(r.path("id").asText()));
        compare(firedBefore, new TreeSet<>(now.firedRuleIds()), "rule no longer fires", "rule now fires", changes);
        return new ReplayedRecord(line, decisionId, changes);
    }

    private static void compare(Set<String> before, Set<String> now, String gone, String come,
                                List<ReplayedRecord.Change> changes) {
        before.stream().filter(s -> !now.contains(s)).forEach(s -> changes.add(new ReplayedRecord.Change(gone, s)));
        now.stream().filter(s -> !before.contains(s)).forEach(s -> changes.add(new ReplayedRecord.Change(come, s)));
    }
}
