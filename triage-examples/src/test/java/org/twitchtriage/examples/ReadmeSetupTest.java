package org.twitchtriage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README promises two commands on a fresh machine, one that runs the main job on a bundled case and one that
 * runs the tests; CI ({@code .ci/run}) must run exactly those, so that the README cannot drift from what CI proves.
 * The commands are read from the README's set-up section: the lines of its first {@code bash} block marked
 * {@code # run:} and {@code # test:}.
 */
@DisplayName("README: the two set-up commands are the ones CI runs")
class ReadmeSetupTest {
    private static final Path ROOT = Path.of("..");
    private static final String SECTION = "## Set-up on a fresh machine";
    /** The property with which CI makes the browser test mandatory (RuleCatalogueBrowserIntegrationTest). */
    private static final String REQUIRE_BROWSER = "-Dtwitchtriage.requireBrowserTests=true";

    /** The two commands of the README's set-up section. */
    record SetupCommands(String run, String test) {
    }

    static SetupCommands setupCommands(String readme) {
        int section = readme.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException("the README has no section '" + SECTION + "'");
        }
        int open = readme.indexOf("```bash\n", section);
        int close = open < 0 ? -1 : readme.indexOf("```", open + 8);
        if (open < 0 || close < 0) {
            throw new IllegalStateException("the README's set-up section has no ```bash block");
        }
        String run = null;
        String test = null;
        for (String line : readme.substring(open + 8, close).split("\n")) {
            int hash = line.indexOf("# ");
            String command = (hash < 0 ? line : line.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : line.substring(hash + 2).strip();
            if (comment.startsWith("run:")) {
                run = command;
            } else if (comment.startsWith("test:")) {
                test = command;
            }
        }
        if (run == null || test == null) {
            throw new IllegalStateException("the README's set-up block needs one line marked '# run:' and one "
                    + "marked '# test:'");
        }
        return new SetupCommands(run, test);
    }

    /** @return the commands of a shell script, comments and blank lines left out */
    static List<String> commands(String script) {
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n")) {
            String command = line.strip();
            int comment = command.indexOf(" #");
            if (comment >= 0) {
                command = command.substring(0, comment).strip();
            }
            if (!command.isEmpty() && !command.startsWith("#")) {
                out.add(command);
            }
        }
        return out;
    }

    /**
     * @return whether {@code command} is {@code expected}, possibly followed by Maven properties ({@code -D...})
     *         or profiles ({@code -P...}) only, none of which skips anything
     */
    static boolean runsWithOnlyProperties(String command, String expected) {
        List<String> words = Arrays.asList(command.split("\\s+"));
        List<String> wanted = Arrays.asList(expected.split("\\s+"));
        if (words.size() < wanted.size() || !words.subList(0, wanted.size()).equals(wanted)) {
            return false;
        }
        return words.subList(wanted.size(), words.size()).stream()
                .allMatch(w -> (w.startsWith("-D") || w.startsWith("-P")) && !w.toLowerCase().contains("skip"));
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    @Test
    @DisplayName("CI runs the README's test command (with properties only), after installing Chromium")
    void ciRunsTheReadmeTestCommand() throws IOException {
        SetupCommands readme = setupCommands(read("README.md"));
        List<String> ci = commands(read(".ci/run"));

        List<String> testRuns = ci.stream().filter(c -> runsWithOnlyProperties(c, readme.test())).toList();
        assertThat(testRuns).as("commands of .ci/run that are the README's test command '%s'", readme.test())
                .isNotEmpty();
        assertThat(testRuns).as("CI makes the browser test mandatory").allMatch(c -> c.contains(REQUIRE_BROWSER));
        int install = ci.indexOf("scripts/install-chromium.sh");
        assertThat(install).as("CI installs Chromium").isNotNegative();
        assertThat(install).as("CI installs Chromium before the tests").isLessThan(ci.indexOf(testRuns.get(0)));
    }

    @Test
    @DisplayName("CI runs the README's run command verbatim on the bundled case")
    void ciRunsTheReadmeRunCommand() throws IOException {
        SetupCommands readme = setupCommands(read("README.md"));

        assertThat(commands(read(".ci/run"))).contains(readme.run());
        String caseFile = readme.run().substring(readme.run().lastIndexOf(' ') + 1);
        assertThat(ROOT.resolve(caseFile)).as("the bundled case the run command decides").isRegularFile();
    }

    @Test
    @DisplayName("the check notices a README whose test command differs from CI's")
    void driftIsNoticed() {
        String readme = SECTION + "\n\n```bash\n./twitch-triage evaluate x.json   # run: decide\n"
                + "mvn -B -Pall verify   # test: every test\n```\n";
        SetupCommands commands = setupCommands(readme);

        assertThat(commands.test()).isEqualTo("mvn -B -Pall verify");
        assertThat(runsWithOnlyProperties("mvn -B verify -Dx=1", commands.test())).isFalse();
        assertThat(runsWithOnlyProperties("mvn -B -Pall verify -Dx=1 -Pci", commands.test())).isTrue();
        assertThat(runsWithOnlyProperties("mvn -B -Pall verify -Dci=1 install", commands.test())).isFalse();
        assertThat(runsWithOnlyProperties("mvn -B -Pall verify -DskipTests", commands.test())).isFalse();
        assertThatThrownBy(() -> setupCommands("# no set-up here"))
                .hasMessageContaining(SECTION);
    }
}
