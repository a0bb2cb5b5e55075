package org.twitchtriage.cdshooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.twitchtriage.cdshooks.internal.HttpGetter;
import org.twitchtriage.cdshooks.internal.TokenVerifier;
import org.twitchtriage.json.JsonBinder;
import org.twitchtriage.json.StrictJson;
import org.twitchtriage.validation.Violation;

/**
 * How the CDS Hooks service runs: where it listens, the base URL clients call it by (the {@code aud} every token
 * must name), the trusted token issuers with their public keys, the audit log and where its pseudonym key comes from,
 * and limits. The components are the fields of the configuration file (format in {@code docs/cds-hooks.md}), bound
 * by the project's strict {@link JsonBinder}; a field left out ({@code null}) takes its default. Read a file with
 * {@link #load(Path)} or a text with {@link #read(String, Path)}: both check every value and resolve relative paths
 * against the file's folder. The canonical constructor only fills in defaults; it checks nothing. Immutable and
 * thread-safe.
 *
 * @param comment                 free text for the reader of the file; ignored
 * @param host                    the interface to listen on (default {@code 127.0.0.1})
 * @param port                    the port to listen on; 0 picks a free one (default 8085)
 * @param baseUrl                 the URL clients reach the service by, without a trailing slash; tokens' {@code aud}
 *                                starts with it (required)
 * @param maxBodyBytes            the largest accepted request body, in bytes (default 1 MiB)
 * @param clockSkewSeconds        how far the client's clock may be off, for {@code exp} and {@code iat} (default 30)
 * @param maxTokenLifetimeSeconds the longest accepted token lifetime, {@code exp - iat} (default 300)
 * @param replayCacheSize         how many used token ids are remembered at most (default 100,000)
 * @param issuedCardMemory        how many issued cards are remembered for linking feedback (default 10,000)
 * @param discoveryRequiresToken  whether discovery ({@code GET /cds-services}) needs a valid token too (default true)
 * @param timeZone                the time zone that turns the clock into the evaluation date (default the system's)
 * @param issuers                 the trusted token issuers, at least one
 * @param audit                   the audit log
 * @param conceptMap              a concept map file replacing the default one, or {@code null}
 * @param source                  the source named on every card
 * @param extraAlgorithms         JWS algorithms accepted besides ES384 and RS384 (those the CDS Hooks text
 *                                recommends), e.g. {@code ES256}; asymmetric ones only (default none)
 * @param corsOrigins             the browser origins allowed to call the service ({@code https://ehr.example.org});
 *                                empty (the default) turns CORS off
 * @param fetch                   limits on every outgoing call (FHIR server, JWK Sets)
 */
