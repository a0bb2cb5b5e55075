package org.twitchtriage.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabInterpretation;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.ReferenceRange;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.RequestValidator;

/**
 * The case-file format, defined once: these records are what {@link RequestReader} binds a case file to, what the
 * audit's canonical input is written from ({@link #of(TriageRequest)} without the reference), and what
 * {@code docs/case.schema.json} is generated from ({@link JsonSchemaWriter}). Field names are the component names;
 * allowed codes are the constants of the model's enums, so a new constant needs no change here. A {@code null}
 * component is a field that was absent (or JSON {@code null}). Described for people in {@code docs/input-format.md}.
 *
 * @param patient  the patient
 * @param twitches the twitches, at least one
 */
public record CaseFile(
        @JsonProperty(required = true) @JsonPropertyDescription("The patient.") Patient patient,
        @JsonProperty(required = true)
        @JsonPropertyDescription("The twitches; order is kept.")
        @SchemaBounds(min = 1, max = Limits.MAX_TWITCHES) List<Twitch> twitches) {

    /**
     * The {@code patient} object.
     *
     * @param reference     pseudonymous reference; personal data, never repeated
     * @param ageYears      age in completed years
     * @param sex           sex
     * @param pregnant      whether pregnant; absent means {@code false}
     * @param circumstances harmless triggers the patient reports
     * @param labResults    measured serum electrolytes
     */
    public record Patient(
            @JsonProperty(required = true)
            @JsonPropertyDescription("A pseudonymous reference; personal data, never printed or logged.")
            @SchemaBounds(min = 1, max = Limits.MAX_ID_LENGTH) String reference,
            @JsonProperty(required = true)
            @JsonPropertyDescription("Age in completed years.")
            @SchemaBounds(min = 0, max = RequestValidator.MAX_AGE) Integer ageYears,
            @JsonProperty(required = true) @JsonPropertyDescription("UNKNOWN when not known.") Sex sex,
            @JsonPropertyDescription("Default false.") Boolean pregnant,
            @JsonPropertyDescription("Common harmless triggers; default empty.") List<Circumstance> circumstances,
            @JsonPropertyDescription("Measured serum electrolytes, at most one per analyte; default empty.")
            @SchemaBounds(min = 0, max = Limits.MAX_LAB_RESULTS) List<LabResult> labResults) {
    }

    /**
     * One entry of {@code patient.labResults}.
     *
     * @param analyte what was measured
     * @param value   the value, in {@code unit}
     * @param unit           the unit
     * @param referenceLow   the laboratory's lower reference limit, in {@code unit}; absent when not reported
     * @param referenceHigh  the laboratory's upper reference limit, in {@code unit}; absent when not reported
     * @param interpretation the laboratory's verdict; absent means {@link LabInterpretation#NOT_GIVEN}
     */
    public record LabResult(
            @JsonProperty(required = true) Analyte analyte,
            @JsonProperty(required = true) @JsonPropertyDescription("Greater than 0, in unit.")
            @SchemaBounds(min = 0, max = Limits.DECIMAL_MAGNITUDE_BOUND, exclusive = true) BigDecimal value,
            @JsonProperty(required = true) @JsonPropertyDescription("MG_PER_DL for MAGNESIUM and CALCIUM only.")
            LabUnit unit,
            @JsonPropertyDescription("The laboratory's lower reference limit, in unit; greater than 0; absent when "
                    + "not reported.") BigDecimal referenceLow,
            @JsonPropertyDescription("The laboratory's upper reference limit, in unit; not below referenceLow; "
                    + "absent when not reported.") BigDecimal referenceHigh,
            @JsonPropertyDescription("The laboratory's verdict (HL7 N, L, LL, H, HH, A, AA); it wins over the "
                    + "built-in limits. Default NOT_GIVEN.") LabInterpretation interpretation) {
    }

    /**
     * One entry of {@code twitches}.
     *
     * @param id           unique within the file
     * @param site         where it is felt
     * @param visibility   how visible it is
     * @param course       how it has developed
     * @param beforeSleep  whether just before falling asleep; absent means {@code false}
     * @param durationDays how long, in days
     * @param selfCare     whether self-care was tried; absent means {@link SelfCare#NOT_TRIED}
     * @param symptoms     what accompanies it
     */
    public record Twitch(
            @JsonProperty(required = true)
            @JsonPropertyDescription("Identifies the twitch within this file; unique; no personal data.")
            @SchemaBounds(min = 1, max = Limits.MAX_ID_LENGTH) String id,
            @JsonProperty(required = true) BodySite site,
            @JsonPropertyDescription("Not stated when absent.") Visibility visibility,
            @JsonProperty(required = true) Course course,
            @JsonPropertyDescription("Default false.") Boolean beforeSleep,
            @JsonPropertyDescription("Days; not stated when absent.")
            @SchemaBounds(min = 0, max = RequestValidator.MAX_DURATION_DAYS) Integer durationDays,
            @JsonPropertyDescription("Default NOT_TRIED.") SelfCare selfCare,
            @JsonPropertyDescription("Default empty.") List<Symptom> symptoms) {
    }

    /** The {@code $id} of the case-file JSON Schema, published as {@code docs/case.schema.json}. */
    public static final String SCHEMA_ID = "urn:twitch-triage:case-file:1";

    /** @return the JSON Schema of case files, generated from these records */
    public static ObjectNode schema() {
        return JsonSchemaWriter.schemaOf(CaseFile.class, SCHEMA_ID, "twitch-triage case file",
                "One patient and the twitches to triage; read by RequestReader, described in docs/input-format.md."
                        + " Codes are listed in upper case; the reader also accepts them in any case.");
    }

    /**
     * A request in this format, codes of a set sorted by name, entries that are {@code null} left out.
     *
     * @param request       the request; {@code null} gives an empty case
     * @param withReference whether to include the patient's reference (the audit's canonical input does not)
     * @return the case
     */
    public static CaseFile of(TriageRequest request, boolean withReference) {
        if (request == null) {
            return new CaseFile(null, null);
        }
        org.twitchtriage.model.Patient p = request.getPatient();
        Patient patient = p == null ? null : new Patient(withReference ? p.getReference() : null, p.getAgeYears(),
                p.getSex(), p.isPregnant(), sorted(p.getCircumstances()),
                p.getLabResults().stream().filter(Objects::nonNull)
                        .map(CaseFile::labResult).toList());
        List<Twitch> twitches = request.getTwitches().stream().filter(Objects::nonNull)
                .map(t -> new Twitch(t.getId(), t.getSite(), t.getVisibility(), t.getCourse(), t.isBeforeSleep(),
                        t.getDurationDays(), t.getSelfCare(), sorted(t.getSymptoms())))
                .toList();
        return new CaseFile(patient, twitches);
    }

    /** A lab result; what the laboratory did not report is left out, so complete old cases read as before. */
    private static LabResult labResult(org.twitchtriage.model.LabResult l) {
        ReferenceRange range = l.getReferenceRange() == null ? ReferenceRange.NOT_GIVEN : l.getReferenceRange();
        LabInterpretation verdict = l.getInterpretation() == LabInterpretation.NOT_GIVEN ? null
                : l.getInterpretation();
        return new LabResult(l.getAnalyte(), l.getValue(), l.getUnit(), range.low().orElse(null),
                range.high().orElse(null), verdict);
    }

    private static <E extends Enum<E>> List<E> sorted(Collection<E> values) {
        return values.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }
}
