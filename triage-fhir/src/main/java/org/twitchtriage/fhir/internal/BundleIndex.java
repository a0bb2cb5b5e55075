package org.twitchtriage.fhir.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one input bundle, and references between them resolved inside it: by {@code fullUrl}
 * ({@code urn:uuid:} too) or by {@code Type/id}, an absolute or versioned reference being reduced to its
 * {@code Type/id} with HAPI's {@link IdType}; a reference without a reference string resolves to the bundle resource
 * attached to it ({@link Reference#getResource()}). Also finds the bundle's one Patient. Not thread-safe.
 */
final class BundleIndex {
    /** A resource id as FHIR R4 allows it: at most 64 letters, digits, '-' and '.'. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private final List<Located> located = new ArrayList<>();
    private final Map<String, Located> byReference = new HashMap<>();
    private final Map<Resource, Located> byResource = new IdentityHashMap<>();
    private final Located patient;

    /**
     * @param bundle the input
     * @param issues where empty entries and missing or repeated Patients are reported
     */
    BundleIndex(Bundle bundle, Issues issues) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            Resource r = entry.getResource();
            if (r == null) {
                issues.warning(IssueType.INCOMPLETE, Issues.bundle(".entry[" + i + "]"),
                        "the entry holds no resource; ignored");
                continue;
            }
            String id = r.getIdElement().getIdPart();
            boolean hasId = id != null && !id.isBlank();
            // an id that FHIR does not allow (too long, control characters) is not repeated in messages
            String label = r instanceof Patient ? "Patient" : hasId && FHIR_ID.matcher(id).matches()
                    ? r.fhirType() + "/" + id : r.fhirType() + "@entry[" + i + "]";
            Located l = new Located(r, i, label);
            located.add(l);
            byResource.put(r, l);
            if (hasId) {
                byReference.putIfAbsent(r.fhirType() + "/" + id, l);
            }
            if (entry.hasFullUrl()) {
                byReference.putIfAbsent(entry.getFullUrl(), l);
            }
        }
        this.patient = findPatient(issues);
    }

    /** @return every resource, in entry order */
    List<Located> resources() {
        return located;
    }

    /** @return the bundle's Patient, or {@code null} when there is none (an error was reported) */
    Located patient() {
        return patient;
    }

    /** @return the bundle resource a reference points at, or {@code null} when it is not in the bundle */
    Located resolve(Reference ref) {
        if (ref == null) {
            return null;
        }
        if (!ref.hasReference()) {
            return ref.getResource() instanceof Resource attached ? byResource.get(attached) : null;
        }
        Located hit = byReference.get(ref.getReference());
        if (hit != null) {
            return hit;
        }
        IIdType id = ref.getReferenceElement();
        if (id.hasResourceType() && id.hasIdPart()) {
            return byReference.get(id.getResourceType() + "/" + id.getIdPart());
        }
        return null;
    }

    private Located findPatient(Issues issues) {
        List<Located> patients = located.stream().filter(l -> l.resource() instanceof Patient).toList();
        if (patients.isEmpty()) {
            issues.error(IssueType.REQUIRED, Issues.bundle(".entry"), "the bundle holds no Patient resource");
            return null;
        }
        for (Located p : patients.subList(1, patients.size())) {
            issues.error(IssueType.BUSINESSRULE, new Issues.Where("Patient@entry[" + p.index() + "]", p.index(), ""),
                    "the bundle holds more than one Patient; send one patient per bundle");
        }
        return patients.get(0);
    }
}
