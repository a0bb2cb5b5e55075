package org.twitchtriage.batch;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.fhir.FhirRequestMapper;
import org.twitchtriage.model.TriageRequest;

/**
 * Screens a {@link RecordSource} into an output folder on every core, in input order, resumably.
 *
 * <pre>{@code
 * ScreeningSummary s = Screening.builder(TriageEngine.create()).evaluationDate(LocalDate.of(2026, 1, 5))
 *         .build().run(BulkExport.open(exportFolder, BulkExport.DEFAULT_SORT_BUDGET), input, out, false);
 * }</pre>
 *
 * <p>The folder gets {@value #DECISIONS} (one decision line per decided record), {@value #ERRORS} (one line per
 * record that could not be decided, each problem with its file, line and field), {@value #SUMMARY} at the end, and
 * {@link ScreeningCheckpoint#FILE}. Records are decided by a pool of worker threads (one {@link TriageEngine}, which
 * is thread-safe, serves them all) and written by the calling thread in input order; at most a window of records is
 * in flight, so memory does not grow with the input.
 *
 * <p><b>Resume.</b> Every {@code checkpointEvery} records the outputs are forced to disk and a checkpoint is
 * replaced atomically. A run that was killed is resumed with {@code resume = true}: the outputs are cut back to the
 * checkpoint's lengths and the records it counts are skipped, so no output line is lost or written twice. The
 * input and the rules must be those of the checkpoint, whose evaluation date is kept. With an audit log, decision ids are
 * {@code runId:sequence}; a record already audited after the last checkpoint is decided again without a second
 * audit record (the rules are deterministic), so the log holds one record per input record.
 *
 * <p>One instance runs one screening at a time; not thread-safe.
 */
public final class Screening {
    /** File of decision lines. */
    public static final String DECISIONS = "decisions.ndjson";
    /** File of error lines. */
    public static final String ERRORS = "errors.ndjson";
    /** File of the final summary. */
    public static final String SUMMARY = "summary.json";

