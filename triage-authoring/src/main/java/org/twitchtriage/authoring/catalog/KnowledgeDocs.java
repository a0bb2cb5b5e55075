package org.twitchtriage.authoring.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.FindingCode;

/**
 * Builds the guideline coverage report and the rule catalogue as Markdown, and lists coverage problems. Rules that go
 * beyond the guideline ({@code @extension}) are listed apart, with the reason each gives. The output depends only on
 * its inputs (no dates), so a committed copy can be compared with a fresh one. Immutable.
 */
public final class KnowledgeDocs {
    private final Guideline guideline;
    private final List<RuleSource> rules;
    private final Map<String, String> descriptive;

    /**
     * @param guideline   the passage index
     * @param rules       the rules as written
     * @param descriptive passage ID to the reason it holds nothing to encode
     */
    public KnowledgeDocs(Guideline guideline, List<RuleSource> rules, Map<String, String> descriptive) {
        this.guideline = guideline;
        this.rules = List.copyOf(rules);
        this.descriptive = Map.copyOf(descriptive);
    }

    /**
     * Parses the list of descriptive passages: one {@code ID<TAB>reason} per line; {@code #} starts a comment.
     *
     * @throws IllegalArgumentException naming the line, when a line is malformed or repeats an ID
     */
    public static Map<String, String> parseDescriptive(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected passage ID, a tab, and a reason");
            }
            if (out.put(cols[0].trim(), cols[1].trim()) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": passage " + cols[0] + " is listed twice");
            }
        }
        return out;
    }

    /** @return passage ID to the rules citing it, for every passage of the guideline in its order */
    public Map<String, List<RuleSource>> citations() {
        Map<String, List<RuleSource>> out = new LinkedHashMap<>();
        guideline.passages().forEach(p -> out.put(p.id(), new ArrayList<>()));
        for (RuleSource r : rules) {
            if (r.source() == null) {
                continue;
            }
            for (String id : r.citations(guideline)) {
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** @return every coverage problem in plain words; empty when each passage is cited or marked descriptive */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<RuleSource>> citations = citations();
        for (Passage p : guideline.passages()) {
            boolean cited = !citations.get(p.id()).isEmpty();
            boolean marked = descriptive.containsKey(p.id());
            if (!cited && !marked) {
                problems.add(p.id() + ": neither cited by a rule nor marked descriptive");
            } else if (cited && marked) {
                problems.add(p.id() + ": marked descriptive but cited by "
                        + citations.get(p.id()).stream().map(RuleSource::id).collect(Collectors.joining(", ")));
            }
        }
        for (String id : descriptive.keySet()) {
            if (guideline.passage(id).isEmpty()) {
                problems.add(id + ": marked descriptive but the guideline has no such passage");
            }
        }
        return problems;
    }

    /** @return the coverage report in Markdown */
    public String coverageReport() {
        Map<String, List<RuleSource>> citations = citations();
        long cited = citations.values().stream().filter(l -> !l.isEmpty()).count();
        StringBuilder md = new StringBuilder();
        md.append("# Guideline coverage: ").append(guideline.name()).append("\n\n")
          .append("Generated from the rule files and `descriptive-passages.tsv`; do not edit by hand.\n")
          .append("Each passage of the guideline is either encoded by the rules that cite it, or marked as holding ")
          .append("nothing to encode, with the reason. Summaries are this project's own paraphrases.\n\n")
          .append("Passages: ").append(guideline.passages().size()).append("; cited by rules: ").append(cited)
          .append("; marked descriptive: ").append(descriptive.size()).append("; rules: ").append(rules.size())
          .append(".\n\n")
          .append("| Passage | Section | Summary | Encoded by |\n")
          .append("|---|---|---|---|\n");
        for (Passage p : guideline.passages()) {
            List<RuleSource> by = citations.get(p.id());
            String encoded = by.isEmpty()
                    ? "*descriptive:* " + escape(descriptive.getOrDefault(p.id(), "**NOT COVERED**"))
                    : by.stream().map(r -> "`" + r.id() + "`").collect(Collectors.joining(", "));
            md.append("| ").append(p.id()).append(" | ").append(escape(p.section())).append(" | ")
              .append(escape(p.summary())).append(" | ").append(encoded).append(" |\n");
        }
        List<RuleSource> extensions = rules.stream().filter(r -> r.extension() != null).toList();
        if (!extensions.isEmpty()) {
            md.append("\n## Rules beyond the guideline\n\n")
              .append("These rules conclude more than the guideline says, each for the reason given in its ")
              .append("`@extension`; they are listed here apart from the passages they cite.\n\n")
              .append("| Rule | Name | Why it goes beyond the guideline | Cites |\n")
              .append("|---|---|---|---|\n");
            for (RuleSource r : extensions) {
                md.append("| `").append(r.id()).append("` | ").append(escape(r.name())).append(" | ")
                  .append(escape(r.extension())).append(" | ")
                  .append(String.join(", ", r.citations(guideline))).append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * @return the rule catalogue in Markdown, grouped by rule file; for rules written in the rule language, their
     *         sentences as written
     */
    public String ruleCatalogue() {
        Map<String, List<RuleSource>> byFile = new TreeMap<>();
        rules.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue\n\n")
          .append("Generated from the rule files; do not edit by hand. ").append(rules.size())
          .append(" rules in ").append(byFile.size()).append(" files. Passages refer to the guideline `")
          .append(guideline.name()).append("` (see `guideline-coverage.md`).\n\n")
          .append("Rules are written in the rule language (`.dslr` files, sentences defined in `twitch-triage.dsl`), ")
          .append("in decision tables (one rule per spreadsheet row) or in DRL. Where a rule in the rule language ")
          .append("needs DRL, its DRL lines start with `>`.\n");
        byFile.forEach((file, list) -> {
            md.append("\n## ").append(file).append("\n\n");
            RuleSource.Format format = list.get(0).format();
            if (format == RuleSource.Format.DSL) {
                md.append("Written in the rule language; each rule's sentences follow the table.\n\n");
            } else if (format == RuleSource.Format.DECISION_TABLE) {
                md.append("A decision table: each rule is one row of the spreadsheet.\n\n");
            }
            md.append("| Id | Rule | Passages | Concludes |\n")
              .append("|---|---|---|---|\n");
            for (RuleSource r : list) {
                md.append("| `").append(r.id()).append("` | ").append(escape(r.name())).append(" | ")
                  .append(String.join(", ", r.citations(guideline))).append(" | ")
                  .append(r.conclusions().stream().map(FindingCode::name).collect(Collectors.joining(", ")))
                  .append(" |\n");
            }
            List<RuleSource> extensions = list.stream().filter(r -> r.extension() != null).toList();
            if (!extensions.isEmpty()) {
                md.append("\nBeyond the guideline:\n\n");
                extensions.forEach(r -> md.append("- `").append(r.id()).append("` ").append(r.extension())
                        .append('\n'));
            }
            for (RuleSource r : list) {
                if (r.sentences() != null) {
                    appendSentences(md, r);
                }
            }
        });
        return md.toString();
    }

    private static void appendSentences(StringBuilder md, RuleSource r) {
        md.append("\n`").append(r.id()).append("` ").append(r.name()).append("\n\n```text\nwhen\n");
        r.sentences().when().forEach(s -> md.append("    ").append(s).append('\n'));
        md.append("then\n");
        r.sentences().then().forEach(s -> md.append("    ").append(s).append('\n'));
        md.append("```\n");
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
