package org.twitchtriage.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * The project's conformance resources, published in this jar under {@value #FOLDER}: a {@code CodeSystem} for each
 * local code system ({@link TriageFhir}'s {@code *_SYSTEM} URLs), the urgency {@code ValueSet}, a
 * {@code StructureDefinition} for each extension ({@code EXT_*}) and a profile for each kind of output resource
 * ({@code PROFILE_*}). Load them into a validator or terminology server to check twitch-triage's FHIR output (see
 * {@code docs/fhir.md}); the default {@code ConceptMap} is {@link TriageConceptMap#toConceptMap()}.
 *
 * <p>The structure definitions are published as differentials; a validator generates their snapshots (HAPI's
 * {@code SnapshotGeneratingValidationSupport} does). Every resource carries the project version. Thread-safe; every
 * call parses anew and returns new resources.
 */
public final class TriageConformance {
    /** Class-path folder of the resources. */
    public static final String FOLDER = "/org/twitchtriage/fhir/conformance/";

    /** The file names in {@link #FOLDER}, each {@code Type-id.json}. */
    public static final List<String> FILES = List.of(
            "CodeSystem-concept.json",
            "CodeSystem-body-site.json",
            "CodeSystem-symptom.json",
            "CodeSystem-circumstance.json",
            "CodeSystem-course.json",
            "CodeSystem-visibility.json",
            "CodeSystem-self-care.json",
            "CodeSystem-pregnancy-status.json",
            "CodeSystem-analyte.json",
            "CodeSystem-lab-unit.json",
            "CodeSystem-finding.json",
            "CodeSystem-referral-performer.json",
            "CodeSystem-service-category.json",
            "CodeSystem-urgency.json",
            "ValueSet-urgency.json",
            "StructureDefinition-twitch-course.json",
            "StructureDefinition-twitch-visibility.json",
            "StructureDefinition-twitch-self-care.json",
            "StructureDefinition-twitch-before-sleep.json",
            "StructureDefinition-mapping-unconfirmed.json",
            "StructureDefinition-triage-basis.json",
            "StructureDefinition-triage-clinical-impression.json",
            "StructureDefinition-triage-service-request.json",
            "StructureDefinition-triage-risk-assessment.json");

    private TriageConformance() {
    }

    /**
     * Parses every resource of {@link #FILES}.
     *
     * @param context an R4 FhirContext (creating one is costly; pass the one you have)
     * @return the resources, in {@link #FILES} order
     * @throws IllegalArgumentException when the context is not R4
     */
    public static List<Resource> resources(FhirContext context) {
        Objects.requireNonNull(context, "context");
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("context: an R4 FhirContext is needed, not "
                    + context.getVersion().getVersion());
        }
        List<Resource> out = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = TriageConformance.class.getResourceAsStream(FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException(FOLDER + file + " is missing from the class path");
                }
                out.add((Resource) context.newJsonParser().parseResource(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
