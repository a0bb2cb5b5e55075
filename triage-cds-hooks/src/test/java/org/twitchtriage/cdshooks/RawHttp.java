package org.twitchtriage.cdshooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a raw socket, for tests of what happens on the connection: a reset shows as an exception instead of
 * being retried or hidden by a client library. Requests are sent the way the JDK 17 {@code HttpClient} sends them
 * (the whole request first, the answer read after), optionally in slow pieces so that the server answers while the
 * body is still on its way.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends one request, its body in pieces of 4 KiB ({@code pauseMillis} apart), then reads the answer.
     *
     * @param headers    headers besides Host and the body's framing
     * @param body       the body, or null for none
     * @param chunked    chunked transfer coding instead of Content-Length
     * @param pauseMillis the pause between pieces of the body (0: none)
     */
    static Answer exchange(Socket socket, String method, String path, Map<String, String> headers, byte[] body,
            boolean chunked, long pauseMillis) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        byte[] b = body == null ? new byte[0] : body;
        for (int at = 0; at < b.length; at += 4096) {
            int n = Math.min(4096, b.length - at);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(b, at, n);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (pauseMillis > 0) {
                out.flush();
                sleep(pauseMillis);
            }
        }
        if (chunked && body != null) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        // like the JDK 17 client, the answer is read once the whole request is sent: a server that closed the
        // connection with the body unread has reset it by now, and the answer is lost
        return read(socket.getInputStream());
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Reads one answer (Content-Length or chunked body). */
    static Answer read(InputStream in) throws IOException {
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
                throw new IOException("the connection ended before the answer was read");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
