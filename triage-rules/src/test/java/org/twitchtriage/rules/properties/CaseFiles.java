package org.twitchtriage.rules.properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.twitchtriage.audit.CanonicalInput;
import org.twitchtriage.model.TriageRequest;

/**
 * Writes a request as a case file in the project's input format (docs/input-format.md), ready to paste into
 * {@code triage-examples/cases/} or a scenario and to run with {@code twitch-triage evaluate}. The fields come from
 * the project's own writer, {@link CanonicalInput} (which leaves out the reference); this class puts the reference back
 * first and indents the result.
 */
final class CaseFiles {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CaseFiles() {
    }

    /** @return the request as an indented case file */
    static String write(TriageRequest request) {
        ObjectNode canonical = CanonicalInput.of(request);
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode patient = root.putObject("patient");
        if (request.getPatient() != null && request.getPatient().getReference() != null) {
            patient.put("reference", request.getPatient().getReference());
        }
        if (canonical.has("patient")) {
            patient.setAll((ObjectNode) canonical.get("patient"));
        }
        root.set("twitches", canonical.get("twitches"));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
