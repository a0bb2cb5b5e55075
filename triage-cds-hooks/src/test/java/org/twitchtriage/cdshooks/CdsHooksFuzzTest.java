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
import java.net.http.HttpTimeoutException;
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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
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
 * {@code Patient/} reference of its draft resources. A connection that fails before the answer fails the run too,
 * unless the call explains it ({@link #resetReason}: a body beyond what the service reads); such calls are counted
 * by their reason.
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
    /** Jetty's bound on the request line and headers ({@code HttpConfiguration.requestHeaderSize}). */
    private static final int JETTY_HEADER_LIMIT = 8 * 1024;
    /** Headers the JDK client adds (Host, User-Agent, Content-Length) and line ends: an estimate. */
    private static final int JDK_CLIENT_HEADERS = 110;
    /** How far the estimate of the header bytes may be off. */
    private static final int HEADER_SLACK = 256;
    /** What the service reads and discards at most of a body it does not use: twice maxBodyBytes. */
    private static final long DRAIN_BUDGET = 2 * CdsHooksServerTest.BODY_LIMIT;
    /** The system property naming the seed of one call to replay alone. */
    static final String REPLAY = "twitchtriage.fuzz.cds.replay";
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
        // a timeout says whether the service stopped reading, the client did not read its answer, or the service
        // closed a connection the client still waits on
        int port = server.port();
        RUN.onTimeout(() -> LoopbackSockets.describe(port));
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
    record Call(long seed, String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        @Override
        public String toString() {
            return "call " + seed + ": " + method + " " + path + " token "
                    + (token == null ? "none" : token.length() + " chars") + ", Content-Type " + contentType + ", headers " + headers.keySet() + ", body "
                    + (body == null ? "none" : HostileJson.describe(body));
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        // each call from a seed of its own, named in its description, so that one call can be replayed alone
        return Arbitraries.randomValue(r -> call(r.nextLong()));
    }

    private Call call(long seed) {
        Random r = new Random(seed);
        int target = r.nextInt(20);
        String path = target < 2 ? "/cds-services" : target < 15 ? SERVICE : target < 19 ? SERVICE + "/feedback"
                : List.of("/cds-services/other", "/", "/cds-services/unknown-service",
                        SERVICE + "/feedback/x", "/cds-services/%2e%2e/x").get(r.nextInt(5));
        boolean discovery = path.equals("/cds-services");
        String method = r.nextInt(12) == 0 ? METHODS[r.nextInt(METHODS.length)] : discovery ? "GET" : "POST";
        // every kind of call may carry a body, refused ones too (the service reads what it refuses, bounded); a
        // discovery call mostly has none, as an EHR sends it
        byte[] body = discovery && r.nextInt(4) != 0 ? null : hooks.document(r);
        String contentType = r.nextInt(10) == 0 ? (r.nextBoolean() ? null : CONTENT_TYPES[r.nextInt(
                CONTENT_TYPES.length)]) : r.nextBoolean() ? "application/json" : "application/json; charset=UTF-8";
        Map<String, String> headers = new LinkedHashMap<>();
        if (r.nextInt(25) == 0) {
            headers.put("X-Padding", HostileJson.SECRET_MARKER + "p".repeat(r.nextInt(20_000)));
        }
        if (r.nextInt(25) == 0) {
            headers.put("Accept", r.nextBoolean() ? "application/xml" : "text/html");
        }
        return new Call(seed, method, path, token(r, path), contentType, body, headers);
    }

    /** @return the bytes of the request line and headers as the JDK client sends them (within a few bytes) */
    static int headerBytes(Call call) {
        int n = call.method().length() + call.path().length() + 12 + JDK_CLIENT_HEADERS;
        if (call.token() != null) {
            n += "Authorization: Bearer \r\n".length() + call.token().length();
        }
        if (call.contentType() != null) {
            n += "Content-Type: \r\n".length() + call.contentType().length();
        }
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            n += h.getKey().length() + h.getValue().length() + 4;
        }
        return n;
    }

    /**
     * Why this call may be reset before its answer reaches a client that reads the answer only once it has sent the
     * whole request (the JDK 17 client), or null when nothing about the call explains a reset and it must fail. The
     * service reads and discards what it does not use, at most twice {@code maxBodyBytes} (docs/reliability.md):
     * <ul>
     *   <li>a body larger than that is not read to its end, and closing the connection under it resets it;</li>
     *   <li>headers beyond Jetty's limit (431) leave the body's framing unknown: the service reads raw bytes, up to
     *       the same bound, so headers and body together must exceed it.</li>
     * </ul>
     */
    static String resetReason(Call call) {
        long body = call.body() == null || call.method().equals("HEAD") ? 0 : call.body().length;
        if (body > DRAIN_BUDGET) {
            return "body over twice maxBodyBytes";
        }
        int head = headerBytes(call);
        if (head > JETTY_HEADER_LIMIT - HEADER_SLACK && head + body > DRAIN_BUDGET) {
            return "headers over Jetty's limit, headers and body over twice maxBodyBytes";
        }
        return null;
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

    @Example
    @AddLifecycleHook(WhenReplaying.class)
    @Label("Replay: the call of -Dtwitchtriage.fuzz.cds.replay=SEED (the seed a failure names), sent alone")
    void replayOneCall() {
        Call call = call(Long.parseLong(System.getProperty(REPLAY)));
        System.out.println("replaying " + call);
        long started = System.nanoTime();
        String outcome = RUN.run(() -> send(call), call::toString);
        System.out.printf("replayed: %s in %.1f ms%n", outcome, (System.nanoTime() - started) / 1e6);
    }

    /** Runs the replay only when a call's seed is given; skipped otherwise. */
    public static final class WhenReplaying implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return System.getProperty(REPLAY) == null ? SkipResult.skip("no -D" + REPLAY + "=SEED given")
                    : SkipResult.doNotSkip();
        }
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
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // the connection failed before the answer: allowed only where the call itself explains it (a body
            // beyond what the service reads); any other one is a fault of the service and fails the run
            String reason = resetReason(call);
            if (reason == null) {
                throw new IOException("connection failed before the answer, and nothing about the call explains it "
                        + "(body " + (call.body() == null ? 0 : call.body().length) + " bytes, headers about "
                        + headerBytes(call) + " bytes): " + e, e);
            }
            return "connection reset before the answer: " + reason;
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
