package org.twitchtriage.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.batch.AuditLogReplay;
import org.twitchtriage.batch.ReplayTally;
import org.twitchtriage.batch.ScreeningException;
import scala.Tuple2;

/**
 * Replays an audit log with Spark: the same report as {@code twitch-triage replay} ({@link AuditLogReplay}), with the
 * re-decisions spread over the executors.
 *
 * <pre>{@code
 * try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[*]").setAppName("replay"))) {
 *     ObjectNode report = new SparkReplay(sc, 0).run(Path.of("audit.jsonl"), key, false);
 * }
 * }</pre>
 *
 * <p>The driver first verifies the log's chain (and MACs with the key) in one streaming pass with {@link
 * AuditLogReplay#verify}, exactly as {@code replay} does, and refuses a log that does not verify unless a broken chain
 * is allowed. Then the log is split into byte ranges read by Hadoop's {@code TextInputFormat} with its default line
 * ends ({@code \n}, {@code \r} or {@code \r\n}, as {@code replay}'s reader); each partition re-decides its lines on its
 * executor's one knowledge base ({@link ReplayPartition}) and sends back only its {@link ReplayTally}; the driver
 * appends the tallies in partition order, which is log order, so counts, groups and the first differing records are
 * those of one pass over the log. The log is a local path, verified by the driver with its head file and read by the
 * executors at the same path: on a cluster it must be on a file system every node mounts. Not thread-safe.
 */
public final class SparkReplay {
    private final JavaSparkContext sc;
    private final int partitions;

    /**
     * @param sc         the Spark context; not closed here
     * @param partitions how many byte ranges to split the log into, or 0 for one per core of Spark's default
     *                   parallelism
     */
    public SparkReplay(JavaSparkContext sc, int partitions) {
        this.sc = Objects.requireNonNull(sc, "sc");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (Spark's default parallelism) or more");
        }
        this.partitions = partitions;
    }

    /**
     * Runs the job: {@link #verify}, then {@link #run(Path, AuditLogVerifier.Report)}.
     *
     * @param log         the audit log (JSON Lines) with its head file beside it
     * @param key         the audit key, to check the records' MACs too, or {@code null} for the hash chain only
     * @param allowBroken whether to replay a log that does not verify (the report says where it breaks)
     * @return the report of {@link AuditLogReplay#replay(Path, org.twitchtriage.engine.TriageEngine, int, byte[],
     *         boolean)}
     * @throws ScreeningException when the log is missing, or does not verify and {@code allowBroken} is false
     * @throws IOException        when the log cannot be read, or a line of it is not JSON
     */
    public ObjectNode run(Path log, byte[] key, boolean allowBroken) throws IOException {
        return run(log, verify(log, key, allowBroken));
    }

    /**
     * The driver's first step, before any Spark work: verifies the log as {@code replay} does.
     *
     * @param log         the audit log (JSON Lines) with its head file beside it
     * @param key         the audit key, to check the records' MACs too, or {@code null} for the hash chain only
     * @param allowBroken whether a log that does not verify may be replayed
     * @return the verification's report
     * @throws ScreeningException when the log is missing, is named so that Hadoop would skip it, or does not verify
     *                            and {@code allowBroken} is false
     * @throws IOException        when the log cannot be read
     */
    public static AuditLogVerifier.Report verify(Path log, byte[] key, boolean allowBroken) throws IOException {
        if (!Files.isRegularFile(log)) {
            throw new ScreeningException("the audit log " + log + " does not exist or is not a file");
        }
        SparkScreening.readable(log.getFileName().toString());
        return AuditLogReplay.verify(log, key, allowBroken);
    }

    /**
     * Re-decides a verified log on the executors.
     *
     * @param log   the audit log
     * @param chain what {@link #verify} found
     * @return the report
     * @throws IOException when the log cannot be read, or a line of it is not JSON (or not UTF-8)
     */
    public ObjectNode run(Path log, AuditLogVerifier.Report chain) throws IOException {
        List<Tuple2<ReplayTally, Long>> parts = lines(log).mapPartitions(new ReplayPartition()).collect();
        ReplayTally tally = new ReplayTally();
        for (Tuple2<ReplayTally, Long> part : parts) {
            if (part._2() > 0) {
                throw AuditLogReplay.notJson(null);
            }
            tally.append(part._1());
        }
        return AuditLogReplay.report(chain, tally);
    }

    /**
     * @param log the audit log
     * @return its lines, split into {@code partitions} byte ranges (fewer for a log of fewer bytes)
     * @throws IOException when the log's size cannot be read
     */
    JavaPairRDD<LongWritable, Text> lines(Path log) throws IOException {
        int n = partitions > 0 ? partitions : sc.defaultParallelism();
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        // at most n splits: Hadoop splits a file into ranges of at most this many bytes (a line belongs to the range
        // it starts in)
        conf.setLong(FileInputFormat.SPLIT_MAXSIZE, Math.max(1, (Files.size(log) + n - 1) / n));
        return sc.newAPIHadoopFile(log.toAbsolutePath().toUri().toString(), TextInputFormat.class,
                LongWritable.class, Text.class, conf);
    }
}
