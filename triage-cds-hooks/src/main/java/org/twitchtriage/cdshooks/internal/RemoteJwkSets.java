package org.twitchtriage.cdshooks.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Key sources for JWK Set URLs, made with nimbus's {@link JWKSourceBuilder}: the set is cached for a configured time,
 * read again at once when a token names a {@code kid} the cached set lacks (a key rotation), but not more often than
 * the rate limit allows, so tokens with made-up {@code kid}s cannot make the service hammer the EHR. Downloads go
 * through {@link HttpGetter}: timeouts, size limit, no redirects, {@code https} (or loopback {@code http}) only.
 * Thread-safe.
 */
public final class RemoteJwkSets implements TokenVerifier.RemoteKeys {
    private final HttpGetter http;
    private final Duration cacheTime;
    private final Duration minRefreshInterval;
    private final Duration timeout;

    /**
     * @param http               the getter for the downloads
     * @param cacheTime          how long a downloaded set is used without reading it again
     * @param minRefreshInterval the shortest interval between two downloads of one set (zero: no limit)
     * @param timeout            how long a token check waits for a download under way
     */
    public RemoteJwkSets(HttpGetter http, Duration cacheTime, Duration minRefreshInterval, Duration timeout) {
        this.http = http;
        this.cacheTime = cacheTime;
        this.minRefreshInterval = minRefreshInterval;
        this.timeout = timeout;
    }

    @Override
    public JWKSource<SecurityContext> source(URI url) {
        String refusal = HttpGetter.refusalOf(url);
        if (refusal != null) {
            throw new IllegalArgumentException("a JWK Set URL " + refusal);
        }
        URL location;
        try {
            location = url.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("a JWK Set URL is not a valid URL", e);
        }
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(location, retriever())
                .cache(cacheTime.toMillis(), timeout.toMillis())
                .refreshAheadCache(false)
                .retrying(false)
                .outageTolerant(false);
        builder = minRefreshInterval.isZero() ? builder.rateLimited(false)
                : builder.rateLimited(minRefreshInterval.toMillis());
        return builder.build();
    }

    private ResourceRetriever retriever() {
        return url -> {
            HttpGetter.Response r;
            try {
                r = http.get(url.toURI(), "Accept", "application/jwk-set+json, application/json");
            } catch (URISyntaxException e) {
                throw new IOException("the JWK Set URL is not valid", e);
            }
            if (r.status() != 200) {
                throw new IOException("the JWK Set URL answered HTTP " + r.status());
            }
            return new Resource(new String(r.body(), StandardCharsets.UTF_8), r.mediaType());
        };
    }
}
