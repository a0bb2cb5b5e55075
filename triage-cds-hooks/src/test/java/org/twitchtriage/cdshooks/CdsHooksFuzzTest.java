package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.twitchtriage.testkit.fuzz.FuzzRun;
import org.twitchtriage.testkit.fuzz.HostileJson;

/**
 * Hostile calls to the CDS Hooks service, started in process on the loopback interface as
 * {@link CdsHooksServerTest} does: discovery, the {@code patient-view} hook and feedback, with generated methods,
 * paths, tokens (valid, missing, expired, for another audience, not yet valid, unsigned, tampered, huge), content
 * types, extra headers (up to beyond Jetty's header limit) and bodies (the requests built from the FHIR test bundles,
 * and feedback, made hostile by {@link HostileJson}). Every call must be answered within the deadline with a status of
 * the documented set, never 500, with a JSON body (an error with {@code error} and {@code details}); no error body may
 * quote the patient's id, a user id or a suggestion id, and a decision may name the patient only in a
 * {@code Patient/} reference of its draft resources.
 *
 * <p>One HTTP client with keep-alive serves all calls, two at once (so that both cores work). Inputs:
 * {@code jqwik.tries.default}, a few hundred by default, 100,000 with {@code -Pproperties-ci}; counts in
 * {@code target/fuzz-cds-hooks.txt} (docs/reliability.md).
 */
