package org.twitchtriage.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.twitchtriage.batch.ScreeningException;
import org.twitchtriage.batch.ScreeningSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Spark job's command line: {@code SparkScreen --input pop --output screened [--format ndjson|jsonl]
 * [--master local[*]] [--date YYYY-MM-DD] [--partitions N]}. Without {@code --master} it runs on the master
 * {@code spark-submit} gives, or embedded on {@code local[*]} when started with {@code java} (no set-up). Prints the
 * summary as JSON, as {@code twitch-triage screen} does; exit code 0 when the job finished (bad records included, they
 * are in {@code errors/}), 2 for a wrong input or an output folder that exists.
 */
@Command(name = "spark-screen", mixinStandardHelpOptions = true,
        description = "Decide a population on Apache Spark: a FHIR Bulk Data export folder (Patient, Condition, "
                + "Observation NDJSON) or a JSON Lines file of case files, into OUTPUT/decisions/part-*, "
                + "OUTPUT/errors/part-* and OUTPUT/summary.json, as twitch-triage screen decides them.")
public final class SparkScreen implements Callable<Integer> {
    /** Exit code when the job finished. */
    static final int EXIT_DONE = 0;
    /** Exit code of a wrong input or output. */
    static final int EXIT_INVALID = 2;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "A Bulk export folder (*.ndjson) or a JSON Lines file of cases (any Hadoop path: hdfs://, s3a://, a local path).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder; must not exist.")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "ndjson or jsonl. Default: ndjson for a local folder, jsonl for a local file.")
    String format;

    @Mixin
    SparkMaster spark = new SparkMaster();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Evaluation date for ages and durations read from FHIR. Default: today (UTC).")
    LocalDate date;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the grouping and sorting shuffles. Default: Spark's default parallelism.")
    int partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args the arguments above
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkScreen()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        SparkScreening.Format f;
        try {
            f = format();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        if (partitions < 0) {
            err.println("error: --partitions must be 0 (Spark's default) or more");
            return EXIT_INVALID;
        }
        ScreeningSummary summary;
        try (JavaSparkContext sc = new JavaSparkContext(spark.conf("twitch-triage screen"))) {
            summary = new SparkScreening(sc, date != null ? date : LocalDate.now(ZoneOffset.UTC), partitions)
                    .run(input, f, output);
        } catch (ScreeningException e) {
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary.toJson().toPrettyString());
        out.flush();
        return EXIT_DONE;
    }

    private SparkScreening.Format format() {
        if (format == null) {
            Path local = Path.of(input);
            if (!Files.exists(local)) {
                throw new IllegalArgumentException("--format ndjson or jsonl is needed when the input is not a local "
                        + "path (or the input " + input + " does not exist)");
            }
            return Files.isDirectory(local) ? SparkScreening.Format.NDJSON : SparkScreening.Format.JSONL;
        }
        return switch (format) {
            case "ndjson" -> SparkScreening.Format.NDJSON;
            case "jsonl" -> SparkScreening.Format.JSONL;
            default -> throw new IllegalArgumentException("--format must be ndjson or jsonl");
        };
    }
}
