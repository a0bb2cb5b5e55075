package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo request bodies in {@code config/demo-requests/} are the triage-fhir test bundles as an EHR would send
 * them; this keeps them in step with the bundles. Run with {@code -Dcds.regenerate=true} to rewrite them.
 */
class DemoRequestsTest {
    static final Path DEMO_REQUESTS = Path.of("config", "demo-requests");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pregnant-calf.json", "whole-body-increasing-paralysis.json", "unmappable-code.json"})
    @DisplayName("each demo request is its FHIR test bundle turned into a patient-view call")
    void demoRequest_matchesItsBundle(String name) throws IOException {
        ObjectNode expected = Requests.fromBundle(name);
        expected.put("hookInstance", "00000000-0000-4000-8000-" + String.format("%012d", name.length()));
        Path file = DEMO_REQUESTS.resolve(name);
        if (Boolean.getBoolean("cds.regenerate")) {
            Files.createDirectories(DEMO_REQUESTS);
            Files.writeString(file, expected.toPrettyString() + "\n", StandardCharsets.UTF_8);
        }

        JsonNode committed = Requests.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));

        assertThat(committed).as("%s is stale; run this test with -Dcds.regenerate=true", file).isEqualTo(expected);
    }
}