class CdsHooksFuzzTest {
    private static final String SERVICE = CdsHooksServerTest.SERVICE;
    private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 401, 404, 405, 412, 413, 415, 422, 431, 503);
    private static final String[] METHODS = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/json; charset=utf-16",
        "application/xml", "application/json;;;", "*/*", "application/fhir+json",
        "application/json; a=" + "b".repeat(300)};
    private static final int UNREAD_BODY = 8 * 1024;
    private static final FuzzRun RUN = new FuzzRun("CDS Hooks service (HTTP)", FuzzRun.deadline(30_000),
            FuzzRun.parallelism(2));

    private static Path dir;
    private static TestKeys keys;
    private static CdsHooksServer server;
    private static HttpClient http;
    /** One signer per algorithm, made once (only the generating thread signs). */
    private static Map<JWSAlgorithm, JWSSigner> signers;

    private final HostileJson hooks = new HostileJson(hookSeeds(), CdsHooksFuzzTest::patientIdentifying,
            (parent, field) -> Set.of("userId", "id").contains(field)
                    && !parent.has("resourceType"));

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("cds-fuzz");
        keys = new TestKeys();
        Path[] jwks = keys.writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s/", "maxBodyBytes": %d, "timeZone": "UTC", "replayCacheSize": 250000,
                 "extraAlgorithms": ["ES256"],
                 "issuers": [{"iss": "%s", "jwks": "%s"}, {"iss": "%s", "jwks": "%s"}],
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(CdsHooksServerTest.BASE, CdsHooksServerTest.BODY_LIMIT, TestKeys.ISSUER_A, jwks[0],
                TestKeys.ISSUER_B, jwks[1], dir.resolve("audit.jsonl")), dir);
        server = CdsHooksServer.builder(config)
                .clock(Clock.fixed(CdsHooksServerTest.NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared())
                .start();
        try {
            signers = Map.of(JWSAlgorithm.ES256, new ECDSASigner(keys.ec256), JWSAlgorithm.ES384,
                    new ECDSASigner(keys.ec384), JWSAlgorithm.RS384, new RSASSASigner(keys.rsa));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The patient's id in the context, the Patient's id, references to the patient, identifiers, comments. */
    static boolean patientIdentifying(ObjectNode parent, String field) {
        String value = parent.path(field).asText();
        return field.equals("patientId") || field.equals("userComment")
                || field.equals("id") && parent.path("resourceType").asText().equals("Patient")
                || (field.equals("reference") || field.equals("fullUrl")) && value.contains("Patient/")
                || field.equals("value") && parent.has("system") && !parent.has("code");
    }

    private static List<JsonNode> hookSeeds() {
        List<JsonNode> seeds = new ArrayList<>();
        for (String bundle : List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json",
                "unmappable-code.json")) {
            seeds.add(Requests.fromBundle(bundle));
        }
        ObjectNode feedback = Requests.MAPPER.createObjectNode();
        ObjectNode item = feedback.putArray("feedback").addObject();
        item.put("card", UUID.randomUUID().toString()).put("outcome", "overridden")
                .put("outcomeTimestamp", "2025-11-25T10:03:00Z");
        item.putObject("overrideReason").put("userComment", "pseudo-body-02 seen")
                .putObject("reason").put("code", "already-addressed").put("system", "http://example.test/reasons");
        seeds.add(feedback);
        return seeds;
    }

    /** One generated call. */
    record Call(String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        @Override
        public String toString() {
            return method + " " + path + " token " + (token == null ? "none" : token.length() + " chars")
                    + ", Content-Type " + contentType + ", headers " + headers.keySet() + ", body "
                    + (body == null ? "none" : HostileJson.describe(body));
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.randomValue(this::call);
    }

    private Call call(Random r) {
        int target = r.nextInt(20);
        String path = target < 2 ? "/cds-services" : target < 15 ? SERVICE : target < 19 ? SERVICE + "/feedback"
                : List.of("/cds-services/other", "/", "/cds-services/unknown-service",
                        SERVICE + "/feedback/x", "/cds-services/%2e%2e/x").get(r.nextInt(5));
        boolean discovery = path.equals("/cds-services");
        // Known limitation (docs/reliability.md): Jetty refuses an ambiguous path or a wrong method without reading
        // the body and closes the connection; a body still being sent then resets it (TCP) and the refusal is lost
        // on the way. Those calls are made without a body.
        boolean ambiguous = path.contains("%2e");
        String method = ambiguous ? "GET"
                : r.nextInt(12) == 0 ? METHODS[r.nextInt(METHODS.length)] : discovery ? "GET" : "POST";
        boolean refusedUnread = ambiguous || !method.equals(discovery ? "GET" : "POST");
        byte[] body = refusedUnread || discovery && r.nextInt(4) != 0 ? null : hooks.document(r);
        String contentType = r.nextInt(10) == 0 ? (r.nextBoolean() ? null : CONTENT_TYPES[r.nextInt(
                CONTENT_TYPES.length)]) : r.nextBoolean() ? "application/json" : "application/json; charset=UTF-8";
        Map<String, String> headers = new LinkedHashMap<>();
        if (r.nextInt(25) == 0) {
            headers.put("X-Padding", HostileJson.SECRET_MARKER + "p".repeat(r.nextInt(20_000)));
        }
        if (r.nextInt(25) == 0) {
            headers.put("Accept", r.nextBoolean() ? "application/xml" : "text/html");
        }
        return new Call(method, path, token(r, path), contentType, body, headers);
    }

    private static String token(Random r, String path) {
        // Most tokens are signed with RS384 (one of the two algorithms every service accepts): signing and verifying
        // together cost about 1.5 ms of CPU, against 2.5 ms for ES256 and 5.8 ms for ES384 (JDK 17, measured for
        // docs/reliability.md), and the signature is real, verified by the service with the issuer's public key.
        // Some are ES384 (the other specified one) and ES256 (accepted by the configuration above). A fresh jti
        // each: the service remembers used ones.
        int alg = r.nextInt(50);
        JWSAlgorithm a = alg == 0 ? JWSAlgorithm.ES384 : alg < 3 ? JWSAlgorithm.ES256 : JWSAlgorithm.RS384;
        TestKeys.Token t = keys.token(CdsHooksServerTest.BASE + path, CdsHooksServerTest.NOW).alg(a);
        t.signer = signers.get(a);
        switch (r.nextInt(40)) {
            case 0 -> {
                return null;
            }
            case 1 -> {
                return "not a token " + HostileJson.SECRET_MARKER;
            }
            case 2 -> t.exp = CdsHooksServerTest.NOW.minusSeconds(600);
            case 3 -> t.audience = CdsHooksServerTest.BASE + "/elsewhere";
            case 4 -> t.iat = CdsHooksServerTest.NOW.plusSeconds(3600);
            case 5 -> t.issuer = "https://unknown.test/" + HostileJson.SECRET_MARKER;
            case 6 -> t.jti = null;
            case 7 -> {
                String s = t.sign();
                return s.substring(0, s.length() - 4) + "AAAA";
            }
            case 8 -> {
                return "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"iss\":\"" + TestKeys.ISSUER_A + "\"}").getBytes(StandardCharsets.UTF_8)) + ".";
            }
            case 9 -> {
                return "x".repeat(10_000 + r.nextInt(30_000));
            }
            default -> {
                // a valid token
            }
        }
        return t.sign();
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    @Label("A hostile call is answered in time with a documented status and a JSON body that quotes no identifier")
    void hostileCall_answeredWithDocumentedStatus(@ForAll("calls") Call call) {
        // sent while the next call is generated (two calls at once on two connections); a failure is raised at a
        // later try or after the last one (awaitAll), naming its call; the counts per outcome are in the run's report
        RUN.submit(() -> send(call), call::toString);
    }

    @AfterProperty
    void awaitTheLastCalls() {
        RUN.awaitAll();
    }

    private String send(Call call) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = call.body() == null || call.method().equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + call.path()))
                .method(call.method(), publisher).timeout(Duration.ofSeconds(30));
        if (call.token() != null) {
            b.header("Authorization", "Bearer " + call.token());
        }
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        call.headers().forEach(b::header);
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Open finding (docs/reliability.md): a call refused before its body is read (401, 413, 415, ...) is
            // answered and the connection closed at once; a large body still in flight then resets the connection
            // and the answer is lost. Counted apart for bodies of 8 KiB or more, and for any body after headers
            // beyond Jetty's 8 KiB limit (431, refused while the headers are read); otherwise it fails.
            int headerBytes = (call.token() == null ? 0 : call.token().length())
                    + call.headers().values().stream().mapToInt(String::length).sum();
            if (call.body() != null && (call.body().length >= UNREAD_BODY || headerBytes >= UNREAD_BODY)
                    && e.getMessage() != null && e.getMessage().contains("received no bytes")) {
                return "connection reset before the answer (refused unread: body or headers of 8 KiB or more)";
            }
            throw e;
        }
        int status = response.statusCode();
        assertThat(status).as("status %d with body %s", status, response.body()).isIn(DOCUMENTED);
        if (call.method().equals("HEAD")) {
            return "HEAD " + status;
        }
        assertThat(response.headers().firstValue("Content-Type")).as("a JSON body for %d", status)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String text = response.body();
        assertThat(text).as("a body").isNotBlank();
        JsonNode body = Requests.MAPPER.readTree(text);
        if (status == 200) {
            assertThat(body.isObject()).isTrue();
            checkSecretOnlyInPatientReferences(body, null);
            return "200 " + (call.path().equals("/cds-services") ? "discovery" : call.path().endsWith("feedback")
                    ? "feedback recorded" : "cards");
        }
        assertThat(body.path("error").asText("")).as("an error line").isNotBlank().hasSizeLessThan(500);
        assertThat(body.path("details").isArray() && !body.path("details").isEmpty()).as("details").isTrue();
        assertThat(text).as("an error never quotes an identifier").hasSizeLessThan(100_000)
                .doesNotContain(HostileJson.SECRET_MARKER).doesNotContain(HostileJson.ID_MARKER);
        return status + " " + (body.path("error").asText().length() > 60 ? body.path("error").asText().substring(0, 60)
                : body.path("error").asText()).replaceAll("[^\\p{Alnum} ,.:()-]", "_").replaceAll("\\d+", "N");
    }

    /** The patient's id may appear in a decision only as the subject reference of its draft resources. */
    private static void checkSecretOnlyInPatientReferences(JsonNode node, String field) {
        if (node.isTextual() && node.textValue().contains(HostileJson.SECRET_MARKER)) {
            assertThat(field).as("the patient's id appears only in a reference: %s", node.textValue())
                    .isEqualTo("reference");
            assertThat(node.textValue()).startsWith("Patient/");
        }
        node.fields().forEachRemaining(e -> checkSecretOnlyInPatientReferences(e.getValue(), e.getKey()));
        if (node.isArray()) {
            node.forEach(e -> checkSecretOnlyInPatientReferences(e, field));
        }
    }

    @AfterContainer
    static void stop() {
        try {
            RUN.writeReport(Path.of(System.getProperty("basedir", "."), "target", "fuzz-cds-hooks.txt"));
            System.out.print(RUN.report());
        } finally {
            RUN.close();
            if (server != null) {
                server.close();
            }
        }
    }
}
