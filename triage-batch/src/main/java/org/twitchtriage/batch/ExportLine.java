package org.twitchtriage.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.twitchtriage.batch.internal.BoundedLines;

/**
 * One line of a FHIR Bulk Data export, keyed to its patient: the {@code id} of a {@code Patient}, or the
 * {@code subject} reference {@code Patient/id} of a {@code Condition} or {@code Observation}. Other resource types
 * are skipped; a line that is not JSON, names no patient or has an id that is not a FHIR id is unreadable, and keeps
 * in place of its text a small JSON object saying why (field and message; never the line, which may hold personal
 * data). {@link BulkExport} and the Spark job key lines with this one method, so they group the same records.
 * Immutable.
 *
 * @param kind    what the line is
 * @param patient the patient id for {@link Kind#PATIENT} and {@link Kind#PATIENT_DATA}, else {@code null}
 * @param problem for {@link Kind#UNREADABLE}, the kept problem (see {@link #problemOf(String)}), else {@code null}
 */
public record ExportLine(Kind kind, String patient, String problem) {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final ExportLine BLANK = new ExportLine(Kind.BLANK, null, null);
    private static final ExportLine OTHER = new ExportLine(Kind.OTHER_TYPE, null, null);

    /** What an export line is. */
    public enum Kind {
        /** An empty or white-space line: skipped, not counted. */
        BLANK,
        /** A resource type that is not read (neither Patient, Condition nor Observation): skipped. */
        OTHER_TYPE,
        /** A line that cannot be given to a patient: a record of its own, reported. */
        UNREADABLE,
        /** A {@code Patient} resource: one record is expected per such line. */
        PATIENT,
        /** A {@code Condition} or {@code Observation} of a patient. */
        PATIENT_DATA
    }

    /**
     * @param text the line without its line end, or {@code null} for a line longer than
     *             {@link SourceLine#MAX_BYTES} (it was not read)
     * @return the line keyed to its patient, or why it cannot be
     */
    public static ExportLine of(String text) {
        if (text == null) {
            return unreadable("resource", "the line is longer than " + (BoundedLines.MAX_LINE_BYTES >> 20) + " MiB");
        }
        if (text.isBlank()) {
            return BLANK;
        }
        JsonNode node = parse(text);
        if (node == null) {
            return unreadable("resource", "not a JSON object");
        }
        String type = node.path("resourceType").asText("");
        switch (type) {
            case "Patient" -> {
                String id = node.path("id").asText("");
                return FHIR_ID.matcher(id).matches() ? new ExportLine(Kind.PATIENT, id, null)
                        : unreadable("Patient.id", "missing or not a FHIR id (letters, digits, '-' and '.', at most 64)");
            }
            case "Condition", "Observation" -> {
                String ref = node.path("subject").path("reference").asText("");
                String id = ref.startsWith("Patient/") ? ref.substring("Patient/".length()) : "";
                return FHIR_ID.matcher(id).matches() ? new ExportLine(Kind.PATIENT_DATA, id, null)
                        : unreadable(type + ".subject.reference",
                        "missing or not a reference to a Patient by id (Patient/id)");
            }
            default -> {
                return OTHER;
            }
        }
    }

    private static ExportLine unreadable(String field, String message) {
        return new ExportLine(Kind.UNREADABLE, null, problem(field, message));
    }

    /** @return a kept problem: the field and message as a JSON object */
    static String problem(String field, String message) {
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

    private static JsonNode parse(String text) {
        try {
            JsonNode node = RecordDecider.JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
