package org.twitchtriage.authoring.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.authoring.source.RuleSourceFile;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

@DisplayName("Compiling a rules folder at run time")
class RulesFolderTest {
    private static final Path CLEAN = Path.of("src", "test", "resources", "lint", "clean");

    private static TriageRequest calfTwitch(Symptom... symptoms) {
        Twitch.TwitchBuilder t = Twitch.builder().id("t1").site(BodySite.CALF).course(Course.NEW);
        for (Symptom s : symptoms) {
            t.symptom(s);
        }
        return TriageRequest.builder().patient(Patient.builder().reference("folder-test").ageYears(40).sex(Sex.MALE)
                .build()).twitch(t.build()).build();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s", file).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the rule language, DRL and the folder's own DSL become one engine, labelled with the folder")
    void cleanFolder_becomesAnEngine() {
        RulesFolder folder = RulesFolder.at(CLEAN);
        TriageEngine engine = folder.engine(EngineOptions.defaults());

        assertThat(engine.rules()).extracting(r -> r.id()).containsExactly("CALF-REASSURE", "REF-HAND", "REF-PAIN",
                "RF-PAIN");
        assertThat(engine.knowledgeBase().releaseId()).isEqualTo("folder:" + CLEAN.toAbsolutePath().normalize());
        assertThat(engine.knowledgeBase().rulesSha256()).isEqualTo(folder.digest()).hasSize(64);

        TriageDecision withPain = engine.evaluate(calfTwitch(Symptom.PAIN));
        assertThat(withPain.highestUrgency()).isEqualTo(Urgency.SOON);
        assertThat(withPain.has(FindingCode.SEE_DOCTOR)).isTrue();
        assertThat(withPain.has(FindingCode.USUALLY_HARMLESS)).isFalse();
        assertThat(engine.evaluate(calfTwitch()).has(FindingCode.USUALLY_HARMLESS)).isTrue();
    }

    @Test
    @DisplayName("the digest covers content: an edit changes it, an identical copy keeps it")
    void digest_followsContent(@TempDir Path dir) throws IOException {
        Path copy = copy(CLEAN, dir.resolve("copy"));
        assertThat(RulesFolder.at(copy).digest()).isEqualTo(RulesFolder.at(CLEAN).digest());

        replace(copy.resolve("pain.dslr"), "harmless cause.", "harmless cause!");

        assertThat(RulesFolder.at(copy).digest()).isNotEqualTo(RulesFolder.at(CLEAN).digest());
    }

    @Test
    @DisplayName("an edit is seen on the next compile, without rebuilding anything")
    void edit_isSeenOnTheNextCompile(@TempDir Path dir) throws IOException {
        Path copy = copy(CLEAN, dir.resolve("copy"));
        RulesFolder folder = RulesFolder.at(copy);
        assertThat(folder.engine(EngineOptions.defaults()).evaluate(calfTwitch()).has(FindingCode.STRESS)).isFalse();

        replace(copy.resolve("pain.dslr"), "    reassure: \"Calf twitching usually has a harmless cause.\"",
                "    reassure: \"Calf twitching usually has a harmless cause.\"\n"
                        + "    suggest the hypothesis stress: \"Stress often lies behind twitching.\"");

        assertThat(folder.engine(EngineOptions.defaults()).evaluate(calfTwitch()).has(FindingCode.STRESS)).isTrue();
    }

    @Test
    @DisplayName("a compile error below a qualifying line is placed on the line where it is written")
    void compileError_inRuleLanguage_isOnItsWrittenLine(@TempDir Path dir) throws IOException {
        Path copy = copy(CLEAN, dir.resolve("copy"));
        // line 41 of pain.dslr, below a qualifying line that the expander joins to the lines above them
        replace(copy.resolve("pain.dslr"), "    the twitch has no red flag and no referral",
                ">   Twitch( this == $t, sympotms contains Symptom.PAIN )");

        RulesFolder.Compilation c = RulesFolder.at(copy).compile("twitch-triage");

        assertThat(c.succeeded()).isFalse();
        assertThat(c.problems()).extracting(RuleProblem::toString).containsExactly(
                "pain.dslr:41: cannot understand the condition \"sympotms contains Symptom.PAIN\" (is a field or "
                        + "value misspelt?)");
    }

