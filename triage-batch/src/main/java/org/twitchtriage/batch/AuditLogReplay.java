package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * Re-decides the inputs stored in an audit log with the current rules on every core, streaming, and counts what
 * would differ: highest urgency raised or lowered, findings added or removed, rules that now fire or no longer
 * fire, grouped by finding and by rule. Only decided records that stored their input can be replayed; the others
 * are counted. The log's hash chain (and, with the audit key, its MACs) is verified first by triage-core's streaming
 * {@link AuditLogVerifier}: a log that does not verify is refused, since a replay of an edited log reports on
 * decisions that were never made, unless the caller accepts a broken chain (then the report says where it breaks).
 * The outcome is in the report's {@code chain}. Stateless.
 */
public final class AuditLogReplay {
    /** Reference given to replayed inputs: the log never holds the real one, and the rules never look at it. */
    private static final String REFERENCE = "audit-replay";
    private static final ObjectMapper DECIMALS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private AuditLogReplay() {
    }

    /** What changed for one record: change kinds with the finding or rule they concern. */
    private record Changes(long line, String decisionId, List<String[]> changes) {
    }

    /**
     * Verifies the log's hash chain (not its MACs: no key), refuses a broken one, and replays it.
     *
     * @param log     the audit log (JSON Lines)
     * @param engine  the knowledge base to compare with
     * @param threads worker threads
     * @return the report, see {@link #replay(Path, TriageEngine, int, byte[], boolean)}
     * @throws ScreeningException when the log does not verify
     * @throws IOException        when the log cannot be read
     */
    public static ObjectNode replay(Path log, TriageEngine engine, int threads) throws IOException {
        return replay(log, engine, threads, null, false);
    }

    /**
     * @param log         the audit log (JSON Lines)
     * @param engine      the knowledge base to compare with
     * @param threads     worker threads
     * @param key         the audit key, to check the records' MACs too, or {@code null} for the hash chain only
     * @param allowBroken whether to replay a log that does not verify (the report's {@code chain} says where it
     *                    breaks) instead of refusing it
     * @return the report as JSON: {@code chain} ({@code valid}, {@code records} intact, {@code brokenLine},
     *         {@code problem}, {@code verdict}), {@code records, replayed, notReplayable, differing, byChange,
     *         byFinding, byRule, examples} (at most 100 differing records with their changes, in log order)
     * @throws ScreeningException when the log does not verify and {@code allowBroken} is false
     * @throws IOException        when the log cannot be read
     */
    public static ObjectNode replay(Path log, TriageEngine engine, int threads, byte[] key, boolean allowBroken)
            throws IOException {
        AuditLogVerifier.Report chain;
        try {
            chain = AuditLogVerifier.verify(log, key, null);
        } catch (AuditException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!chain.valid() && !allowBroken) {
            throw new ScreeningException("the audit log does not verify, replay refused (a replay of an edited log "
                    + "reports on decisions that were never made): " + chain + "; see twitch-triage audit verify");
        }
        ObjectNode report = replayRecords(log, engine, threads);
        ObjectNode out = RecordDecider.JSON.createObjectNode();
        out.putObject("chain").put("valid", chain.valid()).put("records", chain.records())
                .put("brokenLine", chain.brokenLine()).put("problem", chain.problem()).put("verdict", chain.toString());
        out.setAll(report);
        return out;
    }

