package org.twitchtriage.authoring.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference of the rule language as a Markdown document for rule authors: every sentence of a DSL file, in the
 * order and under the section headings of the file, with the DRL it stands for. A section heading is a comment line
 * right below a comment line of dashes ({@code # ---}), as the project's DSL file writes them. The output depends only
 * on the DSL text, so a committed copy can be compared with a fresh one. Stateless.
 */
public final class DslReference {
    private DslReference() {
    }

    /**
     * @param dslPath where the DSL file lives, as the document should name it (for example
     *                {@code triage-rules/src/main/resources/org/twitchtriage/rules/twitch-triage.dsl})
     * @param dslText the DSL file's text
     * @return the reference in Markdown
     * @throws IllegalArgumentException when the text is not a valid DSL
     */
    public static String markdown(String dslPath, String dslText) {
        Objects.requireNonNull(dslPath, "dslPath");
        List<DslSentence> sentences = DslExpander.of(Map.of(dslPath, dslText)).sentences();
        List<Section> sections = sections(dslText, sentences);
        StringBuilder md = new StringBuilder();
        md.append("# The rule language: every sentence\n\n")
          .append("Generated from `").append(dslPath).append("`; do not edit by hand. ")
          .append(sentences.size()).append(" sentences. How to write rules with them: ")
          .append("[AUTHORING.md](../AUTHORING.md).\n\n")
          .append("Write each sentence on its own line, exactly as below. Words in angle brackets are filled in: ")
          .append("`<years>` and `<days>` with a whole number, `<explanation>` with the explanation for the patient ")
          .append("in double quotes. A condition starting with `-` adds to the twitch sentence above it. The second ")
          .append("column is the DRL the sentence stands for, for readers who know DRL.\n");
        for (Section s : sections) {
            md.append("\n## ").append(s.heading()).append("\n\n")
              .append("| Sentence | Stands for (DRL) |\n")
              .append("|---|---|\n");
            for (DslSentence sentence : s.sentences()) {
                md.append("| `").append(cell(sentence.readable())).append("` | `").append(cell(sentence.drl()))
                  .append("` |\n");
            }
        }
        return md.toString();
    }

    private record Section(String heading, List<DslSentence> sentences) {
    }

    private static List<Section> sections(String dslText, List<DslSentence> sentences) {
        List<Section> sections = new ArrayList<>();
        String heading = "Sentences";
        String previous = "";
        List<DslSentence> current = new ArrayList<>();
        int next = 0;
        for (String raw : dslText.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#") && previous.startsWith("# ---") && !line.startsWith("# ---")) {
                if (!current.isEmpty()) {
                    sections.add(new Section(heading, List.copyOf(current)));
                    current.clear();
                }
                heading = line.substring(1).strip();
            } else if (line.startsWith("[") && next < sentences.size()) {
                current.add(sentences.get(next++));
            }
            previous = line;
        }
        if (!current.isEmpty()) {
            sections.add(new Section(heading, List.copyOf(current)));
        }
        if (next != sentences.size()) {
            throw new IllegalArgumentException("the DSL has " + sentences.size() + " sentences, but " + next
                    + " lines starting with '['");
        }
        return sections;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
