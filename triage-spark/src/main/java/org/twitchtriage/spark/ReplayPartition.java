package org.twitchtriage.spark;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.twitchtriage.batch.RecordReplayer;
import org.twitchtriage.batch.ReplayTally;
import scala.Tuple2;

/**
 * Re-decides one partition of an audit log's lines on the executor, in order, with {@code triage-batch}'s
 * {@link RecordReplayer} on the JVM's one knowledge base ({@link ExecutorKnowledgeBase}), and counts them in a
 * {@link ReplayTally} whose line numbers start at 1 with the partition's first line (the driver appends the
 * partitions' tallies in order). Out comes one pair: the tally, and the partition's first line that is not JSON
 * (or not UTF-8), 0 when none; the counting stops there, as {@code replay} stops. Carries nothing to the executors.
 */
final class ReplayPartition
        implements FlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, Tuple2<ReplayTally, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<ReplayTally, Long>> call(Iterator<Tuple2<LongWritable, Text>> lines) {
        RecordReplayer replayer = new RecordReplayer(ExecutorKnowledgeBase.engine()::evaluate);
        ReplayTally tally = new ReplayTally();
        long line = 0;
        while (lines.hasNext()) {
            Text t = lines.next()._2();
            line++;
            try {
                // decoded at once (Hadoop reuses the Text) and strictly, as replay's reader decodes: a line that
                // is not UTF-8 is a CharacterCodingException, an IOException like a line that is not JSON
                tally.add(replayer.replay(line, Text.decode(t.getBytes(), 0, t.getLength())));
            } catch (IOException e) {
                return List.of(new Tuple2<>(tally, line)).iterator();
            }
        }
        return List.of(new Tuple2<>(tally, 0L)).iterator();
    }
}
