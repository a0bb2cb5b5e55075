package org.twitchtriage.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.twitchtriage.batch.internal.BoundedLines;
import org.twitchtriage.batch.internal.SpillSorter;

/**
 * The records of a FHIR Bulk Data export: a folder of NDJSON files as {@code $export} writes them (one or more files
 * per resource type, one resource per line, in no particular order), read as one record per patient.
 *
 * <p><b>Why an external sort.</b> The export is neither grouped nor sorted by patient: a patient's Conditions can be
 * anywhere in {@code Condition.ndjson}. Joining in memory would hold the whole export; one pass per patient would
 * read the files once per patient. Instead every line is keyed with its patient (the Patient's {@code id}, or the
 * {@code subject} reference {@code Patient/id} of a Condition or Observation), spilled to sorted run files within a
 * memory budget and merged ({@link SpillSorter}): memory stays bounded by the budget plus one patient's resources,
 * disk holds about one copy of the input, and the order (patient id, then file, then line) is the same on every run,
 * so a resumed screening sees the same record at the same position.
 *
 * <p>Only {@code Patient}, {@code Condition} and {@code Observation} are read; other resource types in the folder
 * are counted and skipped. A line that is not JSON, names no patient, or has an id that is not a FHIR id becomes a
 * record of its own ({@link InputRecord.Kind#FHIR_UNREADABLE}), reported with its file and line; so does a line of a
 * patient past {@link #MAX_RESOURCES_PER_PATIENT}. Not thread-safe.
 */
public final class BulkExport implements RecordSource {
    /** The most resources read for one patient; the rest are reported, so one patient cannot exhaust memory. */
    public static final int MAX_RESOURCES_PER_PATIENT = 10_000;
    /** Default memory budget of the sort: 64 MiB of buffered lines. */
    public static final long DEFAULT_SORT_BUDGET = 64L << 20;

    /** Sort key of lines that belong to no patient: sorts first, and is never a FHIR id. */
    private static final String UNREADABLE = "\u0000";

    private final List<String> files = new ArrayList<>();
    private final Path temp;
    private final SpillSorter sorter;
    private final SpillSorter.Merged merged;
    private long patients;
    private long unreadable;
    private long skipped;
    private SpillSorter.Entry pending;
    private long sequence;

    private BulkExport(Path folder, long budget) throws IOException {
        List<Path> ndjson;
        try (Stream<Path> s = Files.list(folder)) {
            ndjson = s.filter(p -> p.getFileName().toString().endsWith(".ndjson") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        temp = Files.createTempDirectory("twitch-triage-sort");
        sorter = new SpillSorter(temp, budget);
        try {
            for (int i = 0; i < ndjson.size(); i++) {
                files.add(ndjson.get(i).getFileName().toString());
                spill(ndjson.get(i), i);
            }
            merged = sorter.sorted();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads and sorts the export (this takes one pass over the files) and returns its records.
     *
     * @param folder the export folder; every {@code *.ndjson} file in it is read
     * @param budget memory budget of the sort in bytes, for example {@link #DEFAULT_SORT_BUDGET}
     * @return the records, one per patient, in patient id order
     * @throws IOException when a file cannot be read or the temporary files cannot be written
     */
    public static BulkExport open(Path folder, long budget) throws IOException {
        return new BulkExport(folder, budget);
    }

    private void spill(Path file, int index) throws IOException {
        try (BoundedLines lines = new BoundedLines(file, BoundedLines.MAX_LINE_BYTES)) {
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                ExportLine keyed = ExportLine.of(line.tooLong() ? null : line.text());
                switch (keyed.kind()) {
                    case BLANK -> { }
                    case OTHER_TYPE -> skipped++;
                    case UNREADABLE -> {
                        unreadable++;
                        sorter.add(new SpillSorter.Entry(UNREADABLE, index, line.number(), keyed.problem()));
                    }
                    case PATIENT, PATIENT_DATA -> {
                        patients += keyed.kind() == ExportLine.Kind.PATIENT ? 1 : 0;
                        sorter.add(new SpillSorter.Entry(keyed.patient(), index, line.number(), line.text()));
                    }
                }
            }
        }
    }

    @Override
    public InputRecord next() throws IOException {
        SpillSorter.Entry first = pending != null ? pending : merged.next();
        pending = null;
        if (first == null) {
            return null;
        }
        if (first.key().equals(UNREADABLE)) {
            return new InputRecord(sequence++, InputRecord.Kind.FHIR_UNREADABLE, null, List.of(line(first)));
        }
        Iterator<SourceLine> lines = new Iterator<>() {
            private SpillSorter.Entry next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SourceLine next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                SourceLine out = line(next);
                try {
                    next = merged.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (next != null && !next.key().equals(first.key())) {
                    pending = next;
                    next = null;
                }
                return out;
            }
        };
        try {
            return patientRecord(sequence++, first.key(), lines);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One patient's record from the patient's lines, in the order the screening reads them (file, then line): the
     * patient's resources, or, past {@link #MAX_RESOURCES_PER_PATIENT}, a record that reports the patient as not
     * decided. Every line is consumed. Shared by this reader and the Spark job, so that both make the same records.
     *
     * @param sequence the record's position in the input
     * @param patient  the patient id the lines were keyed with ({@link ExportLine#patient()})
     * @param lines    the patient's lines, at least one, sorted by file and line
     * @return the record
     */
    public static InputRecord patientRecord(long sequence, String patient, Iterator<SourceLine> lines) {
        List<SourceLine> kept = new ArrayList<>();
        long more = 0;
        while (lines.hasNext()) {
            SourceLine line = lines.next();
            if (kept.size() < MAX_RESOURCES_PER_PATIENT) {
                kept.add(line);
            } else {
                more++;
            }
        }
        if (more == 0) {
            return new InputRecord(sequence, InputRecord.Kind.FHIR_PATIENT, patient, kept);
        }
        // the patient's record holds no decision: too many resources to know that none of the rest matters
        String problem = ExportLine.problem("resource", "the patient has more than " + MAX_RESOURCES_PER_PATIENT
                + " resources (" + more + " more); not decided");
        SourceLine at = kept.get(0);
        return new InputRecord(sequence, InputRecord.Kind.FHIR_UNREADABLE, null,
                List.of(new SourceLine(at.file(), at.line(), problem)));
    }

    private SourceLine line(SpillSorter.Entry e) {
        return new SourceLine(files.get(e.file()), e.line(), e.text());
    }

    /** @return the number of Patient resources plus unreadable lines: the records to expect */
    @Override
    public long total() {
        return patients + unreadable;
    }

    /** @return how many lines were skipped because their resource type is not read */
    public long skippedResources() {
        return skipped;
    }

    /** @return how many run files the sort wrote (0 when the export fit in the budget) */
    public int sortRuns() {
        return sorter.runs();
    }

    @Override
    public void close() throws IOException {
        try {
            if (merged != null) {
                merged.close();
            }
        } finally {
            sorter.close();
            try (Stream<Path> left = Files.list(temp)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.deleteIfExists(temp);
        }
    }
}
