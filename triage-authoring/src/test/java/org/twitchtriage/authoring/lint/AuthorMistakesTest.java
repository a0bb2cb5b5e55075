package org.twitchtriage.authoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.authoring.source.RuleProblem;

/**
 * Slips an author makes while editing, each applied to a copy of the clean test folder ({@code lint/clean}): the
 * linter names each on its line in words, where the compiler alone would report something cryptic or point elsewhere.
 */
@DisplayName("Everyday slips while editing a rule file")
class AuthorMistakesTest {
    private static final RuleLinter LINTER = RuleLinter.muscleTwitching();

    @TempDir
    Path dir;

    static Stream<Arguments> slips() {
        return Stream.of(
                Arguments.of("a rule without its end",
                        "    flag pain: \"Pain with twitching can point to an irritated nerve.\"\nend\n",
                        "    flag pain: \"Pain with twitching can point to an irritated nerve.\"\n",
                        List.of("pain.dslr:25: a new rule starts here, but the rule above it (line 16) has no "
                                + "\"end\"")),
                Arguments.of("a conclusion without the then above it",
                        "then\n    refer to a doctor soon", "    refer to a doctor soon",
                        List.of("pain.dslr:32: \"refer to a doctor soon: \"Twitching with pain should be examined by "
                                + "a doctor.\"\" is not a condition of the rule language (twitch-triage.dsl), but a "
                                + "conclusion: is the \"then\" line above it missing?")),
                Arguments.of("a qualifying line without the twitch sentence above it",
                        "    there is a twitch at any body site\n    - it comes with pain\n",
                        "    - it comes with pain\n",
                        List.of("pain.dslr:20: \"- it comes with pain\" adds to the twitch sentence right above it "
                                + "(such as \"there is a twitch in the calf\"), but there is none: put it directly "
                                + "below the sentence that names the twitch")),
                Arguments.of("a condition that starts as a sentence and goes on",
                        "    there is a twitch in the calf\n", "    there is a twitch in the calf and the hand\n",
                        List.of("pain.dslr:40: \"there is a twitch in the calf and the hand\" is not a condition of "
                                + "the rule language (twitch-triage.dsl): it begins with the sentence \"there is a "
                                + "twitch in the calf\", but \"and the hand\" is not part of it")),
                Arguments.of("two rules of one name",
                        "rule \"Referral: pain -> see a doctor\"", "rule \"Red flag: twitch with pain\"",
                        List.of("pain.dslr:26: another rule of the same package is already named \"Red flag: twitch "
                                + "with pain\"; rule names must be unique")),
                Arguments.of("a passage cited without the guideline's name",
                        "@source(\"muscle-twitching#CALF-1, muscle-twitching#CALF-2\")",
                        "@source(\"CALF-1, muscle-twitching#CALF-2\")",
                        List.of("pain.dslr:38: rule \"Calf: no warning sign -> usually harmless\" cites \"CALF-1\" "
                                + "without the guideline's name: write muscle-twitching#CALF-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    @DisplayName("each slip is named on its line")
    void slip_isNamedOnItsLine(String slip, String from, String to, List<String> expected) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rules"));
        Path clean = RuleLinterTest.FIXTURES.resolve("clean");
        for (String f : List.of("pain.dslr", "hand.drl", "twitch-triage.dsl")) {
            Files.copy(clean.resolve(f), folder.resolve(f));
        }
        Path file = folder.resolve("pain.dslr");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("the clean folder's pain.dslr").contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);

        assertThat(LINTER.lint(folder)).extracting(RuleProblem::toString).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unresolved")
    @DisplayName("a conclusion that names something no condition binds is placed on the rule's conclusion")
    void unresolvedName_isPlacedOnItsLine(String name, String drl, String expected) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("drl"));
        Files.writeString(folder.resolve("x.drl"), drl, StandardCharsets.UTF_8);

        assertThat(LINTER.lint(folder)).extracting(RuleProblem::toString).containsExactly(expected);
    }

    @Test
    @DisplayName("conditions on the one patient of a request are read together: pregnant and not pregnant never meet")
    void patientConditions_areReadTogether() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("patient"));
        Files.writeString(folder.resolve("x.drl"), """
                package fixtures;

                import org.twitchtriage.model.Conclusion;
                import org.twitchtriage.model.Patient;
                import org.twitchtriage.model.Twitch;

                rule "Pregnancy: twitching when not pregnant -> stress"
                    @id("PREG-X") @source("muscle-twitching#PREG-1")
                when
                    Patient( pregnant )
                    $t : Twitch()
                    Patient( pregnant == false )
                then
                    insertLogical(Conclusion.reassurance($t, "Twitching usually passes."));
                end
                """, StandardCharsets.UTF_8);

        assertThat(LINTER.lint(folder)).extracting(RuleProblem::toString).containsExactly(
                "x.drl:7: rule \"Pregnancy: twitching when not pregnant -> stress\" can never fire: \"pregnant\" and "
                        + "\"pregnant == false\" cannot both hold for the patient");
    }

    static Stream<Arguments> unresolved() {
        String drl = """
                package fixtures;

                import org.twitchtriage.model.BodySite;
                import org.twitchtriage.model.Conclusion;
                import org.twitchtriage.model.Twitch;

                rule "Calf: usually passes"
                    @id("CALF-X") @source("muscle-twitching#CALF-2")
                when
                    $t : Twitch( site == BodySite.CALF )
                then
                    insertLogical(Conclusion.reassurance(%s, "Calf twitching usually passes."));
                end
                """;
        return Stream.of(Arguments.of("a misspelt binding", drl.formatted("$x"),
                "x.drl:12: the conclusions use $x, which no condition of the rule names"));
    }
}
