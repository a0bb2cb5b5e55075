package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.audit.AuditLog;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.audit.AuditReplay;
import org.twitchtriage.audit.Checkpoint;
import org.twitchtriage.validation.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twitch-triage audit verify FILE}, {@code audit checkpoint FILE} and {@code audit replay FILE}: check an audit
 * log's MAC chain (against an exported checkpoint too), export a checkpoint of its end, and re-evaluate its recorded
 * inputs with the current knowledge base to list the decisions that would now differ.
 */
@Command(name = "audit", description = "Work with audit logs written by 'evaluate --audit-log'.",
        synopsisSubcommandLabel = "(verify | checkpoint | replay)",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Replay.class})
public final class AuditCommand extends Subcommand {
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("twitch-triage audit: missing command (verify, checkpoint or replay)");
        spec.commandLine().usage(err);
        return TriageCommand.EXIT_INVALID_INPUT;
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CaseFileException("audit log '" + file + "' does not exist or is not a file", List.of());
        }
        return file;
    }

    /** What every audit subcommand has: the log, its parent (for the engine and environment) and help. */
    abstract static class OnLog implements Callable<Integer> {
        @CommandLine.ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The audit log (JSON Lines).")
        Path file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    /** An audit subcommand that uses the audit secret. */
    abstract static class OnKeyedLog extends OnLog {
        @Option(names = "--audit-key-file", paramLabel = "KEYFILE",
                description = "File holding the audit secret. Default: the environment variable "
                        + AuditOptions.KEY_VARIABLE + ".")
        Path keyFile;

        /** @return the audit secret, or {@code null} when none is given */
        byte[] key() {
            return AuditOptions.readKey(keyFile, audit.root.environment());
        }
    }

    /**
     * {@code audit verify FILE [--checkpoint CP]}: exit 0 when intact, 3 with the first broken record otherwise. With
     * the audit key (key file or environment, as for {@code evaluate}) the MACs are checked; without it only the hashes.
     */
    @Command(name = "verify", description = "Check that no record of an audit log was edited, removed, reordered, "
            + "forged or cut off; report the first broken record.")
    static final class Verify extends OnKeyedLog {
        @Option(names = "--checkpoint", paramLabel = "CPFILE",
                description = "A checkpoint exported earlier with 'audit checkpoint': the log must still hold the "
                        + "record it names (catches truncation back to an older head file).")
        Path checkpoint;

        @Override
        public Integer call() {
            byte[] key = key();
            Checkpoint exported = checkpoint == null ? null : readCheckpoint(checkpoint);
            AuditLogVerifier.Report report = AuditLogVerifier.verify(existing(file), key, exported);
            PrintWriter out = spec.commandLine().getOut();
            out.println(SafeText.line(file + ": " + report));
            out.flush();
            return report.valid() ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
        }

        private static Checkpoint readCheckpoint(Path file) {
            try {
                Checkpoint cp = Checkpoint.read(file);
                if (cp == null) {
                    throw new CaseFileException("checkpoint file '" + file + "' does not exist", List.of());
                }
                return cp;
            } catch (AuditException e) {
                throw new CaseFileException(e.getMessage(), List.of());
            }
        }
    }

    /**
     * {@code audit checkpoint FILE}: verifies the log with the key and prints its current checkpoint (one JSON line),
     * to be kept where the log's writer cannot rewrite it; exit 3 without a checkpoint when the log is broken.
     */
    @Command(name = "checkpoint", description = "Verify an audit log with the key and print a checkpoint of its end, "
            + "to keep where the log's writer cannot rewrite it (for 'audit verify --checkpoint').")
    static final class Export extends OnKeyedLog {
        @Override
        public Integer call() {
            byte[] key = key();
            if (key == null) {
                throw new CaseFileException("audit checkpoint needs the audit key: --audit-key-file KEYFILE or the "
                        + "environment variable " + AuditOptions.KEY_VARIABLE, List.of());
            }
            Checkpoint head = Checkpoint.read(AuditLog.headOf(existing(file)));
            AuditLogVerifier.Report report = AuditLogVerifier.verify(file, key, null);
            PrintWriter out = spec.commandLine().getOut();
            if (!report.valid() || head == null || head.mac() == null) {
                spec.commandLine().getErr().println(SafeText.line(file.toString()) + ": no checkpoint exported: "
                        + (report.valid() ? "the log has no keyed head file" : report.toString()));
                spec.commandLine().getErr().flush();
                return TriageCommand.EXIT_CHECK_FAILED;
            }
            out.print(head.toJson());
            out.flush();
            return TriageCommand.EXIT_DECIDED;
        }
    }

    /** {@code audit replay FILE}: exit 0 when every replayed decision is unchanged, 3 otherwise. */
    @Command(name = "replay", description = "Re-evaluate the inputs stored in an audit log with the current "
            + "knowledge base and list the decisions that would now differ.")
    static final class Replay extends OnLog {
        @Override
        public Integer call() {
            AuditReplay.Result result = AuditReplay.replay(existing(file), audit.root.engine());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Replayed " + result.replayed() + " of " + result.records() + " records with "
                    + audit.root.engine().knowledgeBase().releaseId() + " (rules sha256 "
                    + audit.root.engine().knowledgeBase().rulesSha256() + "); " + result.notReplayable()
                    + " had no stored input or no decision.");
            if (result.differences().isEmpty()) {
                out.println("No decision would differ.");
            } else {
                out.println(result.differences().size() + " decision(s) would differ:");
                for (AuditReplay.Difference d : result.differences()) {
                    out.println("  line " + d.line() + ", decision " + d.decisionId() + ":");
                    d.changes().forEach(c -> out.println("    - " + SafeText.line(String.valueOf(c))));
                }
            }
            out.flush();
            return result.differences().isEmpty() ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
        }
    }
}
