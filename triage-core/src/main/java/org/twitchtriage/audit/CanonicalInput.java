package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.twitchtriage.json.CaseFile;
import org.twitchtriage.json.StrictJson;
import org.twitchtriage.model.TriageRequest;

/**
 * A request as canonical JSON in the case-file format ({@link CaseFile}, docs/input-format.md), <em>without</em> the
 * patient reference, so that it can be stored for replay and hashed without holding an identifier. Sets are written
 * sorted; absent optional values are left out. Stateless.
 */
public final class CanonicalInput {
    private CanonicalInput() {
    }

    /** @return the request as a JSON tree, without the patient reference */
    public static ObjectNode of(TriageRequest request) {
        return StrictJson.write(CaseFile.of(request, false));
    }

    /** @return the SHA-256 of the canonical input (without the patient reference) */
    public static String digest(TriageRequest request) {
        return CanonicalJson.sha256(of(request));
    }
}
