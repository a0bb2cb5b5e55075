package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A browser-based EHR: CORS for the configured origins only, and 405 answers that name the allowed methods. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserClientTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    static final String BASE = "https://cds.example.test";
    static final String SERVICE = "/cds-services/twitch-triage-patient-view";
    static final String EHR = "https://ehr.example.test";

    @TempDir
    static Path dir;
    TestKeys keys = new TestKeys();
    CdsHooksServer server;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        Path[] jwks = keys.writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s", "corsOrigins": ["%s", "https://other-ehr.example.test:8443"],
                 "issuers": [{"iss": "%s", "jwks": "%s"}],
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(BASE, EHR, TestKeys.ISSUER_A, jwks[0], dir.resolve("audit.jsonl")), dir);
        server = CdsHooksServer.builder(config).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared()).start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a preflight from a configured origin is allowed, with the Authorization and Content-Type headers")
    void preflight_fromConfiguredOrigin_isAllowed() throws Exception {
        HttpResponse<String> r = send(request(SERVICE).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", EHR).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(r.statusCode()).isBetween(200, 204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(EHR);
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("content-type");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    @DisplayName("a preflight from any other origin gets no CORS permission")
    void preflight_fromOtherOrigin_isNotAllowed() throws Exception {
        HttpResponse<String> r = send(request(SERVICE).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://attacker.example.test").header("Access-Control-Request-Method", "POST"));

        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @DisplayName("the real call from a configured origin carries Access-Control-Allow-Origin")
    void call_fromConfiguredOrigin_carriesTheOrigin() throws Exception {
        String token = keys.token(BASE + "/cds-services", NOW).sign();

        HttpResponse<String> r = send(request("/cds-services").GET().header("Origin", EHR)
                .header("Authorization", "Bearer " + token));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(EHR);
    }

    @Test
    @DisplayName("405 carries Allow: GET on discovery, POST on a service, plus OPTIONS with CORS on")
    void wrongMethod_is405WithAllow() throws Exception {
        HttpResponse<String> discovery = send(request("/cds-services").DELETE());
        HttpResponse<String> service = send(request(SERVICE).GET());

        assertThat(discovery.statusCode()).isEqualTo(405);
        assertThat(discovery.headers().firstValue("Allow")).hasValue("GET, OPTIONS");
        assertThat(service.statusCode()).isEqualTo(405);
        assertThat(service.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(service.body()).contains("method not allowed");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
