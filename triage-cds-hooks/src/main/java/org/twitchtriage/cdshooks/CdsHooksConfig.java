package org.twitchtriage.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.twitchtriage.cdshooks.internal.Json;

/**
 * How the CDS Hooks service runs: where it listens, the base URL clients call it by (the {@code aud} every token
 * must name), the trusted token issuers with their public keys, the audit log and where its pseudonym key comes from,
 * and limits. Read from a JSON file with {@link #load(Path)} (format in {@code docs/cds-hooks.md}; relative paths are
 * resolved against the file's folder) or built with {@link #builder()}. Immutable and thread-safe.
 */
public final class CdsHooksConfig {
    /** The environment variable that holds the audit pseudonym key unless configured otherwise. */
    public static final String DEFAULT_KEY_VARIABLE = "TWITCH_TRIAGE_AUDIT_KEY";
    /** The highest body limit that can be configured (64 MiB): a prefetch larger than that is not a triage input. */
    public static final long MAX_BODY_LIMIT = 64L * 1024 * 1024;

    /**
     * A trusted token issuer.
     *
     * @param iss  the exact {@code iss} value its tokens carry
     * @param jwks the file holding its JWK Set (public keys; private parts are ignored)
     */
    public record Issuer(String iss, Path jwks) {
        public Issuer {
            Objects.requireNonNull(iss, "iss");
            Objects.requireNonNull(jwks, "jwks");
        }
    }

    private final String host;
    private final int port;
    private final URI baseUrl;
    private final long maxBodyBytes;
    private final Duration clockSkew;
    private final Duration maxTokenLifetime;
    private final int replayCacheSize;
    private final int issuedCardMemory;
    private final boolean discoveryRequiresToken;
    private final ZoneId timeZone;
    private final List<Issuer> issuers;
    private final Path auditLog;
    private final String auditKeyVariable;
    private final boolean auditFsync;
    private final boolean auditCaptureInput;
    private final Path conceptMap;
    private final String sourceLabel;
    private final URI sourceUrl;

