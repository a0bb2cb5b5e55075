package org.twitchtriage.guideline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GuidelineTest {
    private final Guideline guideline = Guideline.muscleTwitching();

    /** The passage IDs as the index file lists them, read independently of {@link Guideline}. */
    private static List<String> idsInFileOrder() throws IOException {
        try (InputStream in = Guideline.class.getResourceAsStream("muscle-twitching.tsv")) {
            assertThat(in).as("guideline index resource").isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('\t')))
                    .toList();
        }
    }

    @Test
    @DisplayName("the index holds the guideline's 62 passages, each ID once, in the guideline's order")
    void index_has62UniquePassagesInOrder() throws IOException {
        List<String> ids = guideline.passages().stream().map(Passage::id).toList();

        assertThat(ids).hasSize(62).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyElementsOf(idsInFileOrder());
        assertThat(ids.get(0)).isEqualTo("PREG-1");
        assertThat(ids.get(61)).isEqualTo("LIP-1");
        assertThat(guideline.passages()).allSatisfy(p -> {
            assertThat(p.section()).as("section of %s", p.id()).isNotBlank();
            assertThat(p.summary()).as("summary of %s", p.id()).isNotBlank();
        });
    }

    @Test
    @DisplayName("finds a passage by ID and nothing for an ID it does not have")
    void passageLookup() {
        assertThat(guideline.name()).isEqualTo(Guideline.MUSCLE_TWITCHING);
        assertThat(guideline.passage("CALF-6")).get().extracting(Passage::section).isEqualTo("Calf");
        assertThat(guideline.passage("CALF-99")).isEmpty();
        assertThat(Guideline.muscleTwitching()).isSameAs(guideline);
    }

    @Test
    @DisplayName("reads a rule's citations in the order written")
    void parseCitations_acceptsSeveralCitations() {
        assertThat(guideline.parseCitations("muscle-twitching#CALF-6, muscle-twitching#PREG-2"))
                .containsExactly("CALF-6", "PREG-2");
        assertThat(guideline.parseCitations("muscle-twitching#LID-3")).containsExactly("LID-3");
        assertThat(guideline.parseCitations(" muscle-twitching#UARM-10 ,muscle-twitching#UARM-1"))
                .containsExactly("UARM-10", "UARM-1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    @DisplayName("refuses a rule that cites nothing")
    void parseCitations_rejectsEmpty(String source) {
        assertThatThrownBy(() -> guideline.parseCitations(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no citation given");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CALF-6 | malformed citation 'CALF-6'
            muscle-twitching#calf-6 | malformed citation 'muscle-twitching#calf-6'
            muscle-twitching#CALF | malformed citation 'muscle-twitching#CALF'
            muscle-twitching#CALF-6 muscle-twitching#PREG-2 | malformed citation 'muscle-twitching#CALF-6 muscle-twitching#PREG
            muscle-twitching#CALF-6,,muscle-twitching#PREG-2 | malformed citation ''
            muscle-twitching#CALF-6, | malformed citation ''
            ',muscle-twitching#CALF-6' | malformed citation ''
            back-pain#CALF-6 | citation 'back-pain#CALF-6' names guideline 'back-pain', expected 'muscle-twitching'
            muscle-twitching#CALF-6, back-pain#DX-1 | names guideline 'back-pain'
            muscle-twitching#CALF-99 | citation 'muscle-twitching#CALF-99': the guideline has no passage CALF-99
            muscle-twitching#PREG-2, muscle-twitching#XYZ-1 | the guideline has no passage XYZ-1
            """)
    @DisplayName("refuses a malformed citation, another guideline or an unknown passage, saying which")
    void parseCitations_rejectsBadCitations(String source, String problem) {
        assertThatThrownBy(() -> guideline.parseCitations(source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
