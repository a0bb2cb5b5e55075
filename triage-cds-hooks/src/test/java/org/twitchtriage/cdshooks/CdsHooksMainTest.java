package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command that starts the service: arguments and configuration problems, before anything listens. */
class CdsHooksMainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return CdsHooksMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("without --config it prints the usage and exits with 2")
    void noArguments_usage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "--config FILE");
    }

    @Test
    @DisplayName("an unusable configuration exits with 2 and lists every problem")
    void badConfiguration_listsProblems(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"baseUrl\": \"http://localhost:1\", \"issuers\": [{\"iss\": \"x\", \"jwks\": "
                + "\"missing.json\"}], \"audit\": {\"log\": \"a.jsonl\", \"keyVariable\": \"NO_SUCH_VARIABLE_HERE\"}}",
                StandardCharsets.UTF_8);

        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("issuer x: cannot read JWK Set",
                "NO_SUCH_VARIABLE_HERE must hold the audit pseudonym key");
        assertThat(Files.exists(dir.resolve("a.jsonl"))).as("no audit log is opened").isFalse();
    }
}
