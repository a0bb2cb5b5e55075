package org.twitchtriage.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.batch.AuditLogReplay;
import org.twitchtriage.batch.ReplayHtml;
import org.twitchtriage.batch.ScreeningException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twitch-triage replay LOG [--html FILE]}: which decisions of an audit log would differ under the current rules,
 * re-decided on every core ({@link AuditLogReplay}), grouped by change, finding and rule; the report as JSON on
 * standard output and, with {@code --html}, as a page for review. The log's chain is verified first; a log that does
 * not verify is refused (exit 2) unless {@code --allow-broken-chain}. Exit 3 when a decision would differ.
 */
@Command(name = "replay", description = "Re-decide the inputs stored in an audit log with the current rules on every "
        + "core and report, grouped by change, finding and rule, which decisions would differ.")
public final class ReplayCommand extends Subcommand {
    @Parameters(paramLabel = "LOG", description = "The audit log (JSON Lines; written with --capture-input).")
    Path log;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
    Path html;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: one per core.")
    Integer threads;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE",
            description = "File holding the audit secret, to check the records' MACs as well as the hash chain. "
                    + "Default: the environment variable " + AuditOptions.KEY_VARIABLE + ", else the chain only.")
    Path keyFile;

    @Option(names = "--allow-broken-chain",
            description = "Replay a log whose chain does not verify (the report says where it breaks) instead of "
                    + "refusing it.")
    boolean allowBrokenChain;

    @Mixin
    RulesOption rules = new RulesOption();

    @Override
    public Integer call() {
        AuditCommand.existing(log);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new CaseFileException("--threads must be at least 1", List.of());
        }
        ObjectNode report;
        try {
            report = AuditLogReplay.replay(log, rules.engine(root), n, AuditOptions.readKey(keyFile,
                    root.environment()), allowBrokenChain);
            if (html != null) {
                Files.writeString(html, ReplayHtml.page(report), StandardCharsets.UTF_8);
            }
        } catch (ScreeningException e) {
            throw new CaseFileException(e.getMessage() + " (or --allow-broken-chain)", List.of());
        } catch (IOException e) {
            throw new CaseFileException("cannot replay '" + log + "': " + e.getMessage(), List.of());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.toPrettyString());
        out.flush();
        return report.path("differing").asLong() == 0 ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
    }
}
