package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.audit.AuditReplay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code twitch-triage audit verify FILE} and {@code audit replay FILE}: check an audit log's hash chain, and
 * re-evaluate its recorded inputs with the current knowledge base to list the decisions that would now differ.
 */
@Command(name = "audit", description = "Work with audit logs written by 'evaluate --audit-log'.",
        synopsisSubcommandLabel = "(verify | replay)",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class})
public final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    TriageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("twitch-triage audit: missing command (verify or replay)");
        spec.commandLine().usage(err);
        return TriageCommand.EXIT_INVALID_INPUT;
    }

    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CaseFileException("audit log '" + file + "' does not exist or is not a file", List.of());
        }
        return file;
    }

    /** {@code audit verify FILE}: exit 0 when intact, 3 with the first broken record otherwise. */
    @Command(name = "verify", description = "Check that no record of an audit log was edited, removed, reordered "
            + "or cut off; report the first broken record.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The audit log (JSON Lines).")
        Path file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            AuditLogVerifier.Report report = AuditLogVerifier.verify(existing(file));
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": " + report);
            out.flush();
            return report.valid() ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
        }
    }

    /** {@code audit replay FILE}: exit 0 when every replayed decision is unchanged, 3 otherwise. */
    @Command(name = "replay", description = "Re-evaluate the inputs stored in an audit log with the current "
            + "knowledge base and list the decisions that would now differ.")
    static final class Replay implements Callable<Integer> {
        @CommandLine.ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The audit log (JSON Lines), written with --capture-input.")
        Path file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

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
                    d.changes().forEach(c -> out.println("    - " + c));
                }
            }
            out.flush();
            return result.differences().isEmpty() ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
        }
    }
}
