package org.twitchtriage.cdshooks.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every outgoing HTTP call of the service (FHIR reads and searches on the EHR's server, the EHR's JWK Set) goes
 * through here, so the limits hold for all of them: a connect timeout, one deadline for the whole response (headers
 * and body), a size limit enforced while the body streams in, and no redirects at all (a 3xx is a failure: a
 * redirect could take the bearer token to another host). Messages never contain the URL (it may hold a patient id) or
 * a token. Thread-safe.
 */
public final class HttpGetter {
    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    /** A response: status, media type (lower case, without parameters; empty when absent) and body. */
    public record Response(int status, String mediaType, byte[] body) {
    }

    /** Why a call failed; the message is safe to show and log. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /**
     * @param connectTimeout the longest wait for a connection
     * @param timeout        the longest wait for the whole response
     * @param maxBytes       the largest accepted body
     */
    public HttpGetter(Duration connectTimeout, Duration timeout, long maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * @param uri     the absolute URL to GET
     * @param headers header names and values, alternating
     * @return the response, whatever its status except a redirect
     * @throws Failed when there is no complete response within the limits, or it is a redirect
     */
    public Response get(URI uri, String... headers) throws Failed {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request.build(),
                info -> new LimitedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new Failed("no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Failed f ? f
                    : new Failed("the connection failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
        if (response.statusCode() / 100 == 3) {
            throw new Failed("the server answered with a redirect (HTTP " + response.statusCode()
                    + "), which is never followed");
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Response(response.statusCode(), type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT),
                response.body());
    }

    /**
     * Whether a URL may be called with credentials: {@code https}, or {@code http} to a loopback address only (a
     * test or a sidecar on the same machine).
     *
     * @return null when it may, else the reason it may not
     */
    public static String refusalOf(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must be an absolute URL with a host and without user information";
        }
        if ("https".equals(uri.getScheme())) {
            return null;
        }
        if (!"http".equals(uri.getScheme())) {
            return "must be an https URL";
        }
        try {
            return isLiteralOrLocalhost(uri.getHost()) && InetAddress.getByName(uri.getHost()).isLoopbackAddress()
                    ? null : "must be an https URL (plain http is accepted for the loopback interface only)";
        } catch (UnknownHostException e) {
            return "must be an https URL";
        }
    }

    private static boolean isLiteralOrLocalhost(String host) {
        return host.equals("localhost") || host.matches("[0-9.]+") || host.startsWith("[");
    }

    /** Collects the body, failing as soon as it grows past the limit (or announces that it will). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(long limit, long declared) {
            this.limit = limit;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > limit) {
                s.cancel();
                result.completeExceptionally(tooLarge());
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            if (out.size() > limit) {
                subscription.cancel();
                result.completeExceptionally(tooLarge());
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        private Failed tooLarge() {
            return new Failed("the answer is larger than the limit of " + limit + " bytes");
        }
    }
}