    private CdsHooksConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        // tokens name the endpoint as base URL plus path; a trailing slash here would double the separator
        this.baseUrl = URI.create(b.baseUrl.toString().replaceAll("/+$", ""));
        this.maxBodyBytes = b.maxBodyBytes;
        this.clockSkew = b.clockSkew;
        this.maxTokenLifetime = b.maxTokenLifetime;
        this.replayCacheSize = b.replayCacheSize;
        this.issuedCardMemory = b.issuedCardMemory;
        this.discoveryRequiresToken = b.discoveryRequiresToken;
        this.timeZone = b.timeZone;
        this.issuers = List.copyOf(b.issuers);
        this.auditLog = b.auditLog;
        this.auditKeyVariable = b.auditKeyVariable;
        this.auditFsync = b.auditFsync;
        this.auditCaptureInput = b.auditCaptureInput;
        this.conceptMap = b.conceptMap;
        this.sourceLabel = b.sourceLabel;
        this.sourceUrl = b.sourceUrl;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration file.
     *
     * @throws CdsHooksConfigException naming every problem (unreadable file, unknown or missing members, bad values)
     */
    public static CdsHooksConfig load(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CdsHooksConfigException(name, List.of("cannot read it: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new CdsHooksConfigException(name, List.of("it must hold a JSON object"));
        }
        Path dir = file.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        Builder b = new Builder();
        known(root, "", problems, "comment", "host", "port", "baseUrl", "maxBodyBytes", "clockSkewSeconds",
                "maxTokenLifetimeSeconds", "replayCacheSize", "issuedCardMemory", "discoveryRequiresToken",
                "timeZone", "issuers", "audit", "conceptMap", "source");
        text(root, "host", problems).ifPresent(v -> b.host = v);
        integer(root, "port", problems).ifPresent(v -> b.port = (int) (long) v);
        text(root, "baseUrl", problems).ifPresent(v -> b.baseUrl = uri(v, "baseUrl", problems));
        integer(root, "maxBodyBytes", problems).ifPresent(v -> b.maxBodyBytes = v);
        integer(root, "clockSkewSeconds", problems).ifPresent(v -> b.clockSkew = Duration.ofSeconds(v));
        integer(root, "maxTokenLifetimeSeconds", problems).ifPresent(v -> b.maxTokenLifetime = Duration.ofSeconds(v));
        integer(root, "replayCacheSize", problems).ifPresent(v -> b.replayCacheSize = (int) Math.min(v,
                Integer.MAX_VALUE));
        integer(root, "issuedCardMemory", problems).ifPresent(v -> b.issuedCardMemory = (int) Math.min(v,
                Integer.MAX_VALUE));
        bool(root, "discoveryRequiresToken", problems).ifPresent(v -> b.discoveryRequiresToken = v);
        text(root, "timeZone", problems).ifPresent(v -> {
            try {
                b.timeZone = ZoneId.of(v);
            } catch (DateTimeException e) {
                problems.add("timeZone '" + v + "' is not a time zone id such as Europe/Berlin or UTC");
            }
        });
        JsonNode issuers = root.get("issuers");
        if (issuers != null) {
            if (!issuers.isArray()) {
                problems.add("issuers must be an array of {\"iss\": ..., \"jwks\": ...}");
            } else {
                for (int i = 0; i < issuers.size(); i++) {
                    JsonNode is = issuers.get(i);
                    String at = "issuers[" + i + "]";
                    known(is, at + ".", problems, "iss", "jwks");
                    Optional<String> iss = text(is, "iss", problems);
                    Optional<String> jwks = text(is, "jwks", problems);
                    if (iss.isEmpty() || jwks.isEmpty()) {
                        problems.add(at + " needs iss and jwks");
                    } else {
                        b.issuer(iss.get(), dir.resolve(jwks.get()).normalize());
                    }
                }
            }
        }
        JsonNode audit = root.get("audit");
        if (audit != null) {
            known(audit, "audit.", problems, "log", "keyVariable", "fsync", "captureInput");
            text(audit, "log", problems).ifPresent(v -> b.auditLog = dir.resolve(v).normalize());
            text(audit, "keyVariable", problems).ifPresent(v -> b.auditKeyVariable = v);
            bool(audit, "fsync", problems).ifPresent(v -> b.auditFsync = v);
            bool(audit, "captureInput", problems).ifPresent(v -> b.auditCaptureInput = v);
        }
        text(root, "conceptMap", problems).ifPresent(v -> b.conceptMap = dir.resolve(v).normalize());
        JsonNode source = root.get("source");
        if (source != null) {
            known(source, "source.", problems, "label", "url");
            text(source, "label", problems).ifPresent(v -> b.sourceLabel = v);
            text(source, "url", problems).ifPresent(v -> b.sourceUrl = uri(v, "source.url", problems));
        }
        problems.addAll(b.problems());
        if (!problems.isEmpty()) {
            throw new CdsHooksConfigException(name, problems);
        }
        return new CdsHooksConfig(b);
    }

    /** @return the interface to listen on, e.g. {@code 127.0.0.1} */
    public String host() {
        return host;
    }

    /** @return the port to listen on; 0 picks a free one */
    public int port() {
        return port;
    }

    /** @return the URL clients reach the service by, without a trailing slash; tokens' {@code aud} starts with it */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the largest accepted request body, in bytes */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return how far the client's clock may be off, for {@code exp} and {@code iat} */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** @return the longest accepted token lifetime ({@code exp - iat}) */
    public Duration maxTokenLifetime() {
        return maxTokenLifetime;
    }

    /** @return how many used token ids are remembered at most */
    public int replayCacheSize() {
        return replayCacheSize;
    }

    /** @return how many issued cards are remembered for linking feedback */
    public int issuedCardMemory() {
        return issuedCardMemory;
    }

    /** @return whether discovery ({@code GET /cds-services}) needs a valid token too */
    public boolean discoveryRequiresToken() {
        return discoveryRequiresToken;
    }

    /** @return the time zone that turns the clock into the evaluation date (ages, twitch durations) */
    public ZoneId timeZone() {
        return timeZone;
    }

    /** @return the trusted token issuers */
    public List<Issuer> issuers() {
        return issuers;
    }

    /** @return the JSON Lines audit log */
    public Path auditLog() {
        return auditLog;
    }

    /** @return the environment variable holding the pseudonym key (its UTF-8 bytes, at least 32) */
    public String auditKeyVariable() {
        return auditKeyVariable;
    }

    /** @return whether each audit record is forced to disk before the answer is sent */
    public boolean auditFsync() {
        return auditFsync;
    }

    /** @return whether audit records keep the input (without the patient reference) for replay */
    public boolean auditCaptureInput() {
        return auditCaptureInput;
    }

    /** @return a concept map file replacing the default one, if configured */
    public Optional<Path> conceptMap() {
        return Optional.ofNullable(conceptMap);
    }

    /** @return the label of every card's source */
    public String sourceLabel() {
        return sourceLabel;
    }

    /** @return the URL of every card's source, if configured */
    public Optional<URI> sourceUrl() {
        return Optional.ofNullable(sourceUrl);
    }

    private static void known(JsonNode node, String prefix, List<String> problems, String... names) {
        if (!node.isObject()) {
            problems.add((prefix.isEmpty() ? "the configuration" : prefix.substring(0, prefix.length() - 1))
                    + " must be an object");
            return;
        }
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problems.add("unknown member " + prefix + f);
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(field + " must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    private static Optional<Long> integer(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            problems.add(field + " must be a whole number");
            return Optional.empty();
        }
        return Optional.of(v.asLong());
    }

    private static Optional<Boolean> bool(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            problems.add(field + " must be true or false");
            return Optional.empty();
        }
        return Optional.of(v.asBoolean());
    }

