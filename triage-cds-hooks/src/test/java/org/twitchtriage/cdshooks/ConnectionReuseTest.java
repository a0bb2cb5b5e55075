package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/**
 * What happens on a connection (issue 13, docs/reliability.md). First, the kind of call that once went unanswered
 * for 30 seconds in a fuzz run (a valid {@code patient-view} call whose body is UTF-16 while declared
 * {@code charset=UTF-8}): alone, with Content-Length and chunked, on connections reused after refusals, and with the
 * JDK client two at once between refusals with large bodies. Second, answers given while the client is still
 * sending its body (headers too large, an ambiguous path, a body the service does not need): a client that reads its
 * answer only after sending the whole request (the JDK 17 client does) must get the answer instead of a TCP reset.
 * The bodies are sent slowly, so that the server answers while they are still on their way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionReuseTest {
    private static final String SERVICE = CdsHooksServerTest.SERVICE;
    private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 401, 404, 405, 412, 413, 415, 422, 431);
    private static final long SLOW = 15;

    @TempDir
    static Path dir;
    TestKeys keys;
    CdsHooksServer server;

    @BeforeAll
    void start() {
        keys = new TestKeys();
        server = RefusalDeliveryTest.start(keys, dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String token() {
        return token(SERVICE);
    }

    private String token(String path) {
        return keys.token(CdsHooksServerTest.BASE + path, CdsHooksServerTest.NOW).sign();
    }

    private Map<String, String> headers(String token, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        return h;
    }

    /** @return a valid patient-view request, encoded in {@code charset} */
    private static byte[] hookCall(Charset charset) {
        return Requests.fromBundle("pregnant-calf.json").toString().getBytes(charset);
    }

    private static void assertAnswered(RawHttp.Answer a) throws IOException {
        assertThat(a.status()).as("status; body %s", a.body()).isIn(DOCUMENTED);
        assertThat(a.headers().get("content-type")).startsWith("application/json");
        JsonNode json = Requests.MAPPER.readTree(a.body());
        assertThat(json.isObject()).isTrue();
    }

    static Stream<Arguments> utf16Calls() {
        return Stream.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE).flatMap(c -> Stream.of(
                Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0}, chunked {1}")
    @MethodSource("utf16Calls")
    @DisplayName("a valid call with a UTF-16 body declared UTF-8 is answered, and the connection carries the next call")
    void utf16BodyDeclaredUtf8_answered(Charset charset, boolean chunked) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            RawHttp.Answer first = RawHttp.exchange(socket, "POST", SERVICE,
                    headers(token(), "application/json; charset=UTF-8"), hookCall(charset), chunked, 0);
            assertAnswered(first);
            RawHttp.Answer second = RawHttp.exchange(socket, "POST", SERVICE,
                    headers(token(), "application/json"), hookCall(StandardCharsets.UTF_8), chunked, 0);
            assertThat(second.status()).as(second.body()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("UTF-16 calls between refusals with large bodies on one connection are all answered")
    void utf16Calls_betweenRefusals_onOneConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            byte[] large = RefusalDeliveryTest.body(47 * 1024);
            assertAnswered(RawHttp.exchange(socket, "POST", SERVICE, headers("not.a.token", "application/json"),
                    large, false, 0));
            assertAnswered(RawHttp.exchange(socket, "POST", SERVICE,
                    headers(token(), "application/json; charset=UTF-8"), hookCall(StandardCharsets.UTF_16BE), false,
                    0));
            assertAnswered(RawHttp.exchange(socket, "POST", "/cds-services/no-such/x",
                    headers(null, "application/json"), large, true, 0));
            assertAnswered(RawHttp.exchange(socket, "POST", SERVICE,
                    headers(token(), "application/json; charset=UTF-8"), hookCall(StandardCharsets.UTF_16LE), true,
                    0));
            RawHttp.Answer discovery = RawHttp.exchange(socket, "GET", "/cds-services",
                    headers(token("/cds-services"), "application/json"), large, false, 0);
            assertThat(discovery.status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("headers too large with a body still being sent: the JSON 431 reaches the client")
    void headersTooLarge_bodyStillSending_answered431() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            Map<String, String> h = headers(token(), "application/json");
            h.put("X-Padding", "p".repeat(20_000));
            RawHttp.Answer a = RawHttp.exchange(socket, "POST", SERVICE, h, RefusalDeliveryTest.body(40 * 1024),
                    false, SLOW);
            assertThat(a.status()).as(a.body()).isEqualTo(431);
            assertAnswered(a);
            assertThat(a.headers().get("connection")).isEqualTo("close");
        }
    }

    @Test
    @DisplayName("a body nobody reads (discovery), still being sent: the answer reaches the client")
    void unreadBodyStillSending_answered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            RawHttp.Answer a = RawHttp.exchange(socket, "GET", "/cds-services",
                    headers(token("/cds-services"), "application/json"), RefusalDeliveryTest.body(60 * 1024), false,
                    SLOW);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertAnswered(a);
        }
    }

    @Test
    @DisplayName("an ambiguous path with a body still being sent: the JSON refusal reaches the client")
    void ambiguousPath_bodyStillSending_answered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            RawHttp.Answer a = RawHttp.exchange(socket, "POST", "/cds-services/%2e%2e/x",
                    headers(token(), "application/json"), RefusalDeliveryTest.body(40 * 1024), false, SLOW);
            assertAnswered(a);
            assertThat(a.status()).isIn(400, 404);
        }
    }

    @Test
    @DisplayName("JDK client, two at once: UTF-16 calls between refusals with large bodies are all answered in time")
    void jdkClient_utf16CallsBetweenRefusals_allAnswered() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = t;
                runs.add(pool.submit(() -> rounds(http, new Random(seed), 40)));
            }
            for (Future<List<Integer>> run : runs) {
                assertThat(run.get(120, TimeUnit.SECONDS)).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(DOCUMENTED));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Integer> rounds(HttpClient http, Random r, int n) throws IOException, InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] refused = RefusalDeliveryTest.body(1 + r.nextInt(100 * 1024));
            statuses.add(send(http, r.nextBoolean() ? "not.a.token" : null, refused, "application/json"));
            statuses.add(send(http, token(), hookCall(r.nextBoolean() ? StandardCharsets.UTF_16BE
                    : StandardCharsets.UTF_16LE), "application/json; charset=UTF-8"));
        }
        return statuses;
    }

    private int send(HttpClient http, String token, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + SERVICE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
