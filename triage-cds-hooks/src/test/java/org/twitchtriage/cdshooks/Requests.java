package org.twitchtriage.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.twitchtriage.cdshooks.internal.PrefetchTemplates;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageConceptMap;

/**
 * CDS Hooks {@code patient-view} requests made from the FHIR test bundles of triage-fhir, as an EHR would send them:
 * the Patient under {@code patient}, each search's results as a searchset Bundle (or {@code null} when it found
 * nothing), references to the patient as {@code Patient/id} (a FHIR server's form, not the bundles' urn:uuid), and
 * resources no template asks for (an Encounter) left out.
 */
final class Requests {
    /** The FHIR test bundles; tests run in the module folder. */
    static final Path BUNDLES = Path.of("..", "triage-fhir", "src", "test", "resources", "bundles");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Requests() {
    }

    /** @return a full request for the bundle's patient */
    static ObjectNode fromBundle(String file) {
        ObjectNode prefetch = prefetchFromBundle(file);
        return request(prefetch.path(PrefetchTemplates.PATIENT).path("id").asText(), prefetch);
    }

    /** @return a request with this patient id and prefetch */
    static ObjectNode request(String patientId, ObjectNode prefetch) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("hookInstance", UUID.randomUUID().toString());
        r.put("fhirServer", "https://ehr.example.test/fhir");
        r.put("hook", "patient-view");
        r.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId);
        if (prefetch != null) {
            r.set("prefetch", prefetch);
        }
        return r;
    }

    /** @return the prefetch object an EHR would send for the bundle's patient */
    static ObjectNode prefetchFromBundle(String file) {
        String text;
        try {
            text = Files.readString(BUNDLES.resolve(file), StandardCharsets.UTF_8);
            JsonNode bundle = MAPPER.readTree(text);
            for (JsonNode e : bundle.path("entry")) {
                String fullUrl = e.path("fullUrl").asText();
                JsonNode r = e.path("resource");
                if (fullUrl.startsWith("urn:uuid:")) {
                    text = text.replace("\"" + fullUrl + "\"", "\"" + r.path("resourceType").asText() + "/"
                            + r.path("id").asText() + "\"");
                }
            }
            bundle = MAPPER.readTree(text);
            ObjectNode prefetch = MAPPER.createObjectNode();
            Map<String, ArrayNode> searches = new LinkedHashMap<>();
            for (String key : new PrefetchTemplates(TriageConceptMap.defaults()).asMap().keySet()) {
                if (!key.equals(PrefetchTemplates.PATIENT)) {
                    searches.put(key, MAPPER.createArrayNode());
                }
            }
            for (JsonNode e : bundle.path("entry")) {
                JsonNode r = e.path("resource");
                String type = r.path("resourceType").asText();
                String key = switch (type) {
                    case "Patient" -> PrefetchTemplates.PATIENT;
                    case "Condition" -> PrefetchTemplates.CONDITIONS;
                    case "Observation" -> observationKey(r);
                    default -> null;
                };
                if (PrefetchTemplates.PATIENT.equals(key)) {
                    prefetch.set(key, r);
                } else if (key != null) {
                    searches.get(key).addObject()
                            .put("fullUrl", "https://ehr.example.test/fhir/" + type + "/" + r.path("id").asText())
                            .<ObjectNode>set("resource", r)
                            .putObject("search").put("mode", "match");
                }
            }
            searches.forEach((key, entries) -> prefetch.set(key, entries.isEmpty() ? NullNode.getInstance()
                    : searchset(entries)));
            return prefetch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a searchset Bundle holding these entries */
    static ObjectNode searchset(ArrayNode entries) {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        b.put("total", entries.size());
        b.set("entry", entries);
        return b;
    }

    private static String observationKey(JsonNode observation) {
        for (JsonNode c : observation.path("code").path("coding")) {
            Optional<ConceptMapEntry> e = TriageConceptMap.defaults().lookup(c.path("system").asText(),
                    c.path("code").asText());
            if (e.isPresent() && e.get().target() == ConceptTarget.ANALYTE) {
                return PrefetchTemplates.analyteKey(e.get().value());
            }
            if (e.isPresent() && e.get().target() == ConceptTarget.PREGNANCY_STATUS) {
                return PrefetchTemplates.PREGNANCY;
            }
        }
        return PrefetchTemplates.FINDINGS;
    }
}