    @Test
    @DisplayName("an explanation without its quotes, or with a quote inside, is named before the compiler trips on it")
    void explanation_mustBeQuoted(@TempDir Path dir) throws IOException {
        Path copy = copy(CLEAN, dir.resolve("copy"));
        replace(copy.resolve("pain.dslr"), "reassure: \"Calf twitching usually has a harmless cause.\"",
                "reassure: Calf twitching usually has a harmless cause.");
        replace(copy.resolve("pain.dslr"), "\"Twitching with pain should", "\"Twitching with \"pain\" should");

        assertThat(RulesFolder.at(copy).compile("twitch-triage").problems()).extracting(RuleProblem::toString)
                .containsExactly(
                        "pain.dslr:33: the explanation of \"refer to a doctor soon: <explanation>\" must be one text "
                                + "in double quotes, with no double quote inside it; it is written \"Twitching with "
                                + "\"pain\" should be examined by a doctor.\"",
                        "pain.dslr:43: the explanation of \"reassure: <explanation>\" must be one text in double "
                                + "quotes, with no double quote inside it; it is written Calf twitching usually has "
                                + "a harmless cause.");
    }

    @Test
    @DisplayName("an engine is refused with every problem, as file:line: message")
    void brokenFolder_refusesAnEngine() {
        assertThatThrownBy(() -> RulesFolder.at(CLEAN.resolveSibling("unknown-sentence"))
                .engine(EngineOptions.defaults()))
                .isInstanceOfSatisfying(RulesFolderException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::line).containsExactly(20, 23))
                .hasMessageContaining("do not compile (2 problems)");
    }

    @Test
    @DisplayName("a folder with a kmodule must declare the engine's knowledge base")
    void kmodule_namesTheKnowledgeBase(@TempDir Path dir) throws IOException {
        Path copy = copy(CLEAN, dir.resolve("copy"));
        Files.createDirectories(copy.resolve("META-INF"));
        Files.writeString(copy.resolve("META-INF/kmodule.xml"), """
                <kmodule xmlns="http://www.drools.org/xsd/kmodule">
                  <kbase name="other" default="true"><ksession name="other-session" default="true"/></kbase>
                </kmodule>
                """);

        assertThat(RulesFolder.at(copy).compile("twitch-triage").problems()).extracting(RuleProblem::toString)
                .containsExactly("META-INF/kmodule.xml: declares no knowledge base named 'twitch-triage' (it declares "
                        + "[other])");
        assertThat(RulesFolder.at(copy).compile("other").succeeded()).isTrue();
    }

    @Test
    @DisplayName("a folder that does not exist is refused at once")
    void missingFolder_isRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> RulesFolder.at(dir.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("rule files are read as written and as the DRL they expand to, with lines mapped back")
    void ruleFiles_mapLinesBack() {
        RuleSourceFile dslr = RulesFolder.at(CLEAN).ruleFiles().stream().filter(f -> f.path().equals("pain.dslr"))
                .findFirst().orElseThrow();

        assertThat(dslr.format()).isEqualTo(RuleSource.Format.DSL);
        assertThat(dslr.problems()).isEmpty();
        // "there is a twitch in the calf" (line 40) stands one DRL line higher: the qualifier above was joined
        assertThat(dslr.lineOf("$t : Twitch( site == BodySite.CALF )")).isEqualTo(40);
        RuleSource calf = dslr.rules().get(2);
        assertThat(calf.line()).isEqualTo(36);
        assertThat(calf.lineOf(RuleSource.SOURCE)).isEqualTo(38);
        assertThat(calf.sentences().when()).containsExactly("there is a twitch in the calf",
                "the twitch has no red flag and no referral");
    }
}
