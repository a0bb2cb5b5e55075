package org.twitchtriage.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.audit.Pseudonymizer;
import org.twitchtriage.batch.ReplayHtml;
import org.twitchtriage.batch.ScreeningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark replay's command line, that of {@code twitch-triage replay}: {@code SparkReplayCommand LOG [--html FILE]
 * [--audit-key-file KEYFILE] [--allow-broken-chain] [--master local[*]] [--partitions N]}. Without {@code --master} it
 * runs on the master {@code spark-submit} gives, or embedded on {@code local[*]} when started with {@code java}.
 * Prints the report as JSON; exit code 0 when no decision would differ, 3 when one would, 2 for a log that is missing,
 * does not verify (without {@code --allow-broken-chain}) or has a line that is not JSON, or a wrong option.
 */
@Command(name = "spark-replay", mixinStandardHelpOptions = true,
        description = "Re-decide the inputs stored in an audit log with the current rules on Apache Spark and report, "
                + "grouped by change, finding and rule, which decisions would differ, as twitch-triage replay does.")
public final class SparkReplayCommand implements Callable<Integer> {
    /** Exit code when no decision would differ. */
    static final int EXIT_SAME = 0;
    /** Exit code of a wrong option, a missing log or one that does not verify. */
    static final int EXIT_INVALID = 2;
    /** Exit code when a decision would differ. */
    static final int EXIT_DIFFERING = 3;
    /** Environment variable that may hold the audit key, as for {@code twitch-triage}. */
    static final String KEY_VARIABLE = "TWITCH_TRIAGE_AUDIT_KEY";

    @Parameters(paramLabel = "LOG", description = "The audit log (JSON Lines; written with --capture-input), a local "
            + "path; on a cluster, one every node mounts.")
    Path log;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
    Path html;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "The audit secret (read by the driver "
            + "only; never sent to the executors): the driver checks the MACs too when it verifies the log. Default: "
            + "the environment variable " + KEY_VARIABLE + ", else the hash chain only.")
    Path keyFile;

    @Option(names = "--allow-broken-chain", description = "Go on to the Spark job when the driver finds that the chain "
            + "does not verify (the report's chain says where it breaks); without it, such a log is refused before "
            + "Spark starts.")
    boolean allowBrokenChain;

    @Mixin
    SparkMaster spark = new SparkMaster();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Byte ranges the log is split into. Default: Spark's default parallelism.")
    int partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    /**
     * @param args the arguments above
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkReplayCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode report;
        try {
            if (partitions < 0) {
                throw new ScreeningException("--partitions must be 0 (Spark's default parallelism) or more");
            }
            AuditLogVerifier.Report chain = SparkReplay.verify(log, key(), allowBrokenChain);
            try (JavaSparkContext sc = new JavaSparkContext(spark.conf("twitch-triage replay"))) {
                report = new SparkReplay(sc, partitions).run(log, chain);
            }
            if (html != null) {
                Files.writeString(html, ReplayHtml.page(report), StandardCharsets.UTF_8);
            }
        } catch (ScreeningException e) {
            err.println("error: " + e.getMessage() + (e.getMessage().contains("does not verify")
                    ? " (or --allow-broken-chain)" : ""));
            return EXIT_INVALID;
        } catch (IOException e) {
            err.println("error: cannot replay '" + log + "': " + e.getMessage());
            return EXIT_INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.toPrettyString());
        out.flush();
        return report.path("differing").asLong() == 0 ? EXIT_SAME : EXIT_DIFFERING;
    }

    /** The key from the file, else the variable, else none; refused when shorter than a pseudonymization key. */
    private byte[] key() {
        byte[] key;
        try {
            key = keyFile != null ? Files.readAllBytes(keyFile)
                    : environment.containsKey(KEY_VARIABLE) ? environment.get(KEY_VARIABLE)
                            .getBytes(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new ScreeningException("cannot read the audit key file '" + keyFile + "'");
        }
        if (key != null && key.length < Pseudonymizer.MIN_KEY_BYTES) {
            throw new ScreeningException("the audit key must have at least " + Pseudonymizer.MIN_KEY_BYTES
                    + " bytes, it has " + key.length);
        }
        return key;
    }
}
