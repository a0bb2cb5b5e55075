package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A FHIR server's answer is input like a request body: out-of-bounds numbers (on which HAPI's parser runs for
 * minutes), malformed resources on which HAPI throws instead of refusing, and broken JSON all end in a named fetch
 * failure within seconds, never in a hang or an unchecked exception.
 */
class FhirFetcherHostileAnswerTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final PrefetchTemplates.Template PATIENT =
            new PrefetchTemplates.Template("patient", "Patient/{{context.patientId}}", ResourceType.Patient, false);

    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer server;
    private FhirFetcher.Access access;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        access = new FhirFetcher.Access(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir"),
                "token-1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private FhirFetcher fetcher() {
        return new FhirFetcher(FHIR, new HttpGetter(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20), 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"extension\":[{\"url\":\"http://x\",\"valueDecimal\":1e999999999}]}",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"extension\":[{\"url\":\"http://x\",\"valueDecimal\":-1e-9999999}]}",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\"",
            "[]",
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"id\":\"p2\"}"})
    void aHostileAnswerIsANamedFailureWithinSeconds(String body) {
        answer.set(body);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> fetcher().fetch(access, PATIENT, "p1"))
                        .isInstanceOf(HttpGetter.Failed.class)
                        .hasMessageStartingWith("the FHIR server's answer")
                        .hasMessageNotContaining("p1"));
    }

    @Test
    void aWellFormedAnswerIsRead() throws Exception {
        answer.set("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1990-04-01\"}");
        assertThat(fetcher().fetch(access, PATIENT, "p1")).isInstanceOf(Patient.class);
    }
}
