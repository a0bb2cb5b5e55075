package org.twitchtriage.cdshooks.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler for what it refuses before Javalin sees the request (headers too large: 431, a malformed
 * request line: 400): answers in the service's JSON error shape instead of Jetty's HTML page, and never repeats
 * the request. Thread-safe; stateless.
 */
public final class JettyErrorBody implements Request.Handler {
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
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
