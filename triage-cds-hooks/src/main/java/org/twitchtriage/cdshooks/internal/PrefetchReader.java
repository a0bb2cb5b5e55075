package org.twitchtriage.cdshooks.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Reads the {@code prefetch} of a CDS Hooks request against the announced templates and puts everything into one
 * collection Bundle for {@link org.twitchtriage.fhir.FhirRequestMapper}: the Patient first, then each search's
 * entries in template order (search outcome entries left out).
 *
 * <p>This version never queries the EHR's FHIR server, so every template is needed: a key that is absent (the client
 * chose not to or could not prefetch it) or a search result with a next page means the data may be incomplete, and
 * deciding on incomplete data could miss a warning sign. That is answered with 412 Precondition Failed naming the
 * keys, as the specification prescribes when a service cannot obtain the data it needs. A key whose value is
 * {@code null} (the client found nothing) counts as an empty result, except for the Patient. A value that is not the
 * resource the template asks for, or not valid FHIR R4 JSON, is a bad request (400). Thread-safe.
 */
public final class PrefetchReader {
    private final FhirContext fhir;
    private final PrefetchTemplates templates;

    /**
     * @param fhir      the FHIR R4 context
     * @param templates the announced templates
     */
    public PrefetchReader(FhirContext fhir, PrefetchTemplates templates) {
        this.fhir = fhir;
        this.templates = templates;
    }

    /**
     * @param prefetch  the request's {@code prefetch} member, or {@code null} when absent
     * @param patientId the request's {@code context.patientId}
     * @return all prefetched resources in one collection Bundle, the Patient first
     * @throws CdsError 412 when a key is missing or a result incomplete; 400 when a value is not what was asked for
     */
    public Bundle read(JsonNode prefetch, String patientId) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Bundle merged = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = null;
        List<Bundle> searches = new ArrayList<>();
        for (PrefetchTemplates.Template t : templates.templates()) {
            JsonNode value = prefetch == null ? null : prefetch.get(t.key());
            if (value == null) {
                missing.add("prefetch key '" + t.key() + "' is missing (template " + t.query() + ")");
                continue;
            }
            if (value.isNull()) {
                if (t.resultType() == ResourceType.Patient) {
                    missing.add("prefetch key '" + t.key() + "' is null: the Patient resource is required");
                }
                continue;
            }
            if (!value.isObject()) {
                wrong.add("prefetch key '" + t.key() + "' must hold a FHIR resource (a JSON object) or null");
                continue;
            }
            IBaseResource resource;
            try {
                resource = parser().parseResource(Json.MAPPER.writeValueAsString(value));
            } catch (DataFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
                wrong.add("prefetch key '" + t.key() + "' is not a valid FHIR R4 resource: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                // HAPI fails on some malformed resources (a list where an object belongs) instead of refusing them
                wrong.add("prefetch key '" + t.key() + "' is not a valid FHIR R4 resource (the FHIR parser could "
                        + "not read it)");
                continue;
            }
            if (!(resource instanceof Resource r) || r.getResourceType() != t.resultType()) {
                wrong.add("prefetch key '" + t.key() + "' must hold a " + t.resultType() + ", not a "
                        + resource.fhirType());
                continue;
            }
            if (r instanceof Patient p) {
                if (!patientId.equals(p.getIdElement().getIdPart())) {
                    wrong.add("prefetch key '" + t.key() + "' holds a Patient whose id is not context.patientId");
                    continue;
                }
                patient = p;
            } else {
                Bundle b = (Bundle) r;
                if (b.getLink(Bundle.LINK_NEXT) != null) {
                    missing.add("prefetch key '" + t.key() + "' holds only the first page of results (it has a "
                            + "next link); send all results in one Bundle");
                    continue;
                }
                searches.add(b);
            }
        }
        if (!wrong.isEmpty()) {
            throw CdsError.of(400, "the prefetch does not hold what the service asked for", wrong);
        }
        if (!missing.isEmpty()) {
            throw CdsError.of(412, "prefetched data is missing or incomplete; this service does not query the "
                    + "FHIR server itself", missing);
        }
        merged.addEntry().setResource(patient);
        Set<String> seen = new HashSet<>();
        for (Bundle b : searches) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (!e.hasResource() || e.hasSearch() && e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
                    continue;
                }
                Resource r = e.getResource();
                // one resource returned by two searches is read once, or it would count twice
                if (!r.getIdElement().hasIdPart() || seen.add(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                    merged.addEntry().setFullUrl(e.getFullUrl()).setResource(r);
                }
            }
        }
        return merged;
    }

    /** A parser that fails on invalid values and never logs (HAPI's messages may quote patient data). */
    private IParser parser() {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    }
}