    private static ObjectNode replayRecords(Path log, TriageEngine engine, int threads) throws IOException {
        RequestReader reader = new RequestReader();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ArrayDeque<Future<Changes>> inFlight = new ArrayDeque<>();
        Tally tally = new Tally();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                long line = ++number;
                String t = text;
                inFlight.add(pool.submit(() -> replayOne(line, t, reader, engine)));
                while (inFlight.size() >= threads * 64) {
                    tally.add(await(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                tally.add(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
        return tally.toJson();
    }

    private static Changes replayOne(long line, String text, RequestReader reader, TriageEngine engine)
            throws IOException {
        JsonNode record = DECIMALS.readTree(text);
        JsonNode input = record.get("input");
        if (!"DECIDED".equals(record.path("outcome").asText()) || input == null || !input.isObject()) {
            return null;
        }
        ObjectNode withReference = input.deepCopy();
        withReference.with("patient").put("reference", REFERENCE);
        List<String[]> changes = new ArrayList<>();
        TriageDecision now;
        try {
            now = engine.evaluate(reader.read(withReference));
        } catch (InvalidRequestException e) {
            changes.add(new String[] {"input no longer valid", ""});
            return new Changes(line, record.path("decisionId").asText(), changes);
        } catch (RuntimeException e) {
            changes.add(new String[] {"knowledge base fails", ""});
            return new Changes(line, record.path("decisionId").asText(), changes);
        }
        Urgency before = Urgency.valueOf(record.path("highestUrgency").asText());
        if (now.highestUrgency().compareTo(before) != 0) {
            changes.add(new String[] {now.highestUrgency().compareTo(before) > 0 ? "urgency raised"
                    : "urgency lowered", before + " -> " + now.highestUrgency()});
        }
        Set<String> was = new TreeSet<>();
        record.path("findings").forEach(f -> was.add(f.path("code").asText()));
        Set<String> is = new TreeSet<>();
        now.findings().stream().map(Finding::getCode).forEach(c -> is.add(c.name()));
        was.stream().filter(c -> !is.contains(c)).forEach(c -> changes.add(new String[] {"finding removed", c}));
        is.stream().filter(c -> !was.contains(c)).forEach(c -> changes.add(new String[] {"finding added", c}));
        Set<String> firedBefore = new TreeSet<>();
        record.path("firedRules").forEach(r -> firedBefore.add(r.path("id").asText()));
        Set<String> firedNow = new TreeSet<>(now.firedRuleIds());
        firedBefore.stream().filter(r -> !firedNow.contains(r))
                .forEach(r -> changes.add(new String[] {"rule no longer fires", r}));
        firedNow.stream().filter(r -> !firedBefore.contains(r))
                .forEach(r -> changes.add(new String[] {"rule now fires", r}));
        return new Changes(line, record.path("decisionId").asText(), changes);
    }

    private static Changes await(Future<Changes> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException("a line of the audit log is not JSON; run audit verify", io);
            }
            throw new IllegalStateException("a replay worker failed", e.getCause());
        }
    }

    /** The counts, kept by the one thread that collects results in log order. */
    private static final class Tally {
        private static final int EXAMPLES = 100;
        private long records;
        private long replayed;
        private long differing;
        private final Map<String, Long> byChange = new TreeMap<>();
        private final Map<String, Map<String, Long>> byFinding = new TreeMap<>();
        private final Map<String, Map<String, Long>> byRule = new TreeMap<>();
        private final List<Changes> examples = new ArrayList<>();

        void add(Changes c) {
            records++;
            if (c == null) {
                return;
            }
            replayed++;
            if (c.changes().isEmpty()) {
                return;
            }
            differing++;
            Set<String> kinds = new TreeSet<>();
            for (String[] change : c.changes()) {
                kinds.add(change[0]);
                if (change[0].startsWith("finding")) {
                    byFinding.computeIfAbsent(change[1], k -> new TreeMap<>()).merge(change[0], 1L, Long::sum);
                } else if (change[0].startsWith("rule")) {
                    byRule.computeIfAbsent(change[1], k -> new TreeMap<>()).merge(change[0], 1L, Long::sum);
                }
            }
            kinds.forEach(k -> byChange.merge(k, 1L, Long::sum));
            if (examples.size() < EXAMPLES) {
                examples.add(c);
            }
        }

        ObjectNode toJson() {
            ObjectNode root = RecordDecider.JSON.createObjectNode();
            root.put("records", records).put("replayed", replayed).put("notReplayable", records - replayed)
                    .put("differing", differing);
            byChange.forEach(root.putObject("byChange")::put);
            ObjectNode findings = root.putObject("byFinding");
            byFinding.forEach((code, counts) -> counts.forEach(findings.putObject(code)::put));
            ObjectNode rules = root.putObject("byRule");
            byRule.forEach((id, counts) -> counts.forEach(rules.putObject(id)::put));
            var list = root.putArray("examples");
            for (Changes c : examples) {
                ObjectNode e = list.addObject().put("line", c.line()).put("decisionId", c.decisionId());
                var changes = e.putArray("changes");
                c.changes().forEach(ch -> changes.add(ch[1].isEmpty() ? ch[0] : ch[0] + ": " + ch[1]));
            }
            return root;
        }
    }
}
