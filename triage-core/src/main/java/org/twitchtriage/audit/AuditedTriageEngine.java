package org.twitchtriage.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * A {@link TriageEngine} whose every evaluation, including rejected input and failures, leaves an
 * {@link AuditRecord} in each configured {@link AuditSink} before the call returns or throws. If a sink fails, the
 * call fails with {@link AuditException} and no decision is returned. Thread-safe when its sinks are.
 *
 * <pre>{@code
 * AuditedTriageEngine audited = AuditedTriageEngine.builder(TriageEngine.create())
 *         .pseudonymKey(key)                      // the audit secret: 32+ bytes, kept away from the log
 *         .captureInput(true)                     // store the input without the reference, for replay
 *         .sink(JsonLinesAuditSink.open(path, Durability.FSYNC, key))   // MACs under a key derived from it
 *         .build();
 * AuditedDecision d = audited.evaluate(request);
 * }</pre>
 */
public final class AuditedTriageEngine implements AutoCloseable {
    private final TriageEngine engine;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final boolean captureInput;
    private final List<AuditSink> sinks;
    private final Supplier<String> ids;

    private AuditedTriageEngine(Builder b) {
        this.engine = b.engine;
        this.pseudonymizer = new Pseudonymizer(b.key);
        this.clock = b.clock;
        this.captureInput = b.captureInput;
        this.sinks = List.copyOf(b.sinks);
        this.ids = b.ids;
    }

    /** @return a builder around an engine */
    public static Builder builder(TriageEngine engine) {
        return new Builder(Objects.requireNonNull(engine, "engine"));
    }

    /** @return the engine that decides */
    public TriageEngine engine() {
        return engine;
    }

    /**
     * Evaluates and audits.
     *
     * @return the decision with its stored record
     * @throws InvalidRequestException as {@link TriageEngine#evaluate}, after a {@link Outcome#REJECTED} record
     * @throws TriageEngineException   as {@link TriageEngine#evaluate}, after a {@link Outcome#FAILED} record (so
     *                                 does any other runtime failure of the engine)
     * @throws AuditException          when a record could not be stored; no decision is returned then
     */
    public AuditedDecision evaluate(TriageRequest request) {
        String id = ids.get();
        java.time.Instant time = clock.instant();
        String pseudonym = request == null || request.getPatient() == null
                || request.getPatient().getReference() == null ? null
                : pseudonymizer.pseudonym(request.getPatient().getReference());
        String digest = CanonicalInput.digest(request);
        var input = captureInput ? CanonicalInput.of(request) : null;
        TriageDecision decision;
        try {
            decision = engine.evaluate(request);
        } catch (InvalidRequestException e) {
            store(e, new AuditRecord(id, time, Outcome.REJECTED, engine.knowledgeBase(), TriageEngine.version(),
                    digest, pseudonym, null, List.of(), List.of(), e.getViolations(), null, input));
            throw e;
        } catch (RuntimeException e) {
            // any other failure (engine or unexpected) is audited too before it propagates
            store(e, new AuditRecord(id, time, Outcome.FAILED, engine.knowledgeBase(), TriageEngine.version(),
                    digest, pseudonym, null, List.of(), List.of(), List.of(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), input));
            throw e;
        }
        AuditRecord record = new AuditRecord(id, time, Outcome.DECIDED, decision.knowledgeBase(),
                TriageEngine.version(), digest, pseudonym, decision.highestUrgency(), decision.firedRules(),
                decision.findings(), List.of(), null, input);
        store(null, record);
        return new AuditedDecision(decision, record);
    }

    /**
     * Stores a clinician's feedback on a presented decision in every sink, in the same log as the decisions.
     *
     * @throws AuditException when a sink could not store it (or does not store feedback)
     */
    public void recordFeedback(FeedbackRecord record) {
        Objects.requireNonNull(record, "record");
        for (AuditSink sink : sinks) {
            try {
                sink.writeFeedback(record);
            } catch (AuditException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AuditException("audit sink " + sink.getClass().getSimpleName() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private void store(RuntimeException original, AuditRecord record) {
        for (AuditSink sink : sinks) {
            try {
                sink.write(record);
            } catch (RuntimeException e) {
                AuditException failure = e instanceof AuditException a ? a
                        : new AuditException("audit sink " + sink.getClass().getSimpleName() + " failed: "
                        + e.getMessage(), e);
                if (original != null) {
                    failure.addSuppressed(original);
                }
                throw failure;
            }
        }
    }

    /** Closes every sink. */
    @Override
    public void close() {
        sinks.forEach(AuditSink::close);
    }

    /** Configures an {@link AuditedTriageEngine}. Not thread-safe. */
    public static final class Builder {
        private final TriageEngine engine;
        private byte[] key;
        private Clock clock = Clock.systemUTC();
        private boolean captureInput;
        private final List<AuditSink> sinks = new ArrayList<>();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();

        private Builder(TriageEngine engine) {
            this.engine = engine;
        }

        /** The secret for patient pseudonyms (at least {@value Pseudonymizer#MIN_KEY_BYTES} bytes); required. */
        public Builder pseudonymKey(byte[] key) {
            this.key = key == null ? null : key.clone();
            return this;
        }

        /** The clock for record times (default: UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether to store the input (without the patient reference) for replay; default off. */
        public Builder captureInput(boolean captureInput) {
            this.captureInput = captureInput;
            return this;
        }

        /** Adds a sink; at least one is required. */
        public Builder sink(AuditSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** The source of decision ids (default: random UUIDs). */
        public Builder decisionIds(Supplier<String> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the key is missing or short, or no sink is configured
         */
        public AuditedTriageEngine build() {
            if (sinks.isEmpty()) {
                throw new IllegalArgumentException("an audited engine needs at least one audit sink");
            }
            return new AuditedTriageEngine(this);
        }
    }
}