public record CdsHooksConfig(String comment, String host, Integer port, URI baseUrl, Long maxBodyBytes,
                             Integer clockSkewSeconds, Integer maxTokenLifetimeSeconds, Integer replayCacheSize,
                             Integer issuedCardMemory, Boolean discoveryRequiresToken, ZoneId timeZone,
                             List<Issuer> issuers, Audit audit, Path conceptMap, Source source,
                             List<String> extraAlgorithms, List<String> corsOrigins, Fetch fetch) {
    /** The environment variable that holds the audit pseudonym key unless configured otherwise. */
    public static final String DEFAULT_KEY_VARIABLE = "TWITCH_TRIAGE_AUDIT_KEY";
    /** The highest body limit that can be configured (64 MiB): a prefetch larger than that is not a triage input. */
    public static final long MAX_BODY_LIMIT = 64L * 1024 * 1024;

    /** Fills in the defaults of the fields left out. */
    public CdsHooksConfig {
        host = Objects.requireNonNullElse(host, "127.0.0.1");
        port = Objects.requireNonNullElse(port, 8085);
        // tokens name the endpoint as base URL plus path; a trailing slash here would double the separator
        baseUrl = baseUrl == null ? null : URI.create(baseUrl.toString().replaceAll("/+$", ""));
        maxBodyBytes = Objects.requireNonNullElse(maxBodyBytes, 1024L * 1024);
        clockSkewSeconds = Objects.requireNonNullElse(clockSkewSeconds, 30);
        maxTokenLifetimeSeconds = Objects.requireNonNullElse(maxTokenLifetimeSeconds, 300);
        replayCacheSize = Objects.requireNonNullElse(replayCacheSize, 100_000);
        issuedCardMemory = Objects.requireNonNullElse(issuedCardMemory, 10_000);
        discoveryRequiresToken = Objects.requireNonNullElse(discoveryRequiresToken, true);
        timeZone = Objects.requireNonNullElse(timeZone, ZoneId.systemDefault());
        // an entry that could not be read stays as a gap (null) until the problems are reported
        issuers = issuers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(issuers));
        audit = Objects.requireNonNullElse(audit, new Audit(null, null, null, null));
        source = Objects.requireNonNullElse(source, new Source(null, null));
        extraAlgorithms = extraAlgorithms == null ? List.of() : Collections.unmodifiableList(
                new ArrayList<>(extraAlgorithms));
        corsOrigins = corsOrigins == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(corsOrigins));
        fetch = Objects.requireNonNullElse(fetch, new Fetch(null, null, null, null, null, null));
    }

    /**
     * A trusted token issuer and where its keys come from: a file, a JWK Set URL, or the token's {@code jku} header
     * when it names one of the allowed URLs (at least one of the three).
     *
     * @param iss        the exact {@code iss} value its tokens carry
     * @param jwks       a file holding its JWK Set (public keys; private parts are ignored), or {@code null}
     * @param jwksUrl    the URL of its JWK Set, read when needed and cached, or {@code null}
     * @param jku        the JWK Set URLs its tokens may name in {@code jku} (exact match); {@code jwksUrl} counts as
     *                   allowed too. A token naming any other {@code jku} is refused
     * @param fhirServers the FHIR server base URLs of this EHR the service may fetch from with the call's
     *                   {@code fhirAuthorization} (exact match, no trailing slash); empty: never fetch
     */
    public record Issuer(@JsonProperty(required = true) String iss, Path jwks, URI jwksUrl, List<URI> jku,
                         List<URI> fhirServers) {
        /** Fills in empty lists for those left out. */
        public Issuer {
            jku = jku == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(jku));
            fhirServers = fhirServers == null ? List.of() : fhirServers.stream()
                    .map(u -> u == null ? null : URI.create(u.toString().replaceAll("/+$", ""))).toList();
        }

        /** An issuer whose keys are in a file. */
        public Issuer(String iss, Path jwks) {
            this(iss, jwks, null, null, null);
        }
    }

    /**
     * Limits on the calls the service makes: FHIR reads and searches on the EHR's server, and JWK Set downloads.
     *
     * @param connectTimeoutMillis  the longest wait for a connection (default 2000)
     * @param timeoutMillis         the longest wait for one whole answer (default 5000)
     * @param maxResponseBytes      the largest answer accepted (default 2 MiB)
     * @param maxPages              the most pages read for one search, following {@code next} links (default 10)
     * @param jwksCacheSeconds      how long a downloaded JWK Set is used before it is read again (default 300); an
     *                              unknown {@code kid} reads it again at once, within the rate limit
     * @param jwksMinRefreshSeconds the shortest interval between two downloads of one JWK Set (default 30)
     */
    public record Fetch(Integer connectTimeoutMillis, Integer timeoutMillis, Long maxResponseBytes, Integer maxPages,
                        Integer jwksCacheSeconds, Integer jwksMinRefreshSeconds) {
        /** Fills in the defaults of the fields left out. */
        public Fetch {
            connectTimeoutMillis = Objects.requireNonNullElse(connectTimeoutMillis, 2000);
            timeoutMillis = Objects.requireNonNullElse(timeoutMillis, 5000);
            maxResponseBytes = Objects.requireNonNullElse(maxResponseBytes, 2L * 1024 * 1024);
            maxPages = Objects.requireNonNullElse(maxPages, 10);
            jwksCacheSeconds = Objects.requireNonNullElse(jwksCacheSeconds, 300);
            jwksMinRefreshSeconds = Objects.requireNonNullElse(jwksMinRefreshSeconds, 30);
        }
    }

    /**
     * The audit log.
     *
     * @param log          the JSON Lines audit log (required: every decision is audited)
     * @param keyVariable  the environment variable holding the pseudonym key, its UTF-8 bytes, at least 32
     *                     (default {@value #DEFAULT_KEY_VARIABLE})
     * @param fsync        whether each record is forced to disk before the answer is sent (default false: flushed
     *                     to the operating system)
     * @param captureInput whether records keep the input (without the patient reference) for replay (default false)
     */
    public record Audit(@JsonProperty(required = true) Path log, String keyVariable, Boolean fsync,
                        Boolean captureInput) {
        /** Fills in the defaults of the fields left out. */
        public Audit {
            keyVariable = Objects.requireNonNullElse(keyVariable, DEFAULT_KEY_VARIABLE);
            fsync = Objects.requireNonNullElse(fsync, false);
            captureInput = Objects.requireNonNullElse(captureInput, false);
        }
    }

    /**
     * The source every card names.
     *
     * @param label its label (default {@code twitch-triage (muscle-twitching guideline)})
     * @param url   its URL, or {@code null}
     */
    public record Source(String label, URI url) {
        /** Fills in the default label. */
        public Source {
            label = Objects.requireNonNullElse(label, "twitch-triage (muscle-twitching guideline)");
        }
    }

    /**
     * Reads a configuration file.
     *
     * @param file the file; relative paths in it are resolved against its folder
     * @return the configuration, checked
     * @throws CdsHooksConfigException naming every problem (unreadable file, unknown or missing fields, bad values)
     */
    public static CdsHooksConfig load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CdsHooksConfigException(file.toString(), List.of("cannot read it: " + e.getMessage()));
        }
        return read(content, file.toAbsolutePath().getParent(), file.toString());
    }

    /**
     * Reads a configuration from its JSON text.
     *
     * @param json   the configuration
     * @param folder the folder relative paths are resolved against
     * @return the configuration, checked
     * @throws CdsHooksConfigException naming every problem
     */
    public static CdsHooksConfig read(String json, Path folder) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), folder.toAbsolutePath(),
                "configuration");
    }

    private static CdsHooksConfig read(byte[] content, Path folder, String name) {
        JsonBinder binder = new JsonBinder("configuration");
        CdsHooksConfig config;
        try {
            config = binder.bind(StrictJson.parse(content, "configuration"), CdsHooksConfig.class);
        } catch (StrictJson.JsonProblem e) {
            throw new CdsHooksConfigException(name, List.of("cannot read it: " + e.problem()));
        }
        if (config != null) {
            config.check(binder);
        }
        if (!binder.isClean()) {
            throw new CdsHooksConfigException(name, binder.violations().stream().map(Violation::toString).toList());
        }
        return config.resolvedAgainst(folder);
    }

    private void check(JsonBinder binder) {
        String[] fields = {"host", "port", "baseUrl", "maxBodyBytes", "clockSkewSeconds", "maxTokenLifetimeSeconds",
                "replayCacheSize", "issuedCardMemory", "issuers", "audit.keyVariable", "source.label"};
        String[] problems = {
            host.isBlank() ? "must not be empty" : null,
            port < 0 || port > 65535 ? "must be between 0 and 65535" : null,
            baseUrl == null ? "is required (the URL clients call, which tokens name in aud)"
                    : !baseUrl.isAbsolute() || baseUrl.getHost() == null
                    || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                    || baseUrl.getQuery() != null || baseUrl.getFragment() != null
                    ? "must be an absolute http(s) URL without query or fragment" : null,
            maxBodyBytes < 1024 || maxBodyBytes > MAX_BODY_LIMIT
                    ? "must be between 1024 and " + MAX_BODY_LIMIT : null,
            clockSkewSeconds < 0 || clockSkewSeconds > 300 ? "must be between 0 and 300" : null,
            maxTokenLifetimeSeconds < 1 || maxTokenLifetimeSeconds > 3600 ? "must be between 1 and 3600" : null,
            replayCacheSize < 1 ? "must be at least 1" : null,
            issuedCardMemory < 1 ? "must be at least 1" : null,
            issuers.isEmpty() ? "must name at least one trusted token issuer" : null,
            audit.keyVariable().isBlank() ? "must name an environment variable" : null,
            source.label().isBlank() ? "must not be empty" : null};
        for (int i = 0; i < fields.length; i++) {
            if (problems[i] != null && !binder.reported(fields[i])) {
                binder.report(fields[i], problems[i]);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < issuers.size(); i++) {
            Issuer issuer = issuers.get(i);
            if (issuer != null && issuer.iss() != null && !seen.add(issuer.iss())) {
                binder.report("issuers[" + i + "].iss", "names an issuer listed before");
            }
            if (issuer != null) {
                checkIssuer(binder, "issuers[" + i + "]", issuer);
            }
        }
        checkAlgorithms(binder);
        for (int i = 0; i < corsOrigins.size(); i++) {
            String o = corsOrigins.get(i);
            if (o == null || !o.matches("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
                binder.report("corsOrigins[" + i + "]", "must be an origin such as https://ehr.example.org "
                        + "(scheme, host and optional port; no path, no wildcard)");
            }
        }
        String[] limits = {"fetch.connectTimeoutMillis", "fetch.timeoutMillis", "fetch.maxResponseBytes",
                "fetch.maxPages", "fetch.jwksCacheSeconds", "fetch.jwksMinRefreshSeconds"};
        String[] limitProblems = {
            fetch.connectTimeoutMillis() < 100 || fetch.connectTimeoutMillis() > 60_000
                    ? "must be between 100 and 60000" : null,
            fetch.timeoutMillis() < 100 || fetch.timeoutMillis() > 120_000 ? "must be between 100 and 120000" : null,
            fetch.maxResponseBytes() < 1024 || fetch.maxResponseBytes() > MAX_BODY_LIMIT
                    ? "must be between 1024 and " + MAX_BODY_LIMIT : null,
            fetch.maxPages() < 1 || fetch.maxPages() > 1000 ? "must be between 1 and 1000" : null,
            fetch.jwksCacheSeconds() < 1 || fetch.jwksCacheSeconds() > 86_400 ? "must be between 1 and 86400" : null,
            fetch.jwksMinRefreshSeconds() < 0 || fetch.jwksMinRefreshSeconds() >= fetch.jwksCacheSeconds()
                    ? "must be at least 0 and less than jwksCacheSeconds" : null};
        for (int i = 0; i < limits.length; i++) {
            if (limitProblems[i] != null && !binder.reported(limits[i])) {
                binder.report(limits[i], limitProblems[i]);
            }
        }
        if (audit.log() == null && !binder.reported("audit.log")) {
            binder.report("audit.log", "is required: every decision is audited");
        }
    }

    private static void checkIssuer(JsonBinder binder, String at, Issuer issuer) {
        if (issuer.jwks() == null && issuer.jwksUrl() == null && issuer.jku().isEmpty()) {
            binder.report(at, "needs its keys: jwks (a file), jwksUrl, or jku (allowed JWK Set URLs)");
        }
        checkUrl(binder, at + ".jwksUrl", issuer.jwksUrl());
        for (int j = 0; j < issuer.jku().size(); j++) {
            checkUrl(binder, at + ".jku[" + j + "]", issuer.jku().get(j));
            if (issuer.jku().get(j) == null) {
                binder.report(at + ".jku[" + j + "]", "must be a URL");
            }
        }
        for (int j = 0; j < issuer.fhirServers().size(); j++) {
            URI u = issuer.fhirServers().get(j);
            checkUrl(binder, at + ".fhirServers[" + j + "]", u);
            if (u == null || u.getRawQuery() != null || u.getRawFragment() != null) {
                binder.report(at + ".fhirServers[" + j + "]", "must be a FHIR base URL without query or fragment");
            }
        }
    }

    private static void checkUrl(JsonBinder binder, String field, URI url) {
        String refusal = url == null ? null : HttpGetter.refusalOf(url);
        if (refusal != null && !binder.reported(field)) {
            binder.report(field, refusal);
        }
    }

    private void checkAlgorithms(JsonBinder binder) {
        for (int i = 0; i < extraAlgorithms.size(); i++) {
            String a = extraAlgorithms.get(i);
            if (a == null || !TokenVerifier.CONFIGURABLE.contains(a)) {
                binder.report("extraAlgorithms[" + i + "]", "must be one of "
                        + String.join(", ", new TreeSet<>(
                                TokenVerifier.CONFIGURABLE))
                        + " (never none or a symmetric algorithm such as HS256)");
            }
        }
    }

    private CdsHooksConfig resolvedAgainst(Path folder) {
        return new CdsHooksConfig(comment, host, port, baseUrl, maxBodyBytes, clockSkewSeconds,
                maxTokenLifetimeSeconds, replayCacheSize, issuedCardMemory, discoveryRequiresToken, timeZone,
                issuers.stream().map(i -> new Issuer(i.iss(), i.jwks() == null ? null
                        : folder.resolve(i.jwks()).normalize(), i.jwksUrl(), i.jku(), i.fhirServers())).toList(),
                new Audit(folder.resolve(audit.log()).normalize(), audit.keyVariable(), audit.fsync(),
                        audit.captureInput()),
                conceptMap == null ? null : folder.resolve(conceptMap).normalize(), source, extraAlgorithms,
                corsOrigins, fetch);
    }

    /** @return how far the client's clock may be off, for {@code exp} and {@code iat} */
    public Duration clockSkew() {
        return Duration.ofSeconds(clockSkewSeconds);
    }

    /** @return the longest accepted token lifetime ({@code exp - iat}) */
    public Duration maxTokenLifetime() {
        return Duration.ofSeconds(maxTokenLifetimeSeconds);
    }
}
