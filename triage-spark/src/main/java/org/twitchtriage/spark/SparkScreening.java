package org.twitchtriage.spark;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.twitchtriage.batch.ScreeningException;
import org.twitchtriage.batch.ScreeningSummary;

/**
 * Screens a population with Spark: the same inputs, records, decisions and summary as {@code twitch-triage screen}
 * ({@code org.twitchtriage.batch.Screening}), computed by a cluster or by {@code local[*]}.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[*]").setAppName("screen"))) {
 *     ScreeningSummary s = new SparkScreening(sc, LocalDate.of(2026, 1, 5), 0)
 *             .run("pop", SparkScreening.Format.NDJSON, "screened");
 * }
 * }</pre>
 *
 * <p>A Bulk export's lines are keyed by patient on the executors and grouped with {@code groupByKey} (a shuffle,
 * where {@code screen} sorts on one disk); the records are sorted with {@code sortByKey} into {@code screen}'s order
 * (patient id; lines that belong to no patient first, by file and line; case lines by line number) and decided
 * partition by partition on each executor's one knowledge base. One pass writes the output folder:
 * {@value #DECISIONS}{@code /part-*} and {@value #ERRORS}{@code /part-*} (read in name order, their concatenation is
 * byte for byte {@code screen}'s {@code decisions.ndjson} and {@code errors.ndjson}), {@value #SUMMARIES}{@code
 * /part-*} (one summary per partition) and {@value #SUMMARY}, their sum, written by the driver. Not resumable: a
 * failed job is run again into a new folder (Spark retries failed tasks itself). Not thread-safe; one job at a time.
 */
public final class SparkScreening {
    /** Folder of decision lines. */
    public static final String DECISIONS = "decisions";
    /** Folder of error lines. */
    public static final String ERRORS = "errors";
    /** Folder of the summaries of each partition. */
    public static final String SUMMARIES = "summaries";
    /** File of the job's summary. */
    public static final String SUMMARY = "summary.json";

    /** The input formats, those of {@code twitch-triage screen}. */
    public enum Format {
        /** A FHIR Bulk Data export folder: every {@code *.ndjson} file in it. */
        NDJSON,
        /** A JSON Lines file of case files. */
        JSONL
    }

    private final JavaSparkContext sc;
    private final LocalDate evaluationDate;
    private final int partitions;

    /**
     * @param sc             the Spark context; not closed here
     * @param evaluationDate the date FHIR ages and durations are computed for
     * @param partitions     partitions of the grouping and sorting shuffles, or 0 for Spark's default parallelism
     */
    public SparkScreening(JavaSparkContext sc, LocalDate evaluationDate, int partitions) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.evaluationDate = Objects.requireNonNull(evaluationDate, "evaluationDate");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (Spark's default) or more");
        }
        this.partitions = partitions;
    }

    /**
     * Runs the job.
     *
     * @param input  a Bulk export folder or a JSON Lines file (any Hadoop file system path)
     * @param format its format
     * @param output the output folder; must not exist
     * @return the summary, also written to {@value #SUMMARY}
     * @throws ScreeningException when the input is missing or of the wrong kind, or the output folder exists
     * @throws IOException        when the file system fails
     */
    public ScreeningSummary run(String input, Format format, String output) throws IOException {
        Path in = new Path(input);
        Path out = new Path(output);
        FileSystem fs = in.getFileSystem(sc.hadoopConfiguration());
        if (!fs.exists(in)) {
            throw new ScreeningException("the input " + input + " does not exist");
        }
        if (out.getFileSystem(sc.hadoopConfiguration()).exists(out)) {
            throw new ScreeningException("the output folder " + output + " exists already; choose a new one");
        }
        List<FileStatus> files = inputFiles(fs, in, format);
        List<String> names = files.stream().map(f -> f.getPath().getName()).toList();
        JavaPairRDD<RecordKey, KeyedLine> keyed = null;
        for (int i = 0; i < files.size(); i++) {
            var lines = InputLines.read(sc, files.get(i).getPath().toString(), i);
            JavaPairRDD<RecordKey, KeyedLine> part = format == Format.NDJSON ? InputLines.byPatient(lines)
                    : InputLines.byLine(lines);
            keyed = keyed == null ? part : keyed.union(part);
        }
        if (keyed == null) {
            keyed = JavaPairRDD.fromJavaRDD(sc.emptyRDD());
        }
        JavaPairRDD<RecordKey, Iterable<KeyedLine>> grouped = partitions > 0 ? keyed.groupByKey(partitions)
                : keyed.groupByKey();
        JavaPairRDD<RecordKey, Iterable<KeyedLine>> sorted = partitions > 0 ? grouped.sortByKey(true, partitions)
                : grouped.sortByKey(true);
        sorted.mapPartitionsToPair(new DecidePartition(format, names, evaluationDate))
                .saveAsHadoopFile(output, String.class, String.class, ScreenedOutputFormat.class);
        ScreeningSummary summary = summaries(out.getFileSystem(sc.hadoopConfiguration()), out);
        try (OutputStream o = out.getFileSystem(sc.hadoopConfiguration()).create(new Path(out, SUMMARY), false)) {
            o.write((summary.toJson().toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return summary;
    }

    private static List<FileStatus> inputFiles(FileSystem fs, Path in, Format format) throws IOException {
        FileStatus status = fs.getFileStatus(in);
        if (format == Format.JSONL) {
            if (!status.isFile()) {
                throw new ScreeningException("the input " + in + " is a folder; JSON Lines of cases is one file");
            }
            return List.of(readable(status));
        }
        if (!status.isDirectory()) {
            throw new ScreeningException("the input " + in + " is a file; a Bulk export is a folder of *.ndjson files");
        }
        // the order BulkExport reads the files in: by name
        List<FileStatus> files = Arrays.stream(fs.listStatus(in)).filter(FileStatus::isFile)
                .filter(f -> f.getPath().getName().endsWith(".ndjson"))
                .sorted(Comparator.comparing(f -> f.getPath().getName())).toList();
        files.forEach(SparkScreening::readable);
        return files;
    }

    private static FileStatus readable(FileStatus file) {
        readable(file.getPath().getName());
        return file;
    }

    /**
     * Hadoop's input formats skip files named {@code _*} or {@code .*}; {@code screen} and {@code replay} read them:
     * refused, not skipped.
     *
     * @param name a file's name
     * @throws ScreeningException when Hadoop would skip the file
     */
    static void readable(String name) {
        if (name.startsWith("_") || name.startsWith(".")) {
            throw new ScreeningException("the input file " + name + " starts with '_' or '.', which Hadoop's input "
                    + "format skips; rename it (the single-machine command would read it, and the outputs would "
                    + "differ)");
        }
    }

    /** The sum of the partitions' summaries; every partition wrote one (an empty one too). */
    private static ScreeningSummary summaries(FileSystem fs, Path out) throws IOException {
        ScreeningSummary total = new ScreeningSummary();
        FileStatus[] parts = fs.globStatus(new Path(new Path(out, SUMMARIES), "part-*"));
        List<FileStatus> sorted = new ArrayList<>(parts == null ? List.of() : Arrays.asList(parts));
        sorted.sort(Comparator.comparing(f -> f.getPath().getName()));
        JsonMapper json = JsonMapper.builder().build();
        for (FileStatus part : sorted) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(part.getPath()),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    total.add(ScreeningSummary.fromJson(json.readTree(line)));
                }
            }
        }
        return total;
    }
}
