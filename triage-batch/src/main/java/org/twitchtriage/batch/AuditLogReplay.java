package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.engine.TriageEngine;

/**
 * Re-decides the inputs stored in an audit log with the current rules on every core, streaming, and counts what
 * would differ: highest urgency raised or lowered, findings added or removed, rules that now fire or no longer
 * fire, grouped by finding and by rule. Only decided records that stored their input can be replayed; the others
 * are counted. The log's hash chain (and, with the audit key, its MACs) is verified first by triage-core's streaming
 * {@link AuditLogVerifier}: a log that does not verify is refused, since a replay of an edited log reports on
 * decisions that were never made, unless the caller accepts a broken chain (then the report says where it breaks).
 * The outcome is in the report's {@code chain}. Each line is re-decided by {@link RecordReplayer} and counted by
 * {@link ReplayTally}; {@link #verify} and {@link #report} are the steps before and after, for a job that re-decides
 * the lines elsewhere (the Spark job). Stateless.
 */
public final class AuditLogReplay {
    private AuditLogReplay() {
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
        AuditLogVerifier.Report chain = verify(log, key, allowBroken);
        return report(chain, replayRecords(log, new RecordReplayer(engine::evaluate), threads));
    }

    /**
     * The first step of a replay: verifies the log in one streaming pass.
     *
     * @param log         the audit log (JSON Lines), with its head file beside it
     * @param key         the audit key, to check the records' MACs too, or {@code null} for the hash chain only
     * @param allowBroken whether a log that does not verify may be replayed
     * @return the verification's report
     * @throws ScreeningException when the log does not verify and {@code allowBroken} is false
     * @throws IOException        when the log cannot be read
     */
    public static AuditLogVerifier.Report verify(Path log, byte[] key, boolean allowBroken) throws IOException {
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
        return chain;
    }

    /**
     * The last step of a replay: the report.
     *
     * @param chain what {@link #verify} found
     * @param tally every line of the log, counted in log order
     * @return the report, see {@link #replay(Path, TriageEngine, int, byte[], boolean)}
     */
    public static ObjectNode report(AuditLogVerifier.Report chain, ReplayTally tally) {
        ObjectNode out = RecordDecider.JSON.createObjectNode();
        out.putObject("chain").put("valid", chain.valid()).put("records", chain.records())
                .put("brokenLine", chain.brokenLine()).put("problem", chain.problem()).put("verdict", chain.toString());
        out.setAll(tally.toJson());
        return out;
    }

    private static ReplayTally replayRecords(Path log, RecordReplayer replayer, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ArrayDeque<Future<ReplayedRecord>> inFlight = new ArrayDeque<>();
        ReplayTally tally = new ReplayTally();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                long line = ++number;
                String t = text;
                inFlight.add(pool.submit(() -> replayer.replay(line, t)));
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
        return tally;
    }

    private static ReplayedRecord await(Future<ReplayedRecord> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("replay interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw notJson(io);
            }
            throw new IllegalStateException("a replay worker failed", e.getCause());
        }
    }

    /**
     * @param cause why the line could not be read, or {@code null}
     * @return the failure of a replay that met a line that is not JSON
     */
    public static IOException notJson(IOException cause) {
        return new IOException("a line of the audit log is not JSON; run audit verify", cause);
    }
}
