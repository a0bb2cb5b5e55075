package org.twitchtriage.spark;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.twitchtriage.batch.CaseLines;
import org.twitchtriage.batch.ExportLine;
import org.twitchtriage.batch.SourceLine;
import scala.Tuple2;

/**
 * Reads input files into keyed lines, split and numbered exactly as {@code triage-batch} reads them: lines end at
 * {@code \n} only (a {@code \r} before it is dropped), numbers count blank lines, and a line longer than
 * {@link SourceLine#MAX_BYTES} is kept as {@code null} (reported, never decided). Bulk lines are keyed by
 * {@link ExportLine#of(String)}, case lines by {@link CaseLines#record}: the same methods {@code screen} uses.
 */
final class InputLines {
    private InputLines() {
    }

    /**
     * @param sc   the context
     * @param path the file (any Hadoop file system path)
     * @param file the file's index in the sorted file list
     * @return its lines with their 1-based numbers, in order
     */
    static JavaRDD<KeyedLine> read(JavaSparkContext sc, String path, int file) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        // BoundedLines ends lines at '\n' only; Hadoop's default also ends them at a lone '\r'
        conf.set("textinputformat.record.delimiter", "\n");
        JavaRDD<String> texts = sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf)
                .map(InputLines::text);
        return texts.zipWithIndex().map(t -> new KeyedLine(file, t._2() + 1, t._1()));
    }

    /** The line's text (Hadoop reuses the Text object: copied out at once), or null when it is too long. */
    private static String text(Tuple2<LongWritable, Text> record) {
        Text t = record._2();
        if (t.getLength() > SourceLine.MAX_BYTES) {
            return null;
        }
        String s = new String(t.getBytes(), 0, t.getLength(), StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * @param lines one Bulk export file's lines
     * @return the lines keyed by patient, or by their own place for a line that belongs to no patient (its text
     *         replaced by the problem); blank lines and resource types that are not read left out
     */
    static JavaPairRDD<RecordKey, KeyedLine> byPatient(JavaRDD<KeyedLine> lines) {
        return lines.flatMapToPair(InputLines::keyExportLine);
    }

    private static Iterator<Tuple2<RecordKey, KeyedLine>> keyExportLine(KeyedLine line) {
        ExportLine keyed = ExportLine.of(line.text);
        return switch (keyed.kind()) {
            case BLANK, OTHER_TYPE -> Collections.emptyIterator();
            case UNREADABLE -> List.of(new Tuple2<>(new RecordKey(RecordKey.NO_PATIENT, line.file, line.line),
                    new KeyedLine(line.file, line.line, keyed.problem()))).iterator();
            case PATIENT, PATIENT_DATA -> List.of(new Tuple2<>(RecordKey.patient(keyed.patient()), line)).iterator();
        };
    }

    /**
     * @param lines a JSON Lines file's lines
     * @return the lines that are records (not blank), keyed by their line number
     */
    static JavaPairRDD<RecordKey, KeyedLine> byLine(JavaRDD<KeyedLine> lines) {
        return lines.filter(l -> l.text == null || !l.text.isBlank())
                .mapToPair(l -> new Tuple2<>(new RecordKey("", 0, l.line), l));
    }
}