    private static URI uri(String value, String field, List<String> problems) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            problems.add(field + " '" + value + "' is not a URL");
            return null;
        }
    }

    /** Builds a {@link CdsHooksConfig}; starts with the defaults. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8085;
        private URI baseUrl;
        private long maxBodyBytes = 1024 * 1024;
        private Duration clockSkew = Duration.ofSeconds(30);
        private Duration maxTokenLifetime = Duration.ofMinutes(5);
        private int replayCacheSize = 100_000;
        private int issuedCardMemory = 10_000;
        private boolean discoveryRequiresToken = true;
        private ZoneId timeZone = ZoneId.systemDefault();
        private final List<Issuer> issuers = new ArrayList<>();
        private Path auditLog;
        private String auditKeyVariable = DEFAULT_KEY_VARIABLE;
        private boolean auditFsync;
        private boolean auditCaptureInput;
        private Path conceptMap;
        private String sourceLabel = "twitch-triage (muscle-twitching guideline)";
        private URI sourceUrl;

        private Builder() {
        }

        /** Interface to listen on (default {@code 127.0.0.1}). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to listen on (default 8085; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The URL clients call the service by (required), e.g. {@code https://cds.example.org}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(baseUrl);
            return this;
        }

        /** Largest accepted request body in bytes (default 1 MiB). */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Tolerance for clock differences (default 30 s). */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        /** Longest accepted token lifetime (default 5 min). */
        public Builder maxTokenLifetime(Duration maxTokenLifetime) {
            this.maxTokenLifetime = maxTokenLifetime;
            return this;
        }

        /** Most token ids remembered against replay (default 100,000). */
        public Builder replayCacheSize(int replayCacheSize) {
            this.replayCacheSize = replayCacheSize;
            return this;
        }

        /** Issued cards remembered for feedback (default 10,000). */
        public Builder issuedCardMemory(int issuedCardMemory) {
            this.issuedCardMemory = issuedCardMemory;
            return this;
        }

        /** Whether discovery needs a token (default true). */
        public Builder discoveryRequiresToken(boolean discoveryRequiresToken) {
            this.discoveryRequiresToken = discoveryRequiresToken;
            return this;
        }

        /** Time zone of the evaluation date (default the system's). */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        /** Adds a trusted issuer with the file of its JWK Set (at least one is required). */
        public Builder issuer(String iss, Path jwks) {
            issuers.add(new Issuer(iss, jwks));
            return this;
        }

        /** The JSON Lines audit log (required). */
        public Builder auditLog(Path auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        /** Environment variable with the pseudonym key (default {@value #DEFAULT_KEY_VARIABLE}). */
        public Builder auditKeyVariable(String auditKeyVariable) {
            this.auditKeyVariable = auditKeyVariable;
            return this;
        }

        /** Force each audit record to disk (default false: flushed to the operating system). */
        public Builder auditFsync(boolean auditFsync) {
            this.auditFsync = auditFsync;
            return this;
        }

        /** Keep the input in audit records for replay (default false). */
        public Builder auditCaptureInput(boolean auditCaptureInput) {
            this.auditCaptureInput = auditCaptureInput;
            return this;
        }

        /** A concept map file replacing the default one. */
        public Builder conceptMap(Path conceptMap) {
            this.conceptMap = conceptMap;
            return this;
        }

        /** The source label of every card. */
        public Builder sourceLabel(String sourceLabel) {
            this.sourceLabel = sourceLabel;
            return this;
        }

        /** The source URL of every card. */
        public Builder sourceUrl(String sourceUrl) {
            this.sourceUrl = URI.create(sourceUrl);
            return this;
        }

        private List<String> problems() {
            List<String> p = new ArrayList<>();
            if (host == null || host.isBlank()) {
                p.add("host must not be empty");
            }
            if (port < 0 || port > 65535) {
                p.add("port must be between 0 and 65535");
            }
            if (baseUrl == null) {
                p.add("baseUrl is required (the URL clients call, which tokens name in aud)");
            } else if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                    || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                    || baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
                p.add("baseUrl must be an absolute http(s) URL without query or fragment");
            }
            if (maxBodyBytes < 1024 || maxBodyBytes > MAX_BODY_LIMIT) {
                p.add("maxBodyBytes must be between 1024 and " + MAX_BODY_LIMIT);
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                p.add("clockSkewSeconds must be between 0 and 300");
            }
            if (maxTokenLifetime.compareTo(Duration.ofSeconds(1)) < 0
                    || maxTokenLifetime.compareTo(Duration.ofHours(1)) > 0) {
                p.add("maxTokenLifetimeSeconds must be between 1 and 3600");
            }
            if (replayCacheSize < 1) {
                p.add("replayCacheSize must be at least 1");
            }
            if (issuedCardMemory < 1) {
                p.add("issuedCardMemory must be at least 1");
            }
            if (issuers.isEmpty()) {
                p.add("issuers must name at least one trusted token issuer");
            }
            Set<String> seen = new HashSet<>();
            for (Issuer i : issuers) {
                if (!seen.add(i.iss())) {
                    p.add("issuer " + i.iss() + " is listed twice");
                }
            }
            if (auditLog == null) {
                p.add("audit.log is required: every decision is audited");
            }
            if (auditKeyVariable == null || auditKeyVariable.isBlank()) {
                p.add("audit.keyVariable must name an environment variable");
            }
            if (sourceLabel == null || sourceLabel.isBlank()) {
                p.add("source.label must not be empty");
            }
            return p;
        }

        /**
         * @return the configuration
         * @throws CdsHooksConfigException naming every problem
         */
        public CdsHooksConfig build() {
            List<String> p = problems();
            if (!p.isEmpty()) {
                throw new CdsHooksConfigException("configuration", p);
            }
            return new CdsHooksConfig(this);
        }
    }
}
