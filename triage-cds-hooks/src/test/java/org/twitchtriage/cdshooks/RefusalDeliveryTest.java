package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * A call the service refuses before it reads the body (bad token, unknown path, wrong method, body over the limit)
 * must still reach the client as the JSON refusal: the service reads and discards the body first (up to a bound), so
 * the connection is not reset under a body still being sent (issue 13). Raw sockets on the loopback interface, so
 * that a reset shows as an exception instead of being retried or hidden by a client library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalDeliveryTest {
    static final int LIMIT = 64 * 1024;
    static final String SERVICE = CdsHooksServerTest.SERVICE;

    @TempDir
    static Path dir;
    TestKeys keys;
    CdsHooksServer server;

    @BeforeAll
    void start() {
        keys = new TestKeys();
        server = start(keys, dir);
    }

    /** @return a service with a body limit of {@link #LIMIT}, trusting issuer A of {@code keys} */
    static CdsHooksServer start(TestKeys keys, Path dir) {
        Path[] jwks = keys.writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s/", "maxBodyBytes": %d, "timeZone": "UTC",
                 "issuers": [{"iss": "%s", "jwks": "%s"}],
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(CdsHooksServerTest.BASE, LIMIT, TestKeys.ISSUER_A, jwks[0],
                dir.resolve("audit.jsonl")), dir);
        return CdsHooksServer.builder(config)
                .clock(Clock.fixed(CdsHooksServerTest.NOW, ZoneOffset.UTC))
                .environment(Map.of("TEST_AUDIT_KEY", "a test key of more than thirty-two bytes"))
                .engine(Engines.shared())
                .start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(16 * 1024, 47 * 1024, LIMIT - 1).flatMap(size -> Stream.of(
                Arguments.of("POST", SERVICE, "bad-token", size, 401),
                Arguments.of("POST", "/cds-services/no-such-path/x/y", "none", size, 404),
                Arguments.of("PUT", SERVICE, "none", size, 405)));
    }

    @ParameterizedTest(name = "{0} {1} ({2}) with a body of {3} bytes: {4}")
    @MethodSource("refusals")
    @DisplayName("a refusal before the body is read still reaches the client, and the connection stays usable")
    void refusalReachesTheClient(String method, String path, String token, int size, int status) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            RawHttp.Answer first = exchange(socket, method, path, token.equals("bad-token") ? "not.a.token" : null,
                    body(size), false);
            assertRefusal(first, status);
            assertThat(first.headers().getOrDefault("connection", "")).as("connection header").doesNotContain("close");
            // the body was read to its end, so the connection can carry the next call
            RawHttp.Answer second = exchange(socket, method, path, null, body(100), false);
            assertRefusal(second, status);
        }
    }

    @Test
    @DisplayName("a body over maxBodyBytes (with Content-Length) is answered 413 in JSON, then the connection closed")
    void declaredOverLimit_413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            RawHttp.Answer answer = exchange(socket, "POST", SERVICE, validToken(), body(LIMIT + 16 * 1024), false);
            assertRefusal(answer, 413);
            assertThat(answer.headers().get("connection")).isEqualTo("close");
        }
    }

    @Test
    @DisplayName("a chunked body over maxBodyBytes is answered 413 in JSON")
    void chunkedOverLimit_413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            RawHttp.Answer answer = exchange(socket, "POST", SERVICE, validToken(), body(LIMIT + 16 * 1024), true);
            assertRefusal(answer, 413);
        }
    }

    @Test
    @DisplayName("a chunked body within the limit with a bad token gets the JSON 401")
    void chunkedBadToken_401() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            assertRefusal(exchange(socket, "POST", SERVICE, "not.a.token", body(47 * 1024), true), 401);
        }
    }

    private String validToken() {
        return keys.token(CdsHooksServerTest.BASE + SERVICE, CdsHooksServerTest.NOW).sign();
    }

    static void assertRefusal(RawHttp.Answer a, int status) throws IOException {
        assertThat(a.status()).as("status; body %s", a.body()).isEqualTo(status);
        assertThat(a.headers().get("content-type")).startsWith("application/json");
        JsonNode json = Requests.MAPPER.readTree(a.body());
        assertThat(json.path("error").isTextual()).as("error member in %s", a.body()).isTrue();
        assertThat(json.path("details").isArray()).isTrue();
    }

    /** Sends one request with {@code Content-Type: application/json} and the token, if any; reads the answer. */
    static RawHttp.Answer exchange(Socket socket, String method, String path, String token, byte[] body,
            boolean chunked) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return RawHttp.exchange(socket, method, path, headers, body, chunked, 0);
    }

    /** @return a JSON document of exactly {@code size} bytes */
    static byte[] body(int size) {
        String head = "{\"hook\":\"patient-view\",\"padding\":\"";
        String tail = "\"}";
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, b, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, b, size - tail.length(), tail.length());
        return b;
    }
}
