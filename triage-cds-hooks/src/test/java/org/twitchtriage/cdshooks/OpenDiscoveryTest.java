package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service configured with open discovery: the list of services needs no token, a call still does. */
class OpenDiscoveryTest {
    @Test
    @DisplayName("with discoveryRequiresToken false, discovery answers without a token and calls still need one")
    void openDiscovery(@TempDir Path dir) throws Exception {
        Path[] jwks = new TestKeys().writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "https://cds.example.test", "discoveryRequiresToken": false,
                 "issuers": [{"iss": "%s", "jwks": "%s"}], "audit": {"log": "audit.jsonl"}}
                """.formatted(TestKeys.ISSUER_A, jwks[0]), dir);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (CdsHooksServer server = CdsHooksServer.builder(config).engine(Engines.shared())
                .environment(Map.of(CdsHooksConfig.DEFAULT_KEY_VARIABLE, "x".repeat(32))).start()) {
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(base + "/cds-services"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/cds-services/twitch-triage-patient-view")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(call.statusCode()).isEqualTo(401);
        }
    }
}
