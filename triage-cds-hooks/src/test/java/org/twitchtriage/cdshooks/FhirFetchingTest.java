package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twitchtriage.cdshooks.internal.PrefetchTemplates;

/**
 * Fetching what the prefetch lacks, end to end: the CDS service on loopback calls a real FHIR server (HAPI's
 * {@link ca.uhn.fhir.rest.server.RestfulServer}, {@link FhirTestServer}) on loopback that serves the triage-fhir test
 * patients, checks the bearer token and pages its search results (3 per page). Each test compares the cards with those
 * the same patient gets from a complete prefetch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirFetchingTest {
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");
    static final String BASE = "https://cds.example.test";
    static final String SERVICE = "/cds-services/twitch-triage-patient-view";
    static final String PARALYSIS = "whole-body-increasing-paralysis.json";
    static final String PARALYSIS_ID = "pseudo-body-02";
    static final String CALF = "pregnant-calf.json";

    @TempDir
    static Path dir;
    TestKeys keys;
    FhirTestServer fhir;
    CdsHooksServer server;
    HttpClient http;
    ListAppender<ILoggingEvent> logs;

    @BeforeAll
    void start() throws Exception {
        fhir = new FhirTestServer(3);
        for (String bundle : List.of(PARALYSIS, CALF)) {
            fhir.add(resources(Requests.prefetchFromBundle(bundle)).toArray(Resource[]::new));
        }
        // unrelated active problems, as a real chart has them: the condition search then spans several pages
        for (int i = 0; i < 7; i++) {
            org.hl7.fhir.r4.model.Condition c = new org.hl7.fhir.r4.model.Condition()
                    .setSubject(new Reference("Patient/" + PARALYSIS_ID));
            c.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                    .setCode("active");
            c.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("38341003");
            c.setId("other-problem-" + i);
            fhir.add(c);
        }
        keys = new TestKeys();
        Path[] jwks = keys.writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s", "timeZone": "UTC",
                 "issuers": [{"iss": "%s", "jwks": "%s", "fhirServers": ["%s"]},
                             {"iss": "%s", "jwks": "%s"}],
                 "fetch": {"timeoutMillis": 10000, "maxPages": 5},
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(BASE, TestKeys.ISSUER_A, jwks[0], fhir.base(), TestKeys.ISSUER_B, jwks[1],
                dir.resolve("audit.jsonl")), dir);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        server = CdsHooksServer.builder(config).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared()).start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        fhir.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @BeforeEach
    void forget() {
        fhir.requests.clear();
        fhir.authorizations.clear();
    }

    // ---- the issue's rows ------------------------------------------------------------------------------------

    @Test
    @DisplayName("no prefetch, fhirServer and fhirAuthorization given: everything is fetched with the token, and "
            + "the paralysis patient gets the same critical cards as with a full prefetch")
    void noPrefetch_withFhirServer_fetchesEverythingWithTheToken() {
        JsonNode expected = ok(call(Requests.fromBundle(PARALYSIS)));

        JsonNode fetched = ok(call(withAccess(Requests.request(PARALYSIS_ID, null), FhirTestServer.TOKEN)));

        assertThat(gist(fetched)).isEqualTo(gist(expected)).anySatisfy(c -> assertThat(c).startsWith("critical"));
        assertThat(fhir.requests).as("one call per template, plus the pages of multi-page results")
                .hasSizeGreaterThanOrEqualTo(new PrefetchTemplates(
                        org.twitchtriage.fhir.TriageConceptMap.defaults()).asMap().size());
        assertThat(fhir.authorizations).containsOnly("Bearer " + FhirTestServer.TOKEN);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains(FhirTestServer.TOKEN)).noneMatch(m -> m.contains(PARALYSIS_ID));
    }

    @Test
    @DisplayName("a missing prefetch key alone is fetched; the keys that were sent are not asked for again")
    void oneMissingKey_isFetchedAlone() {
        ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        ((ObjectNode) request.get("prefetch")).remove(PrefetchTemplates.CONDITIONS);

        assertThat(gist(ok(call(request)))).isEqualTo(gist(ok(call(Requests.fromBundle(PARALYSIS)))));
        assertThat(fhir.requests).allMatch(r -> r.contains("/fhir/Condition") || r.contains("_getpages"))
                .isNotEmpty();
    }

    @Test
    @DisplayName("fetching fails (the FHIR server refuses the token): 412 naming the key and the HTTP status, "
            + "without the token")
    void fetchFails_is412() {
        ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), "a-wrong-token");
        ((ObjectNode) request.get("prefetch")).remove(PrefetchTemplates.CONDITIONS);

        HttpResponse<String> r = call(request);

        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.body()).contains("'conditions' is missing", "HTTP 401").doesNotContain("a-wrong-token");
        assertThat(fhir.authorizations).containsOnly("Bearer a-wrong-token");
    }

    @Test
    @DisplayName("fhirServer not configured for the token's issuer: nothing is fetched, 412 says why")
    void unlistedFhirServer_isNotCalled() {
        ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        request.put("fhirServer", "https://elsewhere.example.test/fhir");
        ((ObjectNode) request.get("prefetch")).remove(PrefetchTemplates.CONDITIONS);

        HttpResponse<String> r = call(request);

        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.body()).contains("not a FHIR server this service is configured to fetch from");
        assertThat(fhir.requests).isEmpty();
    }

    @Test
    @DisplayName("a paginated prefetch (searchset with a next link) is completed by fetching, following the "
            + "server's next links page by page")
    void paginatedPrefetch_isCompletedByFollowingNextLinks() {
        ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        ObjectNode conditions = (ObjectNode) request.get("prefetch").get(PrefetchTemplates.CONDITIONS);
        conditions.putArray("link").addObject().put("relation", "next")
                .put("url", fhir.base() + "?_getpages=made-up");

        JsonNode body = ok(call(request));

        assertThat(gist(body)).isEqualTo(gist(ok(call(Requests.fromBundle(PARALYSIS)))));
        assertThat(fhir.requests).anyMatch(r -> r.contains("/fhir/Condition"))
                .as("the server's own next links were followed").anyMatch(r -> r.contains("_getpages="));
    }

    @Test
    @DisplayName("a paginated prefetch without fhirServer is 412: deciding on the first page could miss a "
            + "warning sign")
    void paginatedPrefetch_withoutFhirServer_is412() {
        ObjectNode request = Requests.fromBundle(PARALYSIS);
        ((ObjectNode) request.get("prefetch").get(PrefetchTemplates.CONDITIONS)).putArray("link").addObject()
                .put("relation", "next").put("url", "https://ehr.example.test/fhir?page=2");

        HttpResponse<String> r = call(request);

        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.body()).contains("only the first page");
    }

    @Test
    @DisplayName("electrolytes: one search per analyte for its newest result only; 800 older magnesium results "
            + "are never transferred")
    void electrolytes_askForTheLatestResultPerAnalyteOnly() {
        String patient = "pseudo-calf-01";
        for (int i = 0; i < 800; i++) {
            Observation old = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                    .setSubject(new Reference("Patient/" + patient))
                    .setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(NOW.minusSeconds(86_400L
                            * (400 + i)))))
                    .setValue(new Quantity(0.9).setUnit("mmol/L").setSystem("http://unitsofmeasure.org")
                            .setCode("mmol/L"));
            old.getCode().addCoding().setSystem("http://loinc.org").setCode("19123-9");
            old.setId("old-mg-" + i);
            fhir.add(old);
        }
        ObjectNode request = withAccess(Requests.fromBundle(CALF), FhirTestServer.TOKEN);
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        List<String> analyteKeys = new ArrayList<>();
        prefetch.fieldNames().forEachRemaining(k -> {
            if (k.startsWith(PrefetchTemplates.ANALYTE_PREFIX)) {
                analyteKeys.add(k);
            }
        });
        analyteKeys.forEach(prefetch::remove);

        JsonNode body = ok(call(request));

        assertThat(analyteKeys).hasSize(4);
        assertThat(gist(body)).isEqualTo(gist(ok(call(Requests.fromBundle(CALF)))));
        assertThat(fhir.requests).hasSize(4).allSatisfy(r -> assertThat(r).contains("/fhir/Observation?")
                .contains("_sort=-date").contains("_count=1")).noneMatch(r -> r.contains("_getpages"));
    }

    @Test
    @DisplayName("an OperationOutcome as a prefetch value, with fhirServer: the key is fetched instead")
    void operationOutcomeValue_isFetched() {
        ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        ((ObjectNode) request.get("prefetch")).set(PrefetchTemplates.CONDITIONS, operationOutcome());

        JsonNode body = ok(call(request));

        assertThat(gist(body)).isEqualTo(gist(ok(call(Requests.fromBundle(PARALYSIS)))));
        assertThat(fhir.requests).anyMatch(r -> r.contains("/fhir/Condition"));
    }

    @Test
    @DisplayName("an OperationOutcome as a prefetch value, no fhirServer: decided without it, and an info card "
            + "says which data could not be read")
    void operationOutcomeValue_withoutFhirServer_decidesWithoutAndSaysSo() {
        ObjectNode request = Requests.fromBundle(PARALYSIS);
        ((ObjectNode) request.get("prefetch")).set(PrefetchTemplates.analyteKey("MAGNESIUM"), operationOutcome());

        JsonNode body = ok(call(request));

        assertThat(gist(body)).anySatisfy(c -> assertThat(c).startsWith("critical"))
                .contains("info|Decided without some data: the EHR could not supply 1 requested item");
        assertThat(unreadCard(body).path("detail").asText()).contains("latest-magnesium", "OperationOutcome");
        CdsHooksJson.assertValidCardsResponse(body);
        CdsHooksJson.assertNoNullOrEmpty(body, "$");
    }

    @Test
    @DisplayName("a searchset holding an OperationOutcome that reports an error, no fhirServer: the rest of it is "
            + "used and an info card says it may be incomplete")
    void operationOutcomeInSearchset_decidesOnTheRestAndSaysSo() {
        ObjectNode request = Requests.fromBundle(PARALYSIS);
        ObjectNode conditions = (ObjectNode) request.get("prefetch").get(PrefetchTemplates.CONDITIONS);
        ((com.fasterxml.jackson.databind.node.ArrayNode) conditions.get("entry")).addObject()
                .<ObjectNode>set("resource", operationOutcome()).putObject("search").put("mode", "outcome");

        JsonNode body = ok(call(request));

        List<String> expected = new ArrayList<>(gist(ok(call(Requests.fromBundle(PARALYSIS)))));
        assertThat(gist(body)).containsAll(expected).hasSize(expected.size() + 1);
        assertThat(unreadCard(body).path("detail").asText()).contains("conditions", "may be incomplete");
    }

    @Test
    @DisplayName("a next link in the client's prefetch is never followed (it could lead anywhere): the search is "
            + "fetched anew from the configured FHIR server")
    void clientsNextLink_isNeverFollowed() throws Exception {
        try (FhirTestServer failing = new FhirTestServer(3)) {
            ObjectNode request = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
            ((ObjectNode) request.get("prefetch").get(PrefetchTemplates.CONDITIONS)).putArray("link").addObject()
                    .put("relation", "next").put("url", failing.base() + "?_getpages=x");

            ok(call(request));

            assertThat(failing.requests).as("a next link in the client's prefetch is never followed").isEmpty();
        }
    }

    @Test
    @DisplayName("fhirAuthorization without fhirServer, or not a Bearer token: 400 naming the members, not the token")
    void malformedFhirAuthorization_is400() {
        ObjectNode noServer = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        noServer.remove("fhirServer");
        ObjectNode notBearer = withAccess(Requests.fromBundle(PARALYSIS), FhirTestServer.TOKEN);
        ((ObjectNode) notBearer.get("fhirAuthorization")).put("token_type", "MAC");

        HttpResponse<String> r1 = call(noServer);
        HttpResponse<String> r2 = call(notBearer);

        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(r1.body()).contains("fhirServer is required when fhirAuthorization is given")
                .doesNotContain(FhirTestServer.TOKEN);
        assertThat(r2.statusCode()).isEqualTo(400);
        assertThat(r2.body()).contains("fhirAuthorization.token_type must be Bearer");
        assertThat(fhir.requests).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static List<Resource> resources(ObjectNode prefetch) {
        FhirContext ctx = FhirContext.forR4Cached();
        List<Resource> out = new ArrayList<>();
        prefetch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                return;
            }
            Resource r = (Resource) ctx.newJsonParser().parseResource(e.getValue().toString());
            if (r instanceof org.hl7.fhir.r4.model.Bundle b) {
                b.getEntry().forEach(entry -> out.add(entry.getResource()));
            } else {
                out.add(r);
            }
        });
        return out;
    }

    ObjectNode withAccess(ObjectNode request, String token) {
        request.put("fhirServer", fhir.base().toString());
        request.putObject("fhirAuthorization").put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/Patient.read patient/Condition.read "
                        + "patient/Observation.read").put("subject", "twitch-triage");
        return request;
    }

    static ObjectNode operationOutcome() {
        ObjectNode oo = Requests.MAPPER.createObjectNode().put("resourceType", "OperationOutcome");
        oo.putArray("issue").addObject().put("severity", "error").put("code", "exception")
                .put("diagnostics", "the lab system did not answer");
        return oo;
    }

    HttpResponse<String> call(JsonNode body) {
        String token = keys.token(BASE + SERVICE, NOW).sign();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SERVICE))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return Requests.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** @return each card as {@code indicator|summary}, in order: what a clinician sees first */
    static List<String> gist(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("cards").forEach(c -> out.add(c.path("indicator").asText() + "|" + c.path("summary").asText()));
        return out;
    }

    static JsonNode unreadCard(JsonNode response) {
        for (JsonNode c : response.path("cards")) {
            if (c.path("summary").asText().startsWith("Decided without some data")) {
                return c;
            }
        }
        throw new AssertionError("no card on unread data in " + response.toPrettyString());
    }
}
