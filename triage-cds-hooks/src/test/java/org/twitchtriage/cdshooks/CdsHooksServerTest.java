package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.twitchtriage.audit.AuditLogVerifier;
import org.twitchtriage.cdshooks.internal.PrefetchTemplates;
import org.twitchtriage.cdshooks.internal.Uuids;

/**
 * The service end to end over real HTTP on the loopback interface: a server on a free port, requests from
 * {@link HttpClient}, tokens signed with keys made in the test, prefetch built from triage-fhir's test bundles. The
 * clock stands still at 2025-11-25 10:00 UTC, the evaluation date of those bundles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdsHooksServerTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    static final String BASE = "https://cds.example.test/twitch";
    static final String SERVICE = "/cds-services/twitch-triage-patient-view";
    static final long BODY_LIMIT = 64 * 1024;

    @TempDir
    static Path dir;
    TestKeys keys;
    CdsHooksServer server;
    HttpClient http;
    Path auditLog;
    ListAppender<ILoggingEvent> logs;

    @BeforeAll
    void start() {
        keys = new TestKeys();
        Path[] jwks = keys.writeJwks(dir);
        auditLog = dir.resolve("audit").resolve("audit.jsonl");
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s/", "maxBodyBytes": %d, "timeZone": "UTC",
                 "issuers": [{"iss": "%s", "jwks": "%s"}, {"iss": "%s", "jwks": "%s"}],
                 "extraAlgorithms": ["RS256", "ES256"],
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(BASE, BODY_LIMIT, TestKeys.ISSUER_A, jwks[0], TestKeys.ISSUER_B, jwks[1], auditLog),
                dir);
        logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.twitchtriage")).setLevel(Level.DEBUG);
        server = CdsHooksServer.builder(config)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared())
                .start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.twitchtriage")).setLevel(Level.WARN);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    String token(String path) {
        return keys.token(BASE + path, NOW).sign();
    }

    String token(String path, Consumer<TestKeys.Token> change) {
        TestKeys.Token t = keys.token(BASE + path, NOW);
        change.accept(t);
        return t.sign();
    }

    HttpResponse<String> post(String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(body);
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return send(r.build());
    }

    HttpResponse<String> post(String path, JsonNode body) {
        return post(path, token(path), "application/json", HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Requests.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the status and the error shape {@code {"error": "...", "details": [...]}}; @return the body */
    static JsonNode assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("error").asText("")).isNotBlank();
        assertThat(body.path("details").isArray()).isTrue();
        assertThat(body.path("details").isEmpty()).isFalse();
        CdsHooksJson.assertNoNullOrEmpty(body, "$");
        return body;
    }

    List<JsonNode> auditLines() {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(auditLog, StandardCharsets.UTF_8)) {
                out.add(Requests.MAPPER.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode card(JsonNode response, String topicCode) {
        for (JsonNode c : response.path("cards")) {
            if (c.path("source").path("topic").path("code").asText().equals(topicCode)) {
                return c;
            }
        }
        throw new AssertionError("no card led by " + topicCode + " in " + response.toPrettyString());
    }

    static List<String> suggestedCodes(JsonNode card) {
        List<String> codes = new ArrayList<>();
        for (JsonNode s : card.path("suggestions")) {
            for (JsonNode coding : s.path("actions").get(0).path("resource").path("code").path("coding")) {
                if (coding.path("system").asText().endsWith("/CodeSystem/finding")) {
                    codes.add(coding.path("code").asText());
                }
            }
        }
        return codes;
    }

    // ---- discovery -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("lists the patient-view service with a prefetch template for everything the rules read")
    void discovery_listsPatientViewWithPrefetch() {
        HttpResponse<String> r = get("/cds-services", token("/cds-services"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        CdsHooksJson.assertValidDiscovery(body);
        JsonNode service = body.path("services").get(0);
        assertThat(service.path("hook").asText()).isEqualTo("patient-view");
        assertThat(service.path("id").asText()).isEqualTo("twitch-triage-patient-view");
        JsonNode prefetch = service.path("prefetch");
        assertThat(prefetch.path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(prefetch.path("conditions").asText()).startsWith("Condition?patient={{context.patientId}}");
        assertThat(prefetch.path("latest-magnesium").asText()).contains("http://loinc.org|2601-3",
                "http://loinc.org|19123-9", "_sort=-date", "_count=1");
        assertThat(prefetch.path("latest-sodium").asText()).contains("http://loinc.org|2951-2", "_count=1");
        assertThat(prefetch.path("latest-potassium").asText()).contains("http://loinc.org|2823-3", "_count=1");
        assertThat(prefetch.path("latest-calcium").asText()).contains("http://loinc.org|17861-6", "_count=1");
        assertThat(prefetch.path("pregnancy").asText()).contains("http://loinc.org|82810-3", "_count=1");
        assertThat(prefetch.path("findings").asText()).contains("http://snomed.info/sct|44695005");
    }

    @Test
    @DisplayName("needs a token whose aud is the discovery URL")
    void discovery_withoutToken_is401() {
        HttpResponse<String> r = get("/cds-services", null);

        assertError(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
        assertError(get("/cds-services", token(SERVICE)), 401);
    }

    // ---- cards -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("increasing whole-body twitching with paralysis: critical neurologist card with EMG and ENG")
    void wholeBodyWithParalysis_criticalNeurologistCardWithEmgEng() {
        HttpResponse<String> r = post(SERVICE, Requests.fromBundle("whole-body-increasing-paralysis.json"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        CdsHooksJson.assertValidCardsResponse(body);
        JsonNode neuro = card(body, "SEE_NEUROLOGIST");
        assertThat(neuro.path("indicator").asText()).isEqualTo("critical");
        assertThat(neuro.path("summary").asText()).startsWith("Refer to a neurologist without delay")
                .contains("paralysis");
        assertThat(neuro.path("selectionBehavior").asText()).isEqualTo("any");
        assertThat(suggestedCodes(neuro)).containsExactly("SEE_NEUROLOGIST", "ENG", "EMG");
        for (JsonNode s : neuro.path("suggestions")) {
            JsonNode sr = s.path("actions").get(0).path("resource");
            assertThat(sr.path("resourceType").asText()).isEqualTo("ServiceRequest");
            assertThat(sr.path("status").asText()).isEqualTo("draft");
            assertThat(sr.path("intent").asText()).isEqualTo("proposal");
            assertThat(sr.path("priority").asText()).isEqualTo("asap");
            assertThat(sr.path("subject").path("reference").asText()).isEqualTo("Patient/pseudo-body-02");
            assertThat(sr.path("reasonReference").get(0).path("reference").asText())
                    .isEqualTo("Condition/body-twitch");
            assertThat(s.path("actions").get(0).path("type").asText()).isEqualTo("create");
        }
        assertThat(neuro.path("detail").asText()).contains("muscle-twitching#DX-3", "muscle-twitching#BODY-4",
                "Twitching with paralysis or weakness", "Electromyography");

        JsonNode doctor = card(body, "SEE_DOCTOR");
        assertThat(doctor.path("indicator").asText()).isEqualTo("critical");
        assertThat(suggestedCodes(doctor)).containsExactly("SEE_DOCTOR", "HISTORY", "PHYSICAL_EXAMINATION");
        assertThat(doctor.path("detail").asText()).contains("Twitching that increases");
        JsonNode causes = card(body, "ALS");
        assertThat(causes.path("indicator").asText()).isEqualTo("info");
        assertThat(causes.path("summary").asText()).startsWith("Possible causes to consider: ");
        assertThat(causes.has("suggestions")).isFalse();
        assertThat(body.path("cards")).hasSize(3);
        assertThat(body.path("cards").get(2).path("indicator").asText()).isEqualTo("info");
    }

    @Test
    @DisplayName("card uuids derive from the audited decision id and the leading finding")
    void cardUuids_deriveFromDecisionIdAndFinding() {
        JsonNode body = json(post(SERVICE, Requests.fromBundle("whole-body-increasing-paralysis.json")));

        List<JsonNode> lines = auditLines();
        JsonNode record = lines.get(lines.size() - 1);
        assertThat(record.path("outcome").asText()).isEqualTo("DECIDED");
        String decisionId = record.path("decisionId").asText();
        assertThat(card(body, "SEE_NEUROLOGIST").path("uuid").asText())
                .isEqualTo(Uuids.card(decisionId, "SEE_NEUROLOGIST"));
        assertThat(card(body, "SEE_DOCTOR").path("uuid").asText())
                .isEqualTo(Uuids.card(decisionId, "SEE_DOCTOR"));
    }

    @Test
    @DisplayName("pregnant woman with calf twitching: information on magnesium, nothing urgent")
    void pregnantCalf_infoCardOnMagnesium() {
        HttpResponse<String> r = post(SERVICE, Requests.fromBundle("pregnant-calf.json"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        CdsHooksJson.assertValidCardsResponse(body);
        JsonNode magnesium = card(body, "MAGNESIUM_DEFICIENCY");
        assertThat(magnesium.path("indicator").asText()).isEqualTo("info");
        assertThat(magnesium.path("summary").asText())
                .isEqualTo("Possible causes to consider: Magnesium deficiency; Disturbed electrolyte balance");
        assertThat(magnesium.path("detail").asText()).contains("muscle-twitching#PREG-2",
                "muscle-twitching#CALF-8", "Pregnancy increases the need for magnesium");
        JsonNode advice = card(body, "DIETARY_MAGNESIUM");
        assertThat(advice.path("summary").asText()).startsWith("Advice for the patient: ")
                .contains("Magnesium tablets");
        assertThat(body.path("cards")).hasSize(2).allSatisfy(c -> {
            assertThat(c.path("indicator").asText()).isEqualTo("info");
            assertThat(c.has("suggestions")).isFalse();
        });
    }

    @Test
    @DisplayName("a patient without recorded twitching gets no guidance and no audit record")
    void noTwitch_noCards() {
        ObjectNode prefetch = Requests.prefetchFromBundle("pregnant-calf.json");
        prefetch.putNull(PrefetchTemplates.CONDITIONS);
        int before = auditLines().size();

        HttpResponse<String> r = post(SERVICE, Requests.request("pseudo-calf-01", prefetch));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"cards\":[]}");
        assertThat(auditLines()).hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "RS384", "ES256", "ES384"})
    @DisplayName("tokens signed with RS384 and ES384, and RS256 and ES256 as configured, are accepted")
    void everyAcceptedAlgorithm_works(String alg) {
        String t = token("/cds-services", tok -> tok.alg(JWSAlgorithm.parse(alg)));

        assertThat(get("/cds-services", t).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a second trusted issuer is checked against its own keys")
    void secondIssuer_works() {
        String t = token("/cds-services", tok -> {
            tok.issuer = TestKeys.ISSUER_B;
            tok.kid = TestKeys.B_KID;
        });

        assertThat(get("/cds-services", t).statusCode()).isEqualTo(200);
    }

    // ---- refused tokens --------------------------------------------------------------------------------------

    Stream<Arguments> badTokens() throws JOSEException {
        var stranger = new ECKeyGenerator(Curve.P_384).keyID(TestKeys.EC384_KID).generate();
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("wrong signature", token(SERVICE, t -> t.signer = signer(stranger))),
                Arguments.of("untrusted issuer", token(SERVICE, t -> t.issuer = "https://evil.test")),
                Arguments.of("issuer B's kid under issuer A", token(SERVICE, t -> {
                    t.kid = TestKeys.B_KID;
                    t.signer = signer(keys.issuerB);
                })),
                Arguments.of("expired", token(SERVICE, t -> {
                    t.iat = NOW.minusSeconds(300);
                    t.exp = NOW.minusSeconds(60);
                })),
                Arguments.of("aud of another endpoint", token("/cds-services")),
                Arguments.of("aud of another service base", token(SERVICE, t -> t.audience =
                        "https://other.example.test" + SERVICE)),
                Arguments.of("no aud", token(SERVICE, t -> t.audience = null)),
                Arguments.of("no exp", token(SERVICE, t -> t.exp = null)),
                Arguments.of("no iat", token(SERVICE, t -> t.iat = null)),
                Arguments.of("iat in the future", token(SERVICE, t -> {
                    t.iat = NOW.plusSeconds(120);
                    t.exp = NOW.plusSeconds(200);
                })),
                Arguments.of("lives too long", token(SERVICE, t -> t.exp = NOW.plusSeconds(3600))),
                Arguments.of("no jti", token(SERVICE, t -> t.jti = null)),
                Arguments.of("no kid", token(SERVICE, t -> t.kid = null)),
                Arguments.of("typ not JWT", token(SERVICE, t -> t.typ = new JOSEObjectType("at+jwt"))),
                Arguments.of("no typ", token(SERVICE, t -> t.typ = null)),
                Arguments.of("HMAC (HS256)", token(SERVICE, t -> t.alg = JWSAlgorithm.HS256)),
                Arguments.of("ES384 naming the P-256 key", token(SERVICE, t -> t.kid = TestKeys.EC256_KID)),
                Arguments.of("RS256 naming an EC key", token(SERVICE, t -> {
                    t.alg = JWSAlgorithm.RS256;
                    t.kid = TestKeys.EC384_KID;
                })),
                Arguments.of("not a JWT", "not-a-jwt"),
                Arguments.of("unsigned (alg none)", "eyJhbGciOiJub25lIn0."
                        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\""
                        + TestKeys.ISSUER_A + "\",\"aud\":\"" + BASE + SERVICE + "\"}")
                        .getBytes(StandardCharsets.UTF_8)) + "."));
    }

    private static ECDSASigner signer(com.nimbusds.jose.jwk.ECKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    @DisplayName("a call with a missing or invalid token is refused with 401 and a Bearer challenge")
    void badToken_is401(String why, String token) {
        HttpResponse<String> r = post(SERVICE, token, "application/json",
                HttpRequest.BodyPublishers.ofString(Requests.fromBundle("pregnant-calf.json").toString()));

        JsonNode body = assertError(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer realm="));
        assertThat(body.path("details").get(0).asText()).isNotBlank();
    }

    @Test
    @DisplayName("a token is accepted once: the same jti again is refused")
    void reusedToken_is401() {
        String once = token(SERVICE);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(
                Requests.fromBundle("pregnant-calf.json").toString());

        assertThat(post(SERVICE, once, "application/json", body).statusCode()).isEqualTo(200);
        JsonNode second = assertError(post(SERVICE, once, "application/json", body), 401);
        assertThat(second.path("details").get(0).asText()).contains("used before");
    }

    @Test
    @DisplayName("a token's jti counts per issuer: the same jti from another issuer is a different token")
    void sameJtiOtherIssuer_isAccepted() {
        String jti = "shared-" + java.util.UUID.randomUUID();
        String a = token("/cds-services", t -> t.jti = jti);
        String b = token("/cds-services", t -> {
            t.jti = jti;
            t.issuer = TestKeys.ISSUER_B;
            t.kid = TestKeys.B_KID;
        });

        assertThat(get("/cds-services", a).statusCode()).isEqualTo(200);
        assertThat(get("/cds-services", b).statusCode()).isEqualTo(200);
    }

    // ---- refused requests ------------------------------------------------------------------------------------

    @Test
    @DisplayName("malformed JSON is a bad request naming where it broke")
    void malformedJson_is400() {
        JsonNode body = assertError(post(SERVICE, token(SERVICE), "application/json",
                HttpRequest.BodyPublishers.ofString("{\"hook\": \"patient-view\", ")), 400);

        assertThat(body.path("details").get(0).asText()).contains("line 1");
    }

    @Test
    @DisplayName("a request without hook, hookInstance or patientId is a bad request naming each")
    void incompleteRequest_is400() {
        ObjectNode req = Requests.MAPPER.createObjectNode().put("hook", "order-sign");
        req.putObject("context");

        JsonNode body = assertError(post(SERVICE, req), 400);

        assertThat(body.path("details").toString()).contains("not order-sign", "hookInstance",
                "context.patientId");
    }

    @Test
    @DisplayName("duplicate keys in the body are refused: two readers must not see different values")
    void duplicateKeys_is400() {
        assertError(post(SERVICE, token(SERVICE), "application/json",
                HttpRequest.BodyPublishers.ofString("{\"hook\":\"patient-view\",\"hook\":\"order-sign\"}")), 400);
    }

    @Test
    @DisplayName("a missing prefetch key is 412 Precondition Failed naming the key")
    void missingPrefetchKey_is412() {
        ObjectNode prefetch = Requests.prefetchFromBundle("whole-body-increasing-paralysis.json");
        prefetch.remove(PrefetchTemplates.analyteKey("MAGNESIUM"));
        int before = auditLines().size();

        JsonNode body = assertError(post(SERVICE, Requests.request("pseudo-body-02", prefetch)), 412);

        assertThat(body.path("details")).hasSize(1);
        assertThat(body.path("details").get(0).asText()).contains("'latest-magnesium' is missing");
        assertThat(auditLines()).as("nothing was decided, nothing audited").hasSize(before);
    }

    @Test
    @DisplayName("no prefetch at all is 412 naming every key")
    void noPrefetch_is412() {
        JsonNode body = assertError(post(SERVICE, Requests.request("pseudo-body-02", null)), 412);

        assertThat(body.path("details")).hasSize(new PrefetchTemplates(
                org.twitchtriage.fhir.TriageConceptMap.defaults()).asMap().size()).allSatisfy(d -> assertThat(
                d.asText()).contains("the request gives no fhirAuthorization to fetch it with"));
    }

    @Test
    @DisplayName("a search result with a next page is incomplete: 412")
    void pagedPrefetch_is412() {
        ObjectNode prefetch = Requests.prefetchFromBundle("whole-body-increasing-paralysis.json");
        ((ObjectNode) prefetch.get(PrefetchTemplates.CONDITIONS)).putArray("link").addObject()
                .put("relation", "next").put("url", "https://ehr.example.test/fhir/Condition?page=2");

        JsonNode body = assertError(post(SERVICE, Requests.request("pseudo-body-02", prefetch)), 412);

        assertThat(body.path("details").get(0).asText()).contains("'conditions'", "next");
    }

    @Test
    @DisplayName("a prefetched Patient that is not the patient in context is a bad request")
    void otherPatient_is400() {
        ObjectNode prefetch = Requests.prefetchFromBundle("whole-body-increasing-paralysis.json");

        JsonNode body = assertError(post(SERVICE, Requests.request("someone-else", prefetch)), 400);

        assertThat(body.path("details").get(0).asText()).contains("context.patientId");
        assertThat(body.toString()).doesNotContain("pseudo-body-02");
    }

    @Test
    @DisplayName("FHIR content that cannot be mapped (a patient without birth date) is 422 with the OperationOutcome")
    void unmappableFhir_is422WithOperationOutcome() {
        int before = auditLines().size();
        ObjectNode prefetch = Requests.prefetchFromBundle("unmappable-code.json");
        ((ObjectNode) prefetch.path(PrefetchTemplates.PATIENT)).remove("birthDate");

        JsonNode body = assertError(post(SERVICE, Requests.request("pseudo-bad-03", prefetch)), 422);

        assertThat(body.path("operationOutcome").path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(body.path("details").toString()).contains("birth date");
        assertThat(auditLines()).hasSize(before);
    }

    // ---- partial data (issue 12) -----------------------------------------------------------------------------

    @Test
    @DisplayName("the paralysis demo without the course extension: still the critical card, and a card on the unread")
    void paralysisWithoutCourse_stillCritical() {
        ObjectNode request = Requests.fromBundle("whole-body-increasing-paralysis.json");
        for (JsonNode e : request.path("prefetch").path(PrefetchTemplates.CONDITIONS).path("entry")) {
            JsonNode extensions = e.path("resource").path("extension");
            if (extensions.isArray()) {
                java.util.Iterator<JsonNode> it = extensions.iterator();
                while (it.hasNext()) {
                    if (it.next().path("url").asText().endsWith("/twitch-course")) {
                        it.remove();
                    }
                }
            }
        }
        assertThat(request.toString()).doesNotContain("twitch-course");

        HttpResponse<String> r = post(SERVICE, request);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        CdsHooksJson.assertValidCardsResponse(body);
        assertThat(card(body, "SEE_NEUROLOGIST").path("indicator").asText()).isEqualTo("critical");
        assertThat(body.path("cards").get(0).path("indicator").asText()).isEqualTo("critical");
        JsonNode notRead = notReadCard(body);
        assertThat(notRead.path("indicator").asText()).isEqualTo("info");
        assertThat(notRead.path("summary").asText()).isEqualTo(
                "Part of the record could not be read; the guidance is based on the rest");
        assertThat(notRead.path("detail").asText()).contains("how a twitch has developed (course)",
                "read as not improving").doesNotContain("pseudo-body-02", "body-twitch", "231877006");
        assertThat(body.toString()).contains("Course of the twitching unknown");
    }

    @Test
    @DisplayName("a twitch recorded in words only: not an empty answer, an info card saying it could not be read")
    void textOnlyTwitch_infoCardNotEmpty() {
        ObjectNode prefetch = Requests.prefetchFromBundle("pregnant-calf.json");
        for (JsonNode e : prefetch.path(PrefetchTemplates.CONDITIONS).path("entry")) {
            ObjectNode resource = (ObjectNode) e.path("resource");
            if (resource.path("bodySite").isArray()) {
                resource.putObject("code").put("text", "twitching calf muscle");
            }
        }
        int before = auditLines().size();

        HttpResponse<String> r = post(SERVICE, Requests.request("pseudo-calf-01", prefetch));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        CdsHooksJson.assertValidCardsResponse(body);
        assertThat(body.path("cards")).hasSize(1);
        JsonNode notRead = notReadCard(body);
        assertThat(notRead.path("indicator").asText()).isEqualTo("info");
        assertThat(notRead.path("summary").asText()).contains("could not be read");
        assertThat(notRead.path("detail").asText()).contains("not the same as no twitching")
                .doesNotContain("twitching calf muscle", "pseudo-calf-01");
        assertThat(auditLines()).as("nothing was decided").hasSize(before);
    }

    /** @return the card about what could not be read: the one without a topic */
    static JsonNode notReadCard(JsonNode response) {
        for (JsonNode c : response.path("cards")) {
            if (!c.path("source").has("topic")) {
                return c;
            }
        }
        throw new AssertionError("no card on what could not be read in " + response.toPrettyString());
    }

    @Test
    @DisplayName("an unknown service id is 404")
    void unknownService_is404() {
        String path = "/cds-services/no-such-service";
        assertError(post(path, Requests.fromBundle("pregnant-calf.json")), 404);
        assertError(post(path + "/feedback", Requests.MAPPER.createObjectNode()), 404);
    }

    @Test
    @DisplayName("an unknown path is 404 and a wrong method 405, both as JSON")
    void unknownPathAndMethod_areJson() {
        assertError(get("/nothing-here", null), 404);
        assertError(get(SERVICE, token(SERVICE)), 405);
    }

    @Test
    @DisplayName("a body over the limit is 413, whether its length is declared or it is streamed")
    void oversizedBody_is413() {
        byte[] big = ("{\"pad\":\"" + "x".repeat((int) BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertError(post(SERVICE, token(SERVICE), "application/json", HttpRequest.BodyPublishers.ofByteArray(big)),
                413);
        assertError(post(SERVICE, token(SERVICE), "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))), 413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "1e999999999", "-1e-9999999"})
    @DisplayName("a lab value with an extreme exponent is answered quickly with a short JSON error naming the value")
    void extremeLabValue_isShortJsonError(String value) {
        String body = Requests.fromBundle("pregnant-calf.json").toString();
        assertThat(body).contains("\"value\":0.62");
        String hostile = body.replace("\"value\":0.62", "\"value\":" + value);

        HttpResponse<String> r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> post(SERVICE, token(SERVICE), "application/json",
                        HttpRequest.BodyPublishers.ofString(hostile)));

        assertThat(r.statusCode()).as(r.body()).isIn(400, 422);
        assertError(r, r.statusCode());
        assertThat(r.body()).contains("valueQuantity.value").hasSizeLessThan(10_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("Jackson's bounds (number length, nesting, name length) are 400 with a JSON body, never 500")
    void streamConstraints_are400(int which) {
        String body = switch (which) {
            case 0 -> "{\"hook\": 1" + "0".repeat(1_000) + "}";
            case 1 -> "[".repeat(2_000) + "]".repeat(2_000);
            default -> "{\"" + "n".repeat(5_000) + "\": 1}";
        };

        assertError(post(SERVICE, token(SERVICE), "application/json", HttpRequest.BodyPublishers.ofString(body)),
                400);
    }

    @Test
    @DisplayName("oversized request headers are 431 with a JSON body, not Jetty's HTML page")
    void oversizedHeaders_are431Json() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SERVICE))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("X-Padding", "p".repeat(64 * 1024))
                .build();

        assertError(send(request), 431);
    }

    @Test
    @DisplayName("a body that is not declared as JSON is 415")
    void wrongContentType_is415() {
        String body = Requests.fromBundle("pregnant-calf.json").toString();

        assertError(post(SERVICE, token(SERVICE), "text/plain", HttpRequest.BodyPublishers.ofString(body)), 415);
        assertError(post(SERVICE, token(SERVICE), null, HttpRequest.BodyPublishers.ofString(body)), 415);
        assertThat(post(SERVICE, token(SERVICE), "application/json; charset=utf-8",
                HttpRequest.BodyPublishers.ofString(body)).statusCode()).isEqualTo(200);
    }

    // ---- feedback --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("accepted and overridden cards are recorded in the audit log, which still verifies")
    void feedback_isAuditedAndTheLogVerifies() {
        JsonNode cards = json(post(SERVICE, Requests.fromBundle("whole-body-increasing-paralysis.json")));
        JsonNode neuro = card(cards, "SEE_NEUROLOGIST");
        JsonNode causes = card(cards, "ALS");
        String decisionId = auditLines().get(auditLines().size() - 1).path("decisionId").asText();
        ObjectNode feedback = Requests.MAPPER.createObjectNode();
        ObjectNode accepted = feedback.putArray("feedback").addObject();
        accepted.put("card", neuro.path("uuid").asText());
        accepted.put("outcome", "accepted");
        accepted.putArray("acceptedSuggestions").addObject()
                .put("id", neuro.path("suggestions").get(2).path("uuid").asText());
        accepted.put("outcomeTimestamp", "2025-11-25T10:02:00Z");
        ObjectNode overridden = ((com.fasterxml.jackson.databind.node.ArrayNode) feedback.get("feedback"))
                .addObject();
        overridden.put("card", causes.path("uuid").asText());
        overridden.put("outcome", "overridden");
        ObjectNode reason = overridden.putObject("overrideReason");
        reason.set("reason", causes.path("overrideReasons").get(0));
        reason.put("userComment", "Seen by Dr Example yesterday, pseudo-body-02 already referred");
        overridden.put("outcomeTimestamp", "2025-11-25T10:03:00Z");

        HttpResponse<String> r = post(SERVICE + "/feedback", feedback);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("recorded").asInt()).isEqualTo(2);
        List<JsonNode> lines = auditLines();
        JsonNode acceptedLine = lines.get(lines.size() - 2);
        JsonNode overriddenLine = lines.get(lines.size() - 1);
        assertThat(acceptedLine.path("recordType").asText()).isEqualTo("FEEDBACK");
        assertThat(acceptedLine.path("feedbackOutcome").asText()).isEqualTo("ACCEPTED");
        assertThat(acceptedLine.path("decisionId").asText()).isEqualTo(decisionId);
        assertThat(acceptedLine.path("findingCodes").toString()).contains("SEE_NEUROLOGIST", "EMG");
        assertThat(acceptedLine.path("acceptedSuggestions").get(0).asText())
                .isEqualTo(Uuids.suggestion(decisionId, "EMG"));
        assertThat(acceptedLine.path("time").asText()).isEqualTo(NOW.toString());
        assertThat(overriddenLine.path("feedbackOutcome").asText()).isEqualTo("OVERRIDDEN");
        assertThat(overriddenLine.path("overrideReason").path("code").asText()).isEqualTo("already-addressed");
        assertThat(overriddenLine.path("userCommented").asBoolean()).isTrue();
        assertThat(AuditLogVerifier.verify(auditLog).valid()).isTrue();
        String log;
        try {
            log = Files.readString(auditLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(log).doesNotContain("Dr Example", "pseudo-body-02", "pseudo-calf-01");
    }

    @Test
    @DisplayName("invalid feedback is refused whole with every problem named, and nothing is recorded")
    void invalidFeedback_is400AndNothingRecorded() {
        ObjectNode feedback = Requests.MAPPER.createObjectNode();
        var items = feedback.putArray("feedback");
        items.addObject().put("card", java.util.UUID.randomUUID().toString()).put("outcome", "overridden")
                .put("outcomeTimestamp", "2025-11-25T10:03:00Z");
        items.addObject().put("card", "not-a-uuid").put("outcome", "accepted")
                .put("outcomeTimestamp", "yesterday");
        int before = auditLines().size();

        JsonNode body = assertError(post(SERVICE + "/feedback", feedback), 400);

        assertThat(body.path("details").toString()).contains("feedback[1].card", "feedback[1].outcomeTimestamp",
                "feedback[1].acceptedSuggestions");
        assertThat(auditLines()).hasSize(before);
    }

    @Test
    @DisplayName("no log line names a patient, and no token appears in a log line")
    void logs_neverNamePatientsOrTokens() {
        String t = token(SERVICE);
        post(SERVICE, t, "application/json", HttpRequest.BodyPublishers.ofString(
                Requests.fromBundle("whole-body-increasing-paralysis.json").toString()));
        post(SERVICE, Requests.fromBundle("pregnant-calf.json"));
        post(SERVICE, Requests.fromBundle("unmappable-code.json"));

        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("pseudo-body-02", "pseudo-calf-01", "pseudo-", t));
    }
}
