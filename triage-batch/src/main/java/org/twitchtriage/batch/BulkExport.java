package org.twitchtriage.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
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
                if (!line.tooLong() && line.text().isBlank()) {
                    continue;
                }
                String key = line.tooLong() ? null : keyOf(line.text());
                if (key == null) {
                    unreadable++;
                    sorter.add(new SpillSorter.Entry(UNREADABLE, index, line.number(),
                            problem(line.tooLong() ? null : line.text())));
                } else if (key.isEmpty()) {
                    skipped++;
                } else {
                    sorter.add(new SpillSorter.Entry(key, index, line.number(), line.text()));
                }
            }
        }
    }

    /** @return the patient id of a resource line, "" for a resource type that is not read, null when unreadable */
    private String keyOf(String text) {
        JsonNode node = parse(text);
        if (node == null) {
            return null;
        }
        String type = node.path("resourceType").asText("");
        String id;
        switch (type) {
            case "Patient" -> {
                id = node.path("id").asText("");
                patients++;
            }
            case "Condition", "Observation" -> {
                String ref = node.path("subject").path("reference").asText("");
                id = ref.startsWith("Patient/") ? ref.substring("Patient/".length()) : "";
            }
            default -> {
                return "";
            }
        }
        return FHIR_ID.matcher(id).matches() ? id : null;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = RecordDecider.JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Why a line was unreadable, as JSON kept in place of the line (the line itself may hold personal data). */
    private static String problem(String text) {
        String field;
        String message;
        JsonNode node = text == null ? null : parse(text);
        if (text == null) {
            field = "resource";
            message = "the line is longer than " + (BoundedLines.MAX_LINE_BYTES >> 20) + " MiB";
        } else if (node == null) {
            field = "resource";
            message = "not a JSON object";
        } else if ("Patient".equals(node.path("resourceType").asText())) {
            field = "Patient.id";
            message = "missing or not a FHIR id (letters, digits, '-' and '.', at most 64)";
        } else {
            field = node.path("resourceType").asText() + ".subject.reference";
            message = "missing or not a reference to a Patient by id (Patient/id)";
        }
        return RecordDecider.JSON.createObjectNode().put("field", field).put("message", message).toString();
    }

    /** @return the field and message kept for an unreadable line */
    static JsonNode problemOf(String kept) {
        JsonNode node = parse(kept);
        if (node == null) {
            throw new IllegalStateException("not a kept problem");
        }
        return node;
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
        List<SourceLine> lines = new ArrayList<>();
        lines.add(line(first));
        for (SpillSorter.Entry e = merged.next(); e != null; e = merged.next()) {
            if (!e.key().equals(first.key())) {
                pending = e;
                break;
            }
            if (lines.size() < MAX_RESOURCES_PER_PATIENT) {
                lines.add(line(e));
            } else {
                // a later record of its own: the patient is decided, this line is reported
                return tooMany(first, lines);
            }
        }
        return new InputRecord(sequence++, InputRecord.Kind.FHIR_PATIENT, first.key(), lines);
    }

    private InputRecord tooMany(SpillSorter.Entry first, List<SourceLine> lines) throws IOException {
        // the patient's record holds no decision: too many resources to know that none of the rest matters
        long skippedLines = 1;
        for (SpillSorter.Entry e = merged.next(); e != null; e = merged.next()) {
            if (!e.key().equals(first.key())) {
                pending = e;
                break;
            }
            skippedLines++;
        }
        String kept = RecordDecider.JSON.createObjectNode().put("field", "resource")
                .put("message", "the patient has more than " + MAX_RESOURCES_PER_PATIENT + " resources ("
                        + skippedLines + " more); not decided").toString();
        SourceLine at = lines.get(0);
        return new InputRecord(sequence++, InputRecord.Kind.FHIR_UNREADABLE, null,
                List.of(new SourceLine(at.file(), at.line(), kept)));
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
