package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
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
        Path[] jwks = keys.writeJwks(dir);
        CdsHooksConfig config = CdsHooksConfig.read("""
                {"port": 0, "baseUrl": "%s/", "maxBodyBytes": %d, "timeZone": "UTC",
                 "issuers": [{"iss": "%s", "jwks": "%s"}],
                 "audit": {"log": "%s", "keyVariable": "TEST_AUDIT_KEY"}}
                """.formatted(CdsHooksServerTest.BASE, LIMIT, TestKeys.ISSUER_A, jwks[0],
                dir.resolve("audit.jsonl")), dir);
        server = CdsHooksServer.builder(config)
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
            Answer first = exchange(socket, method, path, token.equals("bad-token") ? "not.a.token" : null,
                    body(size), false);
            assertRefusal(first, status);
            assertThat(first.headers().getOrDefault("connection", "")).as("connection header").doesNotContain("close");
            // the body was read to its end, so the connection can carry the next call
            Answer second = exchange(socket, method, path, null, body(100), false);
            assertRefusal(second, status);
        }
    }

    @Test
    @DisplayName("a body over maxBodyBytes (with Content-Length) is answered 413 in JSON, then the connection closed")
    void declaredOverLimit_413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            Answer answer = exchange(socket, "POST", SERVICE, validToken(), body(LIMIT + 16 * 1024), false);
            assertRefusal(answer, 413);
            assertThat(answer.headers().get("connection")).isEqualTo("close");
        }
    }

    @Test
    @DisplayName("a chunked body over maxBodyBytes is answered 413 in JSON")
    void chunkedOverLimit_413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            Answer answer = exchange(socket, "POST", SERVICE, validToken(), body(LIMIT + 16 * 1024), true);
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

    private static void assertRefusal(Answer a, int status) throws IOException {
        assertThat(a.status()).as("status; body %s", a.body()).isEqualTo(status);
        assertThat(a.headers().get("content-type")).startsWith("application/json");
        JsonNode json = Requests.MAPPER.readTree(a.body());
        assertThat(json.path("error").isTextual()).as("error member in %s", a.body()).isTrue();
        assertThat(json.path("details").isArray()).isTrue();
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

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Sends one request, the body in pieces of 4 KiB, then reads the answer. */
    static Answer exchange(Socket socket, String method, String path, String token, byte[] body, boolean chunked)
            throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nContent-Type: application/json\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                .append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 4096) {
            int n = Math.min(4096, body.length - at);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(body, at, n);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        // like a simple client, the answer is read once the whole request is sent: a server that closed the
        // connection with the body unread has reset it by now, and the answer is lost
        return read(socket.getInputStream());
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
            line(in);
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new UncheckedIOException(new IOException("the connection ended before the answer was read"));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
