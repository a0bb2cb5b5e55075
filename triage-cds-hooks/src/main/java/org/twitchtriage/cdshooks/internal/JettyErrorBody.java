package org.twitchtriage.cdshooks.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler for what it refuses before Javalin sees the request (headers too large: 431, a malformed
 * request line: 400): answers in the service's JSON error shape instead of Jetty's HTML page, and never repeats
 * the request. Such a refusal closes the connection, and the request's headers were never read to their end, so its
 * body cannot be told apart: after the answer (and the end of the output, which Jetty signals then), the bytes the
 * client still sends are read and discarded as they come, at most {@code budget} bytes for at most {@code millis},
 * so that a client sending a body can finish and read the answer instead of getting a TCP reset (RFC 9112 section
 * 9.6; see {@link BoundedDrain}). Thread-safe; stateless per request.
 */
public final class JettyErrorBody implements Request.Handler {
    private final long budget;
    private final long millis;

    /**
     * @param budget the most bytes read and discarded after a refusal that closes the connection (0: none)
     * @param millis the longest wait for them
     */
    public JettyErrorBody(long budget, long millis) {
        this.budget = budget;
        this.millis = millis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.BAD_REQUEST_400;
        response.setStatus(status);
        String error = status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431
                ? "the request headers are too large"
                : "the request could not be read";
        String detail = status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431
                ? "send fewer or shorter headers"
                : "HTTP status " + status + " (" + HttpStatus.getMessage(status) + ")";
        byte[] body = Json.errorBody(error, List.of(detail), Map.of()).toString().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), Callback.from(() -> linger(request, callback),
                callback::failed));
        return true;
    }

    private void linger(Request request, Callback callback) {
        if (budget <= 0 || request.getConnectionMetaData().isPersistent()) {
            callback.succeeded();
            return;
        }
        new RawDrain(request, budget, millis, callback).run();
    }

    /** Discards raw bytes from the connection: its parser has stopped, the body's framing is unknown. */
    private static final class RawDrain extends BoundedDrain {
        private final EndPoint endPoint;
        private final ByteBuffer scratch = BufferUtil.allocate(8192);
        private final Callback again = Callback.from(this, x -> finish());

        RawDrain(Request request, long budget, long millis, Callback callback) {
            super(budget, millis, request.getComponents().getScheduler(), callback::succeeded);
            this.endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        }

        @Override
        long discardSome() throws IOException {
            BufferUtil.clear(scratch);
            int n = endPoint.fill(scratch);
            if (n < 0) {
                return END;
            }
            if (n > 0) {
                return n;
            }
            return endPoint.tryFillInterested(again) ? WAITING : END;
        }
    }
}