    /** What a screening reports while it runs; called from the writing thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done   records done (resumed ones included)
         * @param errors records with errors so far
         * @param total  records expected, or -1 when unknown
         */
        void update(long done, long errors, long total);
    }

    private static final ThreadLocal<Long> SEQUENCE = new ThreadLocal<>();

    private final TriageEngine engine;
    private final Function<Supplier<String>, AuditedTriageEngine> auditFactory;
    private final Path auditLog;
    private final int threads;
    private final int checkpointEvery;
    private final LocalDate evaluationDate;
    private final FhirRequestMapper mapper;
    private final Progress progress;

    private Screening(Builder b) {
        this.engine = b.engine;
        this.auditFactory = b.auditFactory;
        this.auditLog = b.auditLog;
        this.threads = b.threads;
        this.checkpointEvery = b.checkpointEvery;
        this.evaluationDate = b.evaluationDate;
        this.mapper = b.mapper;
        this.progress = b.progress;
    }

    /** @return a builder around the engine that decides */
    public static Builder builder(TriageEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * Runs (or resumes) a screening.
     *
     * @param source the records; closed by the caller
     * @param input  a description of the input that changes when it changes, see {@link #describe(Path)}
     * @param folder the output folder (created when missing)
     * @param resume whether to continue the run whose checkpoint is in the folder
     * @return the summary of the whole run
     * @throws ScreeningException when the folder holds another run, or the checkpoint does not match
     * @throws IOException        when reading or writing fails
     */
    public ScreeningSummary run(RecordSource source, String input, Path folder, boolean resume) throws IOException {
        Files.createDirectories(folder);
        String rules = engine.knowledgeBase().rulesSha256();
        ScreeningCheckpoint cp = ScreeningCheckpoint.read(folder);
        if (cp != null && !resume) {
            throw new ScreeningException("the output folder " + folder + " holds a screening already; resume it "
                    + "(--resume) or choose an empty folder");
        }
        if (cp == null) {
            if (Files.exists(folder.resolve(DECISIONS)) || Files.exists(folder.resolve(ERRORS))) {
                throw new ScreeningException("the output folder " + folder + " holds outputs but no checkpoint; "
                        + "choose an empty folder");
            }
            cp = new ScreeningCheckpoint(UUID.randomUUID().toString(), input, evaluationDate.toString(), rules, 0,
                    0, 0, false, new ScreeningSummary().toJson());
            Files.createFile(folder.resolve(DECISIONS));
            Files.createFile(folder.resolve(ERRORS));
            cp.write(folder);
        } else {
            check(cp, input, rules);
        }
        ScreeningSummary summary = ScreeningSummary.fromJson(cp.summary());
        if (cp.complete()) {
            return summary;
        }
        Set<Long> audited = auditedAfter(cp);
        try (ScreeningOutputs out = new ScreeningOutputs(folder, cp);
             AuditedTriageEngine audit = auditFactory == null ? null
                     : auditFactory.apply(idsOf(cp.runId()))) {
            RecordDecider decider = new RecordDecider(mapper, FhirContext.forR4Cached(),
                    LocalDate.parse(cp.evaluationDate()),
                    decideWith(audit, audited));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "screening-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                long done = pipe(source, decider, pool, out, summary, cp);
                out.checkpoint(cp, done, summary, true);
            } finally {
                pool.shutdownNow();
            }
        }
        Files.writeString(folder.resolve(SUMMARY), summary.toJson().toPrettyString() + "\n", StandardCharsets.UTF_8);
        return summary;
    }

    private long pipe(RecordSource source, RecordDecider decider, ExecutorService pool, ScreeningOutputs out,
                      ScreeningSummary summary, ScreeningCheckpoint cp) throws IOException {
        int window = threads * 64;
        ArrayDeque<Future<RecordOutcome>> inFlight = new ArrayDeque<>();
        long done = cp.done();
        long total = source.total();
        for (InputRecord next = source.next(); next != null; next = source.next()) {
            if (next.sequence() < cp.done()) {
                continue;
            }
            InputRecord r = next;
            inFlight.add(pool.submit(() -> {
                SEQUENCE.set(r.sequence());
                try {
                    return decider.decide(r);
                } finally {
                    SEQUENCE.remove();
                }
            }));
            while (inFlight.size() >= window) {
                done = write(inFlight.poll(), out, summary, cp, done, total);
            }
        }
        while (!inFlight.isEmpty()) {
            done = write(inFlight.poll(), out, summary, cp, done, total);
        }
        return done;
    }

    private long write(Future<RecordOutcome> next, ScreeningOutputs out, ScreeningSummary summary, ScreeningCheckpoint cp,
                       long done, long total) throws IOException {
        RecordOutcome outcome = await(next);
        summary.count(outcome);
        out.write(outcome);
        long now = done + 1;
        if (now % checkpointEvery == 0) {
            out.checkpoint(cp, now, summary, false);
        }
        if (progress != null) {
            progress.update(now, summary.errors(), total);
        }
        return now;
    }

    private static RecordOutcome await(Future<RecordOutcome> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("screening interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a screening worker failed", e.getCause());
        }
    }

    private Function<TriageRequest, TriageDecision> decideWith(AuditedTriageEngine audit,
                                                                                   Set<Long> audited) {
        if (audit == null) {
            return engine::evaluate;
        }
        return request -> audited.contains(SEQUENCE.get()) ? engine.evaluate(request)
                : audit.evaluate(request).decision();
    }

    private static Supplier<String> idsOf(String runId) {
        return () -> runId + ":" + SEQUENCE.get();
    }

    /** The sequences this run audited after its checkpoint: read from the audit log's decision ids. */
    private Set<Long> auditedAfter(ScreeningCheckpoint cp) throws IOException {
        Set<Long> out = new HashSet<>();
        if (auditLog == null || !Files.exists(auditLog)) {
            return out;
        }
        String prefix = cp.runId() + ":";
        try (BufferedReader r = Files.newBufferedReader(auditLog, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int at = line.indexOf(prefix);
                if (at < 0) {
                    continue;
                }
                JsonNode node;
                try {
                    node = RecordDecider.JSON.readTree(line);
                } catch (IOException e) {
                    continue;  // a line cut off by the crash: the audit sink recovers it
                }
                String id = node.path("decisionId").asText("");
                if (id.startsWith(prefix)) {
                    long seq = Long.parseLong(id.substring(prefix.length()));
                    if (seq >= cp.done()) {
                        out.add(seq);
                    }
                }
            }
        }
        return out;
    }

    private static void check(ScreeningCheckpoint cp, String input, String rules) {
        if (!cp.input().equals(input)) {
            throw new ScreeningException("the input changed since the checkpoint (files, sizes or times); "
                    + "a resume needs the same input: start again in an empty folder");
        }
        if (!Objects.equals(cp.rulesSha256(), rules)) {
            throw new ScreeningException("the rules changed since the checkpoint (rules sha256 differs); "
                    + "a resume needs the same rules: start again in an empty folder");
        }
    }

    /**
     * Describes an input file or folder for the checkpoint: each file's name, size and modification time.
     *
     * @param input a JSON Lines file or a Bulk export folder
     * @return the description
     * @throws IOException when it cannot be listed
     */
    public static String describe(Path input) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.isDirectory(input) ? Files.list(input) : java.util.stream.Stream.of(input)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(p.getFileName()).append(' ').append(Files.size(p)).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
        }
        return out.toString();
    }

    /** Configures a {@link Screening}. Not thread-safe. */
    public static final class Builder {
        private final TriageEngine engine;
        private Function<Supplier<String>, AuditedTriageEngine> auditFactory;
        private Path auditLog;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int checkpointEvery = 5_000;
        private LocalDate evaluationDate = LocalDate.now(java.time.ZoneOffset.UTC);
        private FhirRequestMapper mapper = new FhirRequestMapper();
        private Progress progress;

        private Builder(TriageEngine engine) {
            this.engine = engine;
        }

        /**
         * Audits every decision. The factory is called once the run starts, with the decision ids the audited
         * engine must use ({@link AuditedTriageEngine.Builder#decisionIds}); the screening closes the engine.
         *
         * @param factory builds the audited engine around the same engine (key, sinks, input capture)
         * @param log     the JSON Lines log its sink appends to, read on resume
         */
        public Builder audit(Function<Supplier<String>, AuditedTriageEngine> factory, Path log) {
            this.auditFactory = Objects.requireNonNull(factory, "factory");
            this.auditLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Worker threads; default: one per core. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Records between checkpoints; default 5000. */
        public Builder checkpointEvery(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("checkpointEvery must be at least 1");
            }
            this.checkpointEvery = records;
            return this;
        }

        /** The date FHIR ages and durations are computed for; default: today in UTC. */
        public Builder evaluationDate(LocalDate date) {
            this.evaluationDate = Objects.requireNonNull(date, "date");
            return this;
        }

        /** The FHIR mapper (its concept map); default: the default concept map. */
        public Builder mapper(FhirRequestMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Where progress goes; default none. */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /** @return the screening */
        public Screening build() {
            return new Screening(this);
        }
    }
}
