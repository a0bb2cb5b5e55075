package org.twitchtriage.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.twitchtriage.batch.BulkExport;
import org.twitchtriage.batch.CaseLines;
import org.twitchtriage.batch.InputRecord;
import org.twitchtriage.batch.RecordDecider;
import org.twitchtriage.batch.RecordOutcome;
import org.twitchtriage.batch.ScreeningSummary;
import org.twitchtriage.batch.SourceLine;
import scala.Tuple2;

/**
 * Decides one partition of sorted records on the executor: each record is made by {@code triage-batch}
 * ({@link BulkExport#patientRecord}, {@link CaseLines#record}) and decided by its {@link RecordDecider} on the JVM's
 * one knowledge base ({@link ExecutorKnowledgeBase}); out come its line, keyed by the folder it goes to
 * ({@value SparkScreening#DECISIONS} or {@value SparkScreening#ERRORS}), and after the last record the partition's
 * {@link ScreeningSummary} as JSON, keyed {@value SparkScreening#SUMMARIES}. Lazy: one record in memory at a time.
 * What it carries to the executors is the format, the file names and the date: no engine.
 */
final class DecidePartition
        implements PairFlatMapFunction<Iterator<Tuple2<RecordKey, Iterable<KeyedLine>>>, String, String> {
    private static final long serialVersionUID = 1L;

    private final SparkScreening.Format format;
    private final List<String> files;
    private final LocalDate evaluationDate;

    DecidePartition(SparkScreening.Format format, List<String> files, LocalDate evaluationDate) {
        this.format = format;
        this.files = List.copyOf(files);
        this.evaluationDate = evaluationDate;
    }

    @Override
    public Iterator<Tuple2<String, String>> call(Iterator<Tuple2<RecordKey, Iterable<KeyedLine>>> records) {
        RecordDecider decider = ExecutorKnowledgeBase.decider(evaluationDate);
        ScreeningSummary summary = new ScreeningSummary();
        return new Iterator<>() {
            private boolean summarised;

            @Override
            public boolean hasNext() {
                return records.hasNext() || !summarised;
            }

            @Override
            public Tuple2<String, String> next() {
                if (records.hasNext()) {
                    RecordOutcome outcome = decider.decide(record(records.next()));
                    summary.count(outcome);
                    return new Tuple2<>(outcome.isDecided() ? SparkScreening.DECISIONS : SparkScreening.ERRORS,
                            outcome.lineText());
                }
                if (summarised) {
                    throw new NoSuchElementException();
                }
                summarised = true;
                return new Tuple2<>(SparkScreening.SUMMARIES, summary.toJson().toString());
            }
        };
    }

    private InputRecord record(Tuple2<RecordKey, Iterable<KeyedLine>> grouped) {
        RecordKey key = grouped._1();
        if (format == SparkScreening.Format.JSONL) {
            KeyedLine line = grouped._2().iterator().next();
            return CaseLines.record(0, files.get(line.file), line.line, line.text);
        }
        List<KeyedLine> lines = new ArrayList<>();
        grouped._2().forEach(lines::add);
        if (key.isUnreadable()) {
            KeyedLine line = lines.get(0);
            return new InputRecord(0, InputRecord.Kind.FHIR_UNREADABLE, null,
                    List.of(new SourceLine(files.get(line.file), line.line, line.text)));
        }
        lines.sort(KeyedLine.ORDER);
        Iterator<SourceLine> sorted = lines.stream()
                .map(l -> new SourceLine(files.get(l.file), l.line, l.text)).iterator();
        return BulkExport.patientRecord(0, key.patient, sorted);
    }
}
