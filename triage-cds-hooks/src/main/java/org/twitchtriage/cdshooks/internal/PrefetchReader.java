package org.twitchtriage.cdshooks.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Reads the {@code prefetch} of a CDS Hooks request against the announced templates, completes it from the EHR's FHIR
 * server where needed, and puts everything into one collection Bundle for
 * {@link org.twitchtriage.fhir.FhirRequestMapper}: the Patient first, then each search's entries in template order
 * (search outcome entries and duplicates left out).
 *
 * <p>A template needs fetching when its key is absent (the client chose not to, or could not, prefetch it), when its
 * search result has a {@code next} link (more pages; except for latest-only templates, whose next link only means
 * older results exist), when the client sent an {@code OperationOutcome} instead of the data, or when the search
 * result holds an {@code OperationOutcome} entry reporting an error. With {@code fhirServer} and
 * {@code fhirAuthorization} in the request (see {@link FhirFetcher}) those templates are fetched. When that is not
 * possible or fails:
 * <ul>
 *   <li>an absent key, a multi-page result, or a missing Patient means the data may be incomplete, and deciding on
 *       them could miss a warning sign: 412 Precondition Failed naming the keys, as the specification prescribes;</li>
 *   <li>data the EHR itself reported it could not read (an {@code OperationOutcome}) are decided without, and listed
 *       as {@link UnreadData} so the answer can say so (the rest of a search result that reports an error is used).
 *       </li>
 * </ul>
 * A key whose value is {@code null} (the client found nothing) counts as an empty result, except for the Patient. A
 * value that is not the resource the template asks for, or not valid FHIR R4 JSON, is a bad request (400).
 * Thread-safe.
 */
public final class PrefetchReader {
    private final FhirContext fhir;
    private final PrefetchTemplates templates;
    private final FhirFetcher fetcher;

    /**
     * What the prefetch gave, completed by fetching.
     *
     * @param bundle  every resource read, in one collection Bundle, the Patient first
     * @param unread  the data decided without
     * @param fetched the keys fetched from the FHIR server
     */
    public record Result(Bundle bundle, List<UnreadData> unread, List<String> fetched) {
    }

    /** A template that needs fetching: whether it may be decided without, why, and what the client sent of it. */
    private record Pending(boolean required, String reason, Bundle partial) {
    }

    /**
     * @param fhir      the FHIR R4 context
     * @param templates the announced templates
     * @param fetcher   the fetcher for templates the prefetch lacks
     */
    public PrefetchReader(FhirContext fhir, PrefetchTemplates templates, FhirFetcher fetcher) {
        this.fhir = fhir;
        this.templates = templates;
        this.fetcher = fetcher;
    }

