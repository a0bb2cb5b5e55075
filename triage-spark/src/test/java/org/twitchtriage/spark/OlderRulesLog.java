package org.twitchtriage.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.twitchtriage.audit.AuditRecord;
import org.twitchtriage.audit.AuditSink;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.audit.Outcome;
import org.twitchtriage.batch.BulkExport;
import org.twitchtriage.batch.PopulationGenerator;
import org.twitchtriage.batch.Screening;
import org.twitchtriage.batch.ScreeningSummary;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.Urgency;

/**
 * Writes the audit log of a screening as if part of it had been decided under an older rule set, with a chain that
 * verifies: {@code twitch-triage screen --audit-log --capture-input} on a seeded population (bad records included),
 * through a sink that changes some decided records before the log's own sink chains them. Of the decided records,
 * counted in log order (one screening thread): every odd one lacks its last rule firing (the rule "now fires"),
 * every sixth from the fourth concluded nothing urgent (urgency raised, findings added), every fifteenth from the
 * eighth names a rule that has since been withdrawn (it "no longer fires"), every tenth from the sixth kept no input
 * (not replayable), and the second's input has since become invalid.
 */
final class OlderRulesLog {
    /** The audit key of the logs written here. */
    static final byte[] KEY = "a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8);
    static final LocalDate DATE = LocalDate.of(2026, 1, 5);

    private OlderRulesLog() {
    }

    /**
     * @param dir      a new folder for the export, the screening's output and the log
     * @param engine   the current rules
     * @param patients how many patients to generate
     * @return the log, {@code dir/audit.jsonl}
     */
    static Path write(Path dir, TriageEngine engine, int patients) throws IOException {
        Path export = dir.resolve("export");
        new PopulationGenerator(31, 0.05, DATE).write(export, patients);
        Path log = dir.resolve("audit.jsonl");
        ScreeningSummary s;
        try (BulkExport source = BulkExport.open(export, BulkExport.DEFAULT_SORT_BUDGET)) {
            s = Screening.builder(engine).threads(1).evaluationDate(DATE)
                    .audit(ids -> AuditedTriageEngine.builder(engine).pseudonymKey(KEY).captureInput(true)
                            .decisionIds(ids).sink(new OlderRules(JsonLinesAuditSink.open(log,
                                    JsonLinesAuditSink.Durability.FLUSH, KEY))).build(), log)
                    .build().run(source, Screening.describe(export), dir.resolve("screened"), false);
        }
        if (s.decided() < patients / 2) {
            throw new IllegalStateException("the screening decided only " + s.decided() + " records");
        }
        return log;
    }

    /** Changes some decided records, then hands every record to the log. */
    private static final class OlderRules implements AuditSink {
        private final AuditSink log;
        private long decided;

        OlderRules(AuditSink log) {
            this.log = log;
        }

        @Override
        public synchronized void write(AuditRecord r) {
            log.write(r.outcome() == Outcome.DECIDED ? older(r, ++decided) : r);
        }

        private static AuditRecord older(AuditRecord r, long n) {
            List<FiredRule> fired = new ArrayList<>(r.firedRules());
            Urgency urgency = r.highestUrgency();
            var findings = r.findings();
            var input = r.input();
            if (n % 2 == 1 && !fired.isEmpty()) {
                fired.remove(fired.size() - 1);
            }
            if (n % 6 == 4 && urgency != Urgency.ROUTINE) {
                urgency = Urgency.ROUTINE;
                findings = List.of();
            }
            if (n % 15 == 8) {
                fired.add(new FiredRule("OLD-1", "Old rule: withdrawn since", "org.twitchtriage.rules", List.of(),
                        List.of()));
            }
            if (n % 10 == 6) {
                input = null;
            }
            if (n == 2) {
                input.with("patient").put("ageYears", -4);
            }
            return new AuditRecord(r.decisionId(), r.time(), r.outcome(), r.knowledgeBase(), r.engineVersion(),
                    r.inputDigest(), r.patientPseudonym(), urgency, fired, findings, r.violations(), r.error(),
                    input);
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
