package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.cdshooks.demo.DemoToken;

/** Reading the service configuration file. */
class CdsHooksConfigTest {
    @Test
    @DisplayName("the bundled demo configuration loads, with paths resolved against its folder")
    void demoConfig_loads() {
        CdsHooksConfig c = CdsHooksConfig.load(Path.of("config", "demo.json"));

        assertThat(c.baseUrl().toString()).isEqualTo("http://localhost:8085");
        assertThat(c.port()).isEqualTo(8085);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.issuers()).singleElement().satisfies(i -> {
            assertThat(i.iss()).isEqualTo(DemoToken.ISSUER);
            assertThat(i.jwks()).isEqualTo(Path.of("target", "demo", "ehr-jwks.json").toAbsolutePath());
        });
        assertThat(c.audit().log()).isEqualTo(Path.of("target", "demo", "audit.jsonl").toAbsolutePath());
        assertThat(c.audit().keyVariable()).isEqualTo(CdsHooksConfig.DEFAULT_KEY_VARIABLE);
        assertThat(c.discoveryRequiresToken()).isTrue();
        assertThat(c.maxTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("the EHR example configuration loads: JWK Set URL, jku allow-list, FHIR server, CORS, limits")
    void ehrExampleConfig_loads() {
        CdsHooksConfig c = CdsHooksConfig.load(Path.of("config", "ehr-example.json"));

        CdsHooksConfig.Issuer ehr = c.issuers().get(0);
        assertThat(ehr.jwks()).isNull();
        assertThat(ehr.jwksUrl()).hasToString("https://ehr.example.org/.well-known/jwks.json");
        assertThat(ehr.jku()).hasSize(1);
        assertThat(ehr.fhirServers()).extracting(Object::toString).containsExactly("https://ehr.example.org/fhir/r4");
        assertThat(c.extraAlgorithms()).containsExactly("ES256");
        assertThat(c.corsOrigins()).containsExactly("https://ehr.example.org");
        assertThat(c.fetch().maxPages()).isEqualTo(10);
        assertThat(c.fetch().jwksMinRefreshSeconds()).isLessThan(c.fetch().jwksCacheSeconds());
    }

    @Test
    @DisplayName("every problem of a configuration file is named at once")
    void badConfig_namesEveryProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"port": 70000, "baseUrl": "ftp://x", "maxBodyBytes": "big", "issuers": [{"iss": "a"}],
                 "audit": {"fsync": "yes"}, "colour": "blue", "timeZone": "Mars/Olympus"}
                """, StandardCharsets.UTF_8);

        CdsHooksConfigException e = catchThrowableOfType(CdsHooksConfigException.class,
                () -> CdsHooksConfig.load(file));

        assertThat(e.problems()).contains("colour: unknown field; expected one of: comment, host, port, baseUrl,"
                        + " maxBodyBytes, clockSkewSeconds, maxTokenLifetimeSeconds, replayCacheSize,"
                        + " issuedCardMemory, discoveryRequiresToken, timeZone, issuers, audit, conceptMap, source,"
                        + " extraAlgorithms, corsOrigins, fetch",
                "maxBodyBytes: must be a whole number, was text",
                "issuers[0]: needs its keys: jwks (a file), jwksUrl, or jku (allowed JWK Set URLs)",
                "audit.fsync: must be true or false, was text", "port: must be between 0 and 65535",
                "baseUrl: must be an absolute http(s) URL without query or fragment",
                "audit.log: is missing", "timeZone: must be a time zone id such as Europe/Berlin or UTC");
        assertThat(e.problems()).as("a value is never repeated").noneMatch(p -> p.contains("Mars"));
    }

    @Test
    @DisplayName("a base URL's trailing slash is dropped, so tokens name endpoints with one slash")
    void baseUrl_trailingSlashDropped() {
        CdsHooksConfig c = CdsHooksConfig.read("""
                {"baseUrl": "https://cds.example.org/twitch/", "issuers": [{"iss": "i", "jwks": "k.json"}],
                 "audit": {"log": "a.jsonl"}}""", Path.of("."));

        assertThat(c.baseUrl().toString()).isEqualTo("https://cds.example.org/twitch");
    }

    @Test
    @DisplayName("a file that is not JSON is reported, not thrown as a parser error")
    void notJson_isReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "port = 1", StandardCharsets.UTF_8);

        assertThat(catchThrowableOfType(CdsHooksConfigException.class, () -> CdsHooksConfig.load(file))
                .problems()).singleElement().asString().startsWith("cannot read it: configuration: malformed JSON at line 1");
    }
}
