package org.twitchtriage.fhir.internal;

import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.fhir.internal.Issues.Where;

/**
 * A resource of the input bundle with its entry index and a readable label ({@code Condition/c1}; the patient is
 * labelled {@code Patient}, never with its id).
 *
 * @param resource the resource
 * @param index    its index in {@code Bundle.entry}
 * @param label    the readable label used in issues
 */
record Located(Resource resource, int index, String label) {
    /** @return a location in this resource, {@code path} starting with {@code .} (or empty for the resource) */
    Where at(String path) {
        return new Where(label, index, path);
    }
}
