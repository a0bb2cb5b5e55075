package org.twitchtriage.cdshooks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ResourceType;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageConceptMap;

/**
 * The prefetch templates the service announces in discovery: the FHIR reads and searches whose results hold
 * everything the rules can use. Observation searches are narrowed to the codes the concept map reads (minimum
 * necessary: no vital signs or unrelated labs travel), Conditions only to the active ones, because a twitch or a
 * symptom may be coded in a system the EHR's search cannot filter on. Immutable.
 */
public final class PrefetchTemplates {
    /** Key of the Patient read. */
    public static final String PATIENT = "patient";
    /** Key of the active Conditions (twitches, symptoms, circumstances, pregnancy). */
    public static final String CONDITIONS = "conditions";
    /** Key of the serum electrolyte Observations. */
    public static final String ELECTROLYTES = "electrolytes";
    /** Key of the latest pregnancy status Observation. */
    public static final String PREGNANCY = "pregnancy";
    /** Key of the Observations recording a twitch, an accompanying symptom or a circumstance. */
    public static final String FINDINGS = "findings";

    private static final String PATIENT_TOKEN = "{{context.patientId}}";

    /** One template: its key, its query, and the resource type its result must have. */
    record Template(String key, String query, ResourceType resultType) {
    }

    private final List<Template> templates;

    /** @param map the concept map whose codes the Observation searches ask for */
    public PrefetchTemplates(TriageConceptMap map) {
        List<Template> t = new ArrayList<>();
        t.add(new Template(PATIENT, "Patient/" + PATIENT_TOKEN, ResourceType.Patient));
        t.add(new Template(CONDITIONS, "Condition?patient=" + PATIENT_TOKEN
                + "&clinical-status=active,recurrence,relapse", ResourceType.Bundle));
        t.add(new Template(ELECTROLYTES, "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codes(map, Set.of(ConceptTarget.ANALYTE), false) + "&_sort=-date", ResourceType.Bundle));
        t.add(new Template(PREGNANCY, "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codes(map, Set.of(ConceptTarget.PREGNANCY_STATUS), false) + "&_sort=-date&_count=1",
                ResourceType.Bundle));
        t.add(new Template(FINDINGS, "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codes(map, Set.of(ConceptTarget.TWITCH, ConceptTarget.SYMPTOM, ConceptTarget.CIRCUMSTANCE), true),
                ResourceType.Bundle));
        this.templates = List.copyOf(t);
    }

    /** @return key to FHIR query, in announcement order */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach(t -> out.put(t.key(), t.query()));
        return out;
    }

    /** @return the templates, in announcement order */
    List<Template> templates() {
        return templates;
    }

    /** @return {@code system|code} of every code the map reads for the targets, comma-separated (token OR) */
    private static String codes(TriageConceptMap map, Set<ConceptTarget> targets, boolean withLocal) {
        Set<String> out = new LinkedHashSet<>();
        for (ConceptMapEntry e : map.entries()) {
            if (targets.contains(e.target()) && e.reads()) {
                out.add(e.system() + "|" + e.code());
            }
        }
        if (withLocal) {
            for (ConceptTarget target : ConceptTarget.values()) {
                if (targets.contains(target)) {
                    target.allowedValues().forEach(v -> out.add(target.localSystem() + "|" + v));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the concept map reads no code for " + targets
                    + ", so the service cannot ask for them");
        }
        return String.join(",", out);
    }
}
