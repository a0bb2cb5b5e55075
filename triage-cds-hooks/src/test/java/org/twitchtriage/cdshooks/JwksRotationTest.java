package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys from the EHR's JWK Set URL, end to end: a JWK Set served on loopback whose content the test changes while the
 * service runs (a key rotation), a second allowed {@code jku} URL, and a third server the issuer never named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksRotationTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    static final String BASE = "https://cds.example.test";
    static final String ISS = "https://ehr-rotating.test";

    @TempDir
    static Path dir;
    HttpServer ehr;
    HttpServer stranger;
    final AtomicReference<String> published = new AtomicReference<>();
    final AtomicReference<String> alternate = new AtomicReference<>();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger strangerDownloads = new AtomicInteger();
    ECKey first;
    ECKey second;
    ECKey onAlternate;
    RSAKey rsa;
    CdsHooksServer server;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        first = new ECKeyGenerator(Curve.P_384).keyID("2025-a").generate();
        second = new ECKeyGenerator(Curve.P_384).keyID("2025-b").generate();
        onAlternate = new ECKeyGenerator(Curve.P_384).keyID("alt-1").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        published.set(set(first, rsa));
        alternate.set(set(onAlternate));
        ehr = serve(Map.of("/jwks", published, "/alt-jwks", alternate), downloads);
        stranger = serve(Map.of("/jwks", new AtomicReference<>(set(first))), strangerDownloads);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s", "timeZone": "UTC",
                 "issuers": [{"iss": "%s", "jwksUrl": "%s", "jku": ["%s"]}],
                 "fetch": {"jwksCacheSeconds": 300, "jwksMinRefreshSeconds": 1},
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(BASE, ISS, url(ehr, "/jwks"), url(ehr, "/alt-jwks"), dir.resolve("audit.jsonl")), dir);
        server = CdsHooksServer.builder(config).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared()).start();
    }

    @AfterAll
    void stop() {
        server.close();
        ehr.stop(0);
        stranger.stop(0);
    }

    @Test
    @DisplayName("a key the EHR adds to its JWK Set is accepted without a restart; a known key does not download "
            + "the set again")
    void newKid_isAcceptedWithoutRestart() throws Exception {
        assertThat(discovery(token(first, JWSAlgorithm.ES384, null)).statusCode()).isEqualTo(200);
        assertThat(discovery(token(first, JWSAlgorithm.ES384, null)).statusCode()).isEqualTo(200);
        int afterFirst = downloads.get();
        assertThat(afterFirst).as("cached").isEqualTo(1);

        Thread.sleep(1100); // past the configured rate limit of one download per second
        published.set(set(second));

        assertThat(discovery(token(second, JWSAlgorithm.ES384, null)).statusCode()).isEqualTo(200);
        assertThat(downloads.get()).as("the unknown kid made it read the set once more").isEqualTo(afterFirst + 1);
        HttpResponse<String> old = discovery(token(first, JWSAlgorithm.ES384, null));
        assertThat(old.statusCode()).as("a key the EHR withdrew is refused").isEqualTo(401);
        published.set(set(first, rsa));
    }

    @Test
    @DisplayName("a jku on the issuer's allow-list is read; a jku elsewhere is refused without being called")
    void jku_onlyFromTheAllowList() throws Exception {
        assertThat(discovery(token(onAlternate, JWSAlgorithm.ES384, url(ehr, "/alt-jwks"))).statusCode())
                .isEqualTo(200);

        HttpResponse<String> r = discovery(token(first, JWSAlgorithm.ES384, url(stranger, "/jwks")));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("jku is not an allowed JWK Set URL");
        assertThat(strangerDownloads.get()).isZero();
    }

    @Test
    @DisplayName("RS384 and ES384 (named by the CDS Hooks text) are accepted; RS256 is refused unless configured")
    void algorithms_specifiedAlwaysOthersByConfiguration() throws Exception {
        assertThat(discovery(token(rsa, JWSAlgorithm.RS384, null)).statusCode()).isEqualTo(200);

        HttpResponse<String> r = discovery(token(rsa, JWSAlgorithm.RS256, null));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("signed with RS256", "accepted are ES384, RS384");
    }

    @Test
    @DisplayName("an issuer's JWK Set URL and FHIR servers must be https (plain http only on loopback); none and "
            + "symmetric algorithms cannot be configured")
    void outgoingUrls_mustBeHttps_andAlgorithmsAsymmetric() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CdsHooksConfig.read("""
                {"baseUrl": "%s", "issuers": [{"iss": "%s", "jwksUrl": "http://keys.example.test/jwks",
                                               "fhirServers": ["http://ehr.example.test/fhir"]}],
                 "extraAlgorithms": ["HS256"], "audit": {"log": "a.jsonl"}}
                """.formatted(BASE, ISS), dir)).isInstanceOf(CdsHooksConfigException.class)
                .hasMessageContaining("issuers[0].jwksUrl: must be an https URL")
                .hasMessageContaining("issuers[0].fhirServers[0]: must be an https URL")
                .hasMessageContaining("extraAlgorithms[0]: must be one of");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    static HttpServer serve(Map<String, AtomicReference<String>> paths, AtomicInteger hits) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        paths.forEach((path, content) -> s.createContext(path, exchange -> {
            hits.incrementAndGet();
            byte[] body = content.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));
        s.start();
        return s;
    }

    static String url(HttpServer s, String path) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + path;
    }

    String token(JWK key, JWSAlgorithm alg, String jku) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
        if (jku != null) {
            h.jwkURL(URI.create(jku));
        }
        SignedJWT jwt = new SignedJWT(h.build(), new JWTClaimsSet.Builder().issuer(ISS)
                .audience(BASE + "/cds-services").issueTime(Date.from(NOW)).expirationTime(Date.from(NOW
                        .plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    HttpResponse<String> discovery(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/cds-services"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
