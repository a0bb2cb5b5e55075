package org.twitchtriage.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.RuleInfo;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;

/**
 * Integration test: opens the committed {@code docs/rule-catalogue.html} in headless Chromium, as a reviewer would
 * open the file, and checks from the browser's DOM that every rule of the built knowledge base is shown; leaves a
 * screenshot in {@code triage-examples/target/rule-catalogue.png}.
 *
 * <p>Needs Chromium: {@code /usr/bin/chromium}, the first {@code chromium} or {@code chromium-browser} on the
 * {@code PATH}, or the program named by the system property {@value #CHROMIUM_PROPERTY}. Install it with
 * {@code scripts/install-chromium.sh}. On a machine without Chromium the tests are skipped (a JUnit assumption,
 * reported as skipped) and one line on standard output says what was skipped and how to run it. CI sets
 * {@code -D}{@value #REQUIRE_PROPERTY}{@code =true}, which turns a missing browser into a failure, so that a broken
 * install cannot pass unnoticed. {@code -D}{@value #SKIP_PROPERTY}{@code =true} skips the tests even where Chromium
 * is installed.
 */
@Tag("integration")
@DisplayName("Integration: the committed HTML rule catalogue in headless Chromium")
class RuleCatalogueBrowserIntegrationTest {
    /** Set to {@code true} to skip the browser tests on a machine without Chromium. */
    static final String SKIP_PROPERTY = "twitchtriage.skipBrowserTests";
    /** Set to {@code true} (as CI does) to fail, not skip, when Chromium is missing. */
    static final String REQUIRE_PROPERTY = "twitchtriage.requireBrowserTests";
    /** The Chromium program to use instead of the one found on the machine. */
    static final String CHROMIUM_PROPERTY = "twitchtriage.chromium";

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    /** A safety net against a browser that never returns; not a measure of speed. */
    private static final long LIMIT_MINUTES = 5;
    private static final Pattern ARTICLE = Pattern.compile("<article\\b[^>]*\\bdata-rule-id=\"([^\"]*)\"");
    private static final Pattern NODE = Pattern.compile("\\bdata-diagram-rule=\"([^\"]*)\"");

    private static Path chromium;

    /** Why the tests of this class do not run here, or {@code null} when they do. */
    private static String skipReason;

    @BeforeAll
    static void findChromium() {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            skipReason = "skipped on request (-D" + SKIP_PROPERTY + "=true)";
            return;
        }
        chromium = locateChromium();
        if (chromium != null) {
            return;
        }
        String missing = "Chromium was not found at /usr/bin/chromium or on the PATH";
        String howTo = "install it with scripts/install-chromium.sh (Debian: apt-get install chromium) or name the "
                + "program with -D" + CHROMIUM_PROPERTY + "=PATH";
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            fail(missing + ", and -D" + REQUIRE_PROPERTY + "=true makes the browser test of the HTML rule "
                    + "catalogue mandatory: " + howTo);
        }
        skipReason = missing + "; to run it, " + howTo + ", then run mvn -B verify again";
        // One line in the build's output, as JUnit reports assumptions only as a count.
        System.out.println("SKIPPED: browser test of the HTML rule catalogue (" + skipReason + ")");
    }

    /** Skips each test, so that every one is reported as skipped, not left out. */
    @BeforeEach
    void skipWithoutBrowser() {
        assumeTrue(skipReason == null, () -> "browser test of the HTML rule catalogue " + skipReason);
    }

    private static Path locateChromium() {
        String named = System.getProperty(CHROMIUM_PROPERTY);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!Files.isExecutable(p)) {
                fail("-D" + CHROMIUM_PROPERTY + " names " + p + ", which is not an executable file");
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Runs headless Chromium on the committed catalogue with a fresh profile.
     *
     * @param profile an empty folder for the browser's profile
     * @param stdout  where the browser's standard output goes
     * @param args    what to do (e.g. {@code --dump-dom})
     */
    private static void chromium(Path profile, Path stdout, String... args) throws IOException, InterruptedException {
        Path page = ROOT.resolve(GenerateKnowledgeDocs.HTML_CATALOGUE_FILE);
        assertThat(page).as("the committed catalogue").isRegularFile();
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path stderr = Path.of(stdout + ".stderr");
        Process browser = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!browser.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            browser.destroyForcibly();
            fail("Chromium did not finish within " + LIMIT_MINUTES + " minutes; its messages are in " + stderr);
        }
        assertThat(browser.exitValue()).as("Chromium's exit code (its messages: %s)", stderr).isZero();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    @DisplayName("the browser's DOM holds one entry and one diagram node for every rule of the knowledge base")
    void domShowsEveryRule(@TempDir Path profile) throws Exception {
        Files.createDirectories(TARGET);
        Path dom = TARGET.resolve("rule-catalogue.dom.html");

        chromium(profile, dom, "--dump-dom");

        String html = Files.readString(dom, StandardCharsets.UTF_8);
        List<String> ids = TriageEngine.create().rules().stream().map(RuleInfo::id).toList();
        assertThat(ids).isNotEmpty();
        assertThat(all(ARTICLE, html)).as("rule entries (data-rule-id) in the DOM")
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all(NODE, html)).as("rule nodes of the diagrams in the DOM")
                .containsExactlyInAnyOrderElementsOf(ids);
        Set<String> anchors = new HashSet<>(all(Pattern.compile("\\bid=\"([^\"]+)\""), html));
        for (Passage p : Guideline.muscleTwitching().passages()) {
            assertThat(anchors).as("anchor of passage %s", p.id()).contains("passage-" + p.id());
        }
        assertThat(html).as("the page parsed as written: no scripts, nothing loaded").doesNotContain("<script");
    }

    @Test
    @DisplayName("a screenshot shows the page itself: its disclaimer and its first diagram")
    void screenshot(@TempDir Path profile) throws Exception {
        Files.createDirectories(TARGET);
        Path png = TARGET.resolve("rule-catalogue.png");
        Files.deleteIfExists(png);

        chromium(profile, TARGET.resolve("rule-catalogue.screenshot.log"), "--hide-scrollbars",
                "--window-size=1280,2400", "--screenshot=" + png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at %s", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // the page's own colours, drawn as solid areas near the top: the disclaimer's red bar, and the fill of
        // the guideline passages in the first diagram; a blank page or an error page has neither
        assertThat(colours).as("colours in %s", png).contains(0xB71C1C, 0xFFF8D6);
    }
}