    /**
     * @param prefetch  the request's {@code prefetch} member, or {@code null} when absent
     * @param patientId the request's {@code context.patientId}
     * @param grant     whether, where and with which token to fetch
     * @return all resources read, and what was decided without
     * @throws CdsError 412 when required data are missing and cannot be fetched; 400 when a value is not what was
     *                  asked for
     */
    public Result read(JsonNode prefetch, String patientId, FhirAccessReader.Grant grant) {
        List<String> wrong = new ArrayList<>();
        Map<PrefetchTemplates.Template, Resource> read = new LinkedHashMap<>();
        Map<PrefetchTemplates.Template, Pending> pending = new LinkedHashMap<>();
        for (PrefetchTemplates.Template t : templates.templates()) {
            JsonNode value = prefetch == null ? null : prefetch.get(t.key());
            boolean patient = t.resultType() == ResourceType.Patient;
            if (value == null) {
                pending.put(t, new Pending(true, "prefetch key '" + t.key() + "' is missing (template " + t.query()
                        + ")", null));
                continue;
            }
            if (value.isNull()) {
                if (patient) {
                    pending.put(t, new Pending(true, "prefetch key '" + t.key() + "' is null: the Patient resource "
                            + "is required", null));
                }
                continue;
            }
            if (!value.isObject()) {
                wrong.add("prefetch key '" + t.key() + "' must hold a FHIR resource (a JSON object) or null");
                continue;
            }
            IBaseResource resource;
            try {
                resource = FhirFetcher.strictParser(fhir).parseResource(Json.MAPPER.writeValueAsString(value));
            } catch (DataFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
                // HAPI's message may quote patient data: not passed on
                wrong.add("prefetch key '" + t.key() + "' is not a valid FHIR R4 resource");
                continue;
            } catch (RuntimeException e) {
                // HAPI fails on some malformed resources (a list where an object belongs) instead of refusing them
                wrong.add("prefetch key '" + t.key() + "' is not a valid FHIR R4 resource (the FHIR parser could "
                        + "not read it)");
                continue;
            }
            if (resource instanceof OperationOutcome) {
                pending.put(t, new Pending(patient, "prefetch key '" + t.key() + "': the EHR sent an "
                        + "OperationOutcome instead of the data", null));
                continue;
            }
            if (!(resource instanceof Resource r) || r.getResourceType() != t.resultType()) {
                wrong.add("prefetch key '" + t.key() + "' must hold a " + t.resultType() + ", not a "
                        + resource.fhirType());
                continue;
            }
            if (r instanceof Patient p && !patientId.equals(p.getIdElement().getIdPart())) {
                wrong.add("prefetch key '" + t.key() + "' holds a Patient whose id is not context.patientId");
                continue;
            }
            if (r instanceof Bundle b && b.getEntry().stream()
                    .anyMatch(e -> e.getResource() instanceof OperationOutcome oo && reportsError(oo))) {
                pending.put(t, new Pending(false, "prefetch key '" + t.key() + "': the EHR's search result reports "
                        + "an error, so it may be incomplete", b));
            } else if (r instanceof Bundle b && !t.latestOnly() && b.getLink(Bundle.LINK_NEXT) != null) {
                pending.put(t, new Pending(true, "prefetch key '" + t.key() + "' holds only the first page of "
                        + "results (it has a next link)", null));
            } else {
                read.put(t, r);
            }
        }
        if (!wrong.isEmpty()) {
            throw CdsError.of(400, "the prefetch does not hold what the service asked for", wrong);
        }
        List<String> missing = new ArrayList<>();
        List<UnreadData> unread = new ArrayList<>();
        List<String> fetched = new ArrayList<>();
        for (Map.Entry<PrefetchTemplates.Template, Pending> e : pending.entrySet()) {
            PrefetchTemplates.Template t = e.getKey();
            Pending p = e.getValue();
            String failure = grant.refusal();
            if (grant.access() != null) {
                try {
                    read.put(t, fetcher.fetch(grant.access(), t, patientId));
                    fetched.add(t.key());
                    continue;
                } catch (HttpGetter.Failed f) {
                    failure = "fetching it failed: " + f.getMessage();
                }
            }
            if (p.required()) {
                missing.add(p.reason() + "; " + failure);
            } else {
                unread.add(new UnreadData(t.key(), p.reason() + "; " + failure));
                if (p.partial() != null) {
                    read.put(t, p.partial());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw CdsError.of(412, "required data are missing or incomplete, and could not be fetched from the "
                    + "FHIR server", missing);
        }
        return new Result(merge(read), List.copyOf(unread), List.copyOf(fetched));
    }

    /** @return whether an OperationOutcome reports an error (or worse), not only warnings or information */
    static boolean reportsError(OperationOutcome oo) {
        return oo.getIssue().stream().anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
    }

    private Bundle merge(Map<PrefetchTemplates.Template, Resource> read) {
        Bundle merged = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Set<String> seen = new HashSet<>();
        for (PrefetchTemplates.Template t : templates.templates()) {
            Resource r = read.get(t);
            if (r instanceof Patient) {
                merged.getEntry().add(0, new Bundle.BundleEntryComponent().setResource(r));
            } else if (r instanceof Bundle b) {
                for (Bundle.BundleEntryComponent e : b.getEntry()) {
                    if (!e.hasResource() || e.getResource() instanceof OperationOutcome
                            || e.hasSearch() && e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
                        continue;
                    }
                    Resource found = e.getResource();
                    // one resource returned by two searches is read once, or it would count twice
                    if (!found.getIdElement().hasIdPart()
                            || seen.add(found.fhirType() + "/" + found.getIdElement().getIdPart())) {
                        merged.addEntry().setFullUrl(e.getFullUrl()).setResource(found);
                    }
                }
            }
        }
        return merged;
    }
}
