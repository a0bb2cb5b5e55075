package org.twitchtriage.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.JsonLinesAuditSink;
import org.twitchtriage.audit.Pseudonymizer;
import org.twitchtriage.audit.Slf4jAuditSink;
import org.twitchtriage.cdshooks.internal.CardAssembler;
import org.twitchtriage.cdshooks.internal.CdsError;
import org.twitchtriage.cdshooks.internal.FhirFetcher;
import org.twitchtriage.cdshooks.internal.HookService;
import org.twitchtriage.cdshooks.internal.HttpGetter;
import org.twitchtriage.cdshooks.internal.IssuedCards;
import org.twitchtriage.cdshooks.internal.JettyErrorBody;
import org.twitchtriage.cdshooks.internal.Json;
import org.twitchtriage.cdshooks.internal.RemoteJwkSets;
import org.twitchtriage.cdshooks.internal.RequestBody;
import org.twitchtriage.cdshooks.internal.ReplayCache;
import org.twitchtriage.cdshooks.internal.TokenVerifier;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.fhir.ConceptMapException;
import org.twitchtriage.fhir.TriageConceptMap;

/**
 * The twitch-triage CDS Service (CDS Hooks 2.0) over HTTP, on Javalin (Jetty):
 * <ul>
 *   <li>{@code GET /cds-services}: discovery of one {@code patient-view} service with its prefetch templates;</li>
 *   <li>{@code POST /cds-services/twitch-triage-patient-view}: cards for the patient in context;</li>
 *   <li>{@code POST /cds-services/twitch-triage-patient-view/feedback}: accepted and overridden cards, recorded in
 *       the audit log.</li>
 * </ul>
 * Every call needs the client's signed JWT ({@code Authorization: Bearer}); discovery too unless configured open.
 * Data the prefetch lacks are fetched from the EHR's FHIR server when the call carries {@code fhirServer} and
 * {@code fhirAuthorization} and that server is configured for the token's issuer. Browser-based EHRs are served
 * through CORS when their origins are configured.
 * Every error is a JSON body {@code {"error": "...", "details": [...]}}: 400 bad JSON or request, 401 token, 404
 * unknown service, 405 wrong method (with {@code Allow}), 412 data missing and not fetched, 413 body too large, 415 not JSON, 422 FHIR content not usable, 500 engine or
 * audit failure. See {@code docs/cds-hooks.md}.
 *
 * <pre>{@code
 * try (CdsHooksServer server = CdsHooksServer.builder(CdsHooksConfig.load(path)).start()) {
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Thread-safe; requests are served concurrently. Closing stops the server and closes the audit log.
 */
