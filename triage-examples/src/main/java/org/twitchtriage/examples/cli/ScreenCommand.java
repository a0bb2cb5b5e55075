package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.batch.BulkExport;
import org.twitchtriage.batch.CaseLines;
import org.twitchtriage.batch.RecordSource;
import org.twitchtriage.batch.Screening;
import org.twitchtriage.batch.ScreeningException;
import org.twitchtriage.batch.ScreeningSummary;
import org.twitchtriage.engine.TriageEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twitch-triage screen INPUT --out DIR}: decides a whole population, a FHIR Bulk Data export folder or a
 * JSON Lines file of cases, on every core in constant memory, with progress on standard error, and prints the
 * summary as JSON. Bad records are written to the errors file and the run goes on. Interrupted, it is continued
 * with {@code --resume}. Described in {@code docs/screening.md}.
 */
@Command(name = "screen", description = "Decide a population: a FHIR Bulk Data export folder (Patient, Condition, "
        + "Observation NDJSON) or a JSON Lines file of case files. Writes DIR/decisions.ndjson, DIR/errors.ndjson "
        + "and DIR/summary.json, and prints the summary.")
public final class ScreenCommand extends Subcommand {
    @Parameters(paramLabel = "INPUT", description = "A Bulk export folder (*.ndjson) or a JSON Lines file of cases.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the interrupted run whose checkpoint is in the output folder.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: one per core.")
    Integer threads;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Evaluation date for ages and durations read from FHIR. Default: today (UTC); a resumed run "
                    + "keeps its own.")
    LocalDate date;

    @Option(names = "--sort-memory", paramLabel = "MB", defaultValue = "64",
            description = "Memory for sorting a Bulk export by patient before it spills to disk. Default: ${DEFAULT-VALUE}.")
    int sortMemory;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "5000",
            description = "Records between durable checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "bar, lines, none or auto (a bar on a terminal, lines otherwise). Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append an audit record of every evaluation to FILE (needs the audit key, as for evaluate).")
    Path auditLog;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE",
            description = "File holding the audit secret. Default: the environment variable "
                    + AuditOptions.KEY_VARIABLE + ".")
    Path keyFile;

    @Option(names = "--capture-input", description = "Store each input (without reference) in its audit record.")
    boolean captureInput;

    @Mixin
    RulesOption rules = new RulesOption();

    @Override
    public Integer call() {
        if (!Files.exists(input)) {
            throw new CaseFileException("input '" + input + "' does not exist", List.of());
        }
        if (checkpointEvery < 1 || sortMemory < 1 || (threads != null && threads < 1)) {
            throw new CaseFileException("--threads, --sort-memory and --checkpoint-every must be at least 1", List.of());
        }
        TriageEngine engine = rules.engine(root);
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = "bar".equals(progress) || ("auto".equals(progress) && System.console() != null);
        ProgressDisplay display = "none".equals(progress) ? null
                : new ProgressDisplay(err, terminal, System::nanoTime, "records");
        Screening.Builder screening = Screening.builder(engine).checkpointEvery(checkpointEvery)
                .evaluationDate(date != null ? date : LocalDate.now(ZoneOffset.UTC))
                .progress(display == null ? null : display::update);
        if (threads != null) {
            screening.threads(threads);
        }
        if (auditLog != null) {
            byte[] key = AuditOptions.readKey(keyFile, root.environment());
            if (key == null) {
                throw new CaseFileException("--audit-log needs the audit key: --audit-key-file KEYFILE or the "
                        + "environment variable " + AuditOptions.KEY_VARIABLE, List.of());
            }
            screening.audit(ids -> AuditedTriageEngine.builder(engine).pseudonymKey(key).captureInput(captureInput)
                    .decisionIds(ids)
                    .sink(JsonLinesAuditSink.open(auditLog, JsonLinesAuditSink.Durability.FLUSH, key)).build(),
                    auditLog);
        }
        ScreeningSummary summary;
        try (RecordSource source = open(err)) {
            summary = screening.build().run(source, Screening.describe(input), out, resume);
            if (display != null) {
                display.finish(summary.records(), summary.errors(), source.total());
            }
        } catch (ScreeningException e) {
            throw new CaseFileException(e.getMessage(), List.of());
        } catch (IOException e) {
            throw new CaseFileException("cannot screen '" + input + "': " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), List.of());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(summary.toJson().toPrettyString());
        stdout.flush();
        return TriageCommand.EXIT_DECIDED;
    }

    private RecordSource open(PrintWriter err) throws IOException {
        if (Files.isDirectory(input)) {
            if (!"none".equals(progress)) {
                err.println("reading and sorting the export by patient ...");
                err.flush();
            }
            return BulkExport.open(input, (long) sortMemory << 20);
        }
        return CaseLines.open(input);
    }
}
