package org.twitchtriage.cdshooks.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.ResourceType;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageConceptMap;

/**
 * The prefetch templates the service announces in discovery: the FHIR reads and searches whose results hold
 * everything the rules can use. Observation searches are narrowed to the codes the concept map reads (minimum
 * necessary: no vital signs or unrelated labs travel), Conditions only to the active ones, because a twitch or a
 * symptom may be coded in a system the EHR's search cannot filter on.
 *
 * <p>The rules use only the latest value of each serum electrolyte, so there is one search per analyte, each asking
 * for the newest result only ({@code _sort=-date&_count=1}), instead of one search for every electrolyte result ever
 * recorded (801 results, 1.15 MB for one real patient). {@code Observation/$lastn} would do it in one call, but it is an
 * operation that plain FHIR servers do not offer (HAPI's only with its JPA server and Elasticsearch), and the
 * specification's prefetch subset has no operations; {@code _sort} and {@code _count} are in that subset. Immutable.
 */
public final class PrefetchTemplates {
    /** Key of the Patient read. */
    public static final String PATIENT = "patient";
    /** Key of the active Conditions (twitches, symptoms, circumstances, pregnancy). */
    public static final String CONDITIONS = "conditions";
    /** Prefix of the keys of the latest serum electrolyte Observation, one per analyte ({@code latest-magnesium}). */
    public static final String ANALYTE_PREFIX = "latest-";
    /** Key of the latest pregnancy status Observation. */
    public static final String PREGNANCY = "pregnancy";
    /** Key of the Observations recording a twitch, an accompanying symptom or a circumstance. */
    public static final String FINDINGS = "findings";

    private static final String PATIENT_TOKEN = "{{context.patientId}}";

    /**
     * One template.
     *
     * @param key        its key
     * @param query      its query, with the patient token
     * @param resultType the resource type its result must have
     * @param latestOnly whether it asks for the newest result only ({@code _count=1}): a next link then means older
     *                   results exist, not that the answer is incomplete
     */
    record Template(String key, String query, ResourceType resultType, boolean latestOnly) {
        /**
         * @return the query as a relative URL for this patient, every parameter value percent-encoded (the
         *         templates' {@code |} and {@code ,} are not allowed unencoded in a URL)
         */
        String relativeUrl(String patientId) {
            String q = query.replace(PATIENT_TOKEN, patientId);
            int question = q.indexOf('?');
            if (question < 0) {
                return encode(q).replace("%2F", "/");
            }
            StringBuilder out = new StringBuilder(q.substring(0, question + 1));
            String sep = "";
            for (String pair : q.substring(question + 1).split("&")) {
                String[] nv = pair.split("=", 2);
                out.append(sep).append(nv[0]).append('=').append(encode(nv.length > 1 ? nv[1] : ""));
                sep = "&";
            }
            return out.toString();
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    private final List<Template> templates;

    /** @param map the concept map whose codes the Observation searches ask for */
    public PrefetchTemplates(TriageConceptMap map) {
        List<Template> t = new ArrayList<>();
        t.add(new Template(PATIENT, "Patient/" + PATIENT_TOKEN, ResourceType.Patient, false));
        t.add(new Template(CONDITIONS, "Condition?patient=" + PATIENT_TOKEN
                + "&clinical-status=active,recurrence,relapse", ResourceType.Bundle, false));
        analyteCodes(map).forEach((analyte, codes) -> t.add(new Template(analyteKey(analyte),
                "Observation?patient=" + PATIENT_TOKEN + "&code=" + codes + "&_sort=-date&_count=1",
                ResourceType.Bundle, true)));
        t.add(new Template(PREGNANCY, "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codes(map, Set.of(ConceptTarget.PREGNANCY_STATUS), false) + "&_sort=-date&_count=1",
                ResourceType.Bundle, true));
        t.add(new Template(FINDINGS, "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codes(map, Set.of(ConceptTarget.TWITCH, ConceptTarget.SYMPTOM, ConceptTarget.CIRCUMSTANCE), true),
                ResourceType.Bundle, false));
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

    /**
     * @param analyte an analyte as the concept map names it ({@code MAGNESIUM})
     * @return the prefetch key of its latest result ({@code latest-magnesium})
     */
    public static String analyteKey(String analyte) {
        return ANALYTE_PREFIX + analyte.toLowerCase(Locale.ROOT);
    }

    /** @return for each analyte the map reads, in name order, its codes as {@code system|code}, comma-separated */
    private static Map<String, String> analyteCodes(TriageConceptMap map) {
        Map<String, Set<String>> byAnalyte = new TreeMap<>();
        for (ConceptMapEntry e : map.entries()) {
            if (e.target() == ConceptTarget.ANALYTE && e.reads()) {
                byAnalyte.computeIfAbsent(e.value(), k -> new LinkedHashSet<>()).add(e.system() + "|" + e.code());
            }
        }
        if (byAnalyte.isEmpty()) {
            throw new IllegalArgumentException("the concept map reads no code for ANALYTE, so the service cannot "
                    + "ask for electrolytes");
        }
        Map<String, String> out = new LinkedHashMap<>();
        byAnalyte.forEach((analyte, codes) -> out.put(analyte, String.join(",", codes)));
        return out;
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