public final class CdsHooksServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);
    private static final String REALM = "twitch-triage-cds";
    /** The longest wait for the rest of a request after Jetty's own refusal, before the connection is closed. */
    private static final long LINGER_MILLIS = 5_000;

    private final CdsHooksConfig config;
    private final AuditedTriageEngine audited;
    private final HookService service;
    private final TokenVerifier tokens;
    private final Map<String, List<URI>> fhirServers = new LinkedHashMap<>();
    private final Javalin app;
    private final Object stopped = new Object();
    private boolean closed;

    private CdsHooksServer(CdsHooksConfig config, AuditedTriageEngine audited, HookService service,
                           TokenVerifier tokens) {
        this.config = config;
        this.audited = audited;
        this.service = service;
        this.tokens = tokens;
        config.issuers().forEach(i -> fhirServers.put(i.iss(), i.fhirServers()));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.http.maxRequestSize = config.maxBodyBytes();
            long drain = RequestBody.discardBudget(config.maxBodyBytes());
            // after Jetty's own refusals, which close the connection, read what the client still sends (bounded) so
            // that the answer is not lost to a TCP reset (RFC 9112 section 9.6; docs/reliability.md, issue 13)
            cfg.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyErrorBody(drain, LINGER_MILLIS)));
            cfg.http.prefer405over404 = true;
            if (!config.corsOrigins().isEmpty()) {
                // browser-based EHRs: only the configured origins, never credentials (the JWT travels in a header)
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(config.corsOrigins().get(0),
                            config.corsOrigins().subList(1, config.corsOrigins().size()).toArray(String[]::new));
                    rule.maxAge = 600;
                }));
            }
            cfg.routes.get("/cds-services", this::discovery);
            cfg.routes.post("/cds-services/{id}", this::call);
            cfg.routes.post("/cds-services/{id}/feedback", this::feedback);
            cfg.routes.exception(CdsError.class, (e, ctx) -> render(ctx, e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> render(ctx, fromJavalin(e, ctx.path())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
                render(ctx, CdsError.of(500, "internal error", "the service failed; see its log"));
            });
        });
    }

    /** @return a builder for a server with this configuration */
    public static Builder builder(CdsHooksConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** @return the port the server listens on (the one picked when configured as 0) */
    public int port() {
        return app.port();
    }

    /** @return the configured base URL */
    public URI baseUrl() {
        return config.baseUrl();
    }

    /** Blocks until {@link #close()} is called (for a command-line server). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (!closed) {
                stopped.wait();
            }
        }
    }

    /** Stops the server, then closes the audit log. Closing again does nothing. */
    @Override
    public void close() {
        synchronized (stopped) {
            if (closed) {
                return;
            }
            closed = true;
            stopped.notifyAll();
        }
        app.stop();
        audited.close();
    }

    // ---- routes ----------------------------------------------------------------------------------------------

    private void discovery(Context ctx) {
        if (config.discoveryRequiresToken()) {
            authenticate(ctx, "/cds-services");
        }
        // discovery takes no body, but one sent anyway is read (bounded) so that the answer is not lost to a reset
        if (!discardRest(ctx)) {
            ctx.header("Connection", "close");
        }
        send(ctx, service.discovery());
    }

    private void call(Context ctx) {
        String id = ctx.pathParam("id");
        TokenVerifier.Verified token = authenticate(ctx, "/cds-services/" + id);
        requireService(id);
        send(ctx, service.call(readJson(ctx), fhirServers.getOrDefault(token.issuer(), List.of())));
    }

    private void feedback(Context ctx) {
        String id = ctx.pathParam("id");
        authenticate(ctx, "/cds-services/" + id + "/feedback");
        requireService(id);
        send(ctx, service.feedback(readJson(ctx)));
    }

    private TokenVerifier.Verified authenticate(Context ctx, String path) {
        String header = ctx.header("Authorization");
        try {
            return tokens.verify(header, config.baseUrl() + path);
        } catch (TokenVerifier.Refused e) {
            if (e.unavailable()) {
                throw new CdsError(503, "the service cannot take the request now", List.of(e.getMessage()),
                        Map.of(), Map.of("Retry-After", "5"));
            }
            String challenge = "Bearer realm=\"" + REALM + "\""
                    + (header == null || header.isBlank() ? "" : ", error=\"invalid_token\"");
            throw new CdsError(401, "the request is not authenticated", List.of(e.getMessage()), Map.of(),
                    Map.of("WWW-Authenticate", challenge));
        }
    }

    private void requireService(String id) {
        if (!service.knows(id)) {
            throw CdsError.of(404, "no CDS Service with this id",
                    "the services are listed at " + config.baseUrl() + "/cds-services");
        }
    }

    /** @return the body as JSON, after checking its type and size */
    private JsonNode readJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw CdsError.of(415, "the request body must be JSON",
                    "send the header 'Content-Type: application/json'"
                            + (type == null ? "" : "; it was '" + sanitize(type) + "'"));
        }
        long limit = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try {
            body = RequestBody.read(ctx.req(), limit);
        } catch (IOException e) {
            throw CdsError.of(400, "the request body could not be read", "the connection ended while reading");
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return Json.parse(body);
    }

    private static CdsError tooLarge(long limit) {
        return CdsError.of(413, "the request body is too large", "this service accepts at most " + limit
                + " bytes (configured as maxBodyBytes)");
    }

    private static String sanitize(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static void send(Context ctx, JsonNode body) {
        ctx.status(200).contentType("application/json").result(Json.bytes(body));
    }

    /**
     * Answers with the JSON error body. The rest of the request body is read and discarded first (bounded), or the
     * connection would be reset under a body still being sent and the client would not see the answer; see
     * {@link RequestBody}. A body too large, or one beyond the discard bound, closes the connection.
     */
    private void render(Context ctx, CdsError e) {
        if (!discardRest(ctx) || e.status() == 413) {
            ctx.header("Connection", "close");
        }
        if (e.status() >= 500) {
            LOG.warn("answered {} to {} {}: {}", e.status(), ctx.method(), ctx.path(), e.getMessage());
        } else {
            LOG.info("answered {} to {} {}: {}", e.status(), ctx.method(), ctx.path(), e.getMessage());
        }
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.contentType("application/json");
        ctx.result(Json.bytes(Json.errorBody(e.getMessage(), e.details(), e.extra())));
    }

    /** @return true when the rest of the request body was read to its end (at most twice maxBodyBytes) */
    private boolean discardRest(Context ctx) {
        return RequestBody.discard(ctx.req(), RequestBody.discardBudget(config.maxBodyBytes()));
    }

    private CdsError fromJavalin(HttpResponseException e, String path) {
        String cors = config.corsOrigins().isEmpty() ? "" : ", OPTIONS";
        return switch (e.getStatus()) {
            case 404 -> CdsError.of(404, "not found", "the CDS Hooks endpoints are GET /cds-services, "
                    + "POST /cds-services/{id} and POST /cds-services/{id}/feedback");
            case 405 -> new CdsError(405, "method not allowed", List.of("discovery is GET; service calls and "
                    + "feedback are POST"), Map.of(), Map.of("Allow",
                    (path.replaceAll("/+$", "").equals("/cds-services") ? "GET" : "POST") + cors));
            case 413 -> CdsError.of(413, "the request body is too large", "see maxBodyBytes");
            default -> CdsError.of(e.getStatus(), "request refused", sanitize(String.valueOf(e.getMessage())));
        };
    }

    /** Configures and starts a {@link CdsHooksServer}. Not thread-safe. */
    public static final class Builder {
        private final CdsHooksConfig config;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> environment = System.getenv();
        private TriageEngine engine;

        private Builder(CdsHooksConfig config) {
            this.config = config;
        }

        /** The clock for token times, audit times and the evaluation date (default: the UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where the audit key variable is read (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The engine to decide with (default: {@link TriageEngine#create()}, the rules on the class path). */
        public Builder engine(TriageEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Loads the keys, opens the audit log and starts listening.
         *
         * @throws CdsHooksConfigException naming every problem with keys, audit key or concept map
         * @throws org.twitchtriage.audit.AuditException when the audit log cannot be opened (in use, damaged)
         */
        public CdsHooksServer start() {
            List<String> problems = new ArrayList<>();
            CdsHooksConfig.Fetch limits = config.fetch();
            HttpGetter http = new HttpGetter(Duration.ofMillis(limits.connectTimeoutMillis()),
                    Duration.ofMillis(limits.timeoutMillis()), limits.maxResponseBytes());
            RemoteJwkSets remote = new RemoteJwkSets(http, Duration.ofSeconds(limits.jwksCacheSeconds()),
                    Duration.ofSeconds(limits.jwksMinRefreshSeconds()), Duration.ofMillis(limits.timeoutMillis()));
            Map<String, TokenVerifier.IssuerKeys> keys = new LinkedHashMap<>();
            for (CdsHooksConfig.Issuer i : config.issuers()) {
                try {
                    JWKSet fileKeys = i.jwks() == null ? null : TokenVerifier.loadKeys(i.jwks());
                    keys.put(i.iss(), TokenVerifier.IssuerKeys.of(fileKeys, i.jwksUrl(), i.jku(), remote));
                } catch (IllegalArgumentException e) {
                    problems.add("issuer " + i.iss() + ": " + e.getMessage());
                }
            }
            String keyText = environment.get(config.audit().keyVariable());
            byte[] key = keyText == null ? null : keyText.getBytes(StandardCharsets.UTF_8);
            if (key == null || key.length < Pseudonymizer.MIN_KEY_BYTES) {
                problems.add("the environment variable " + config.audit().keyVariable() + " must hold the audit "
                        + "pseudonym key, at least " + Pseudonymizer.MIN_KEY_BYTES + " bytes"
                        + (key == null ? "; it is not set" : "; it has " + key.length));
            }
            TriageConceptMap map = TriageConceptMap.defaults();
            if (config.conceptMap() != null) {
                try {
                    map = TriageConceptMap.load(config.conceptMap());
                } catch (ConceptMapException | java.io.UncheckedIOException e) {
                    problems.add("conceptMap: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new CdsHooksConfigException("configuration", problems);
            }
            TriageEngine decider = engine == null ? TriageEngine.create() : engine;
            AuditedTriageEngine audited = AuditedTriageEngine.builder(decider)
                    .pseudonymKey(key)
                    .clock(clock)
                    .captureInput(config.audit().captureInput())
                    .sink(new Slf4jAuditSink())
                    .sink(JsonLinesAuditSink.open(config.audit().log(), config.audit().fsync()
                            ? JsonLinesAuditSink.Durability.FSYNC : JsonLinesAuditSink.Durability.FLUSH, key))
                    .build();
            try {
                TokenVerifier verifier = new TokenVerifier(keys, Set.copyOf(config.extraAlgorithms()),
                        config.clockSkew(), config.maxTokenLifetime(), new ReplayCache(config.replayCacheSize()),
                        clock);
                FhirContext fhir = FhirContext.forR4Cached();
                // HAPI scans its model on first use (a second or more): at start, not in the first call's time
                fhir.getResourceDefinition("Bundle");
                HookService service = new HookService(audited, map, fhir,
                        new CardAssembler.Source(config.source().label(),
                                config.source().url() == null ? null : config.source().url().toString()),
                        new IssuedCards(config.issuedCardMemory()), clock, config.timeZone(),
                        new FhirFetcher(fhir, http, limits.maxPages()));
                CdsHooksServer server = new CdsHooksServer(config, audited, service, verifier);
                server.app.start();
                LOG.info("CDS Hooks service listening on {}:{}, base URL {}", config.host(), server.port(),
                        config.baseUrl());
                return server;
            } catch (RuntimeException e) {
                audited.close();
                throw e;
            }
        }
    }
}
