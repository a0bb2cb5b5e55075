package org.twitchtriage.authoring.dsl;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.parser.lang.ExpanderException;
import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.drools.drl.parser.lang.dsl.DefaultExpander;

/**
 * The rule language: one or more DSL files, and the expansion of rule files written in it ({@code .dslr}) into DRL
 * with Drools' own expander, the one the build uses. Immutable and thread-safe: every expansion runs on a fresh
 * Drools expander, which is stateful.
 */
public final class DslExpander {
    private final List<DSLMapping> mappings;
    private final List<DslSentence> sentences;
    /** Drools' pattern for each sentence, in the order of {@link #sentences}. */
    private final List<Pattern> patterns;

    private DslExpander(List<DSLMapping> mappings, List<DslSentence> sentences, List<Pattern> patterns) {
        this.mappings = List.copyOf(mappings);
        this.sentences = List.copyOf(sentences);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Reads DSL files. Their sentences are tried in the order of the files, then the order written.
     *
     * @param dslFiles the files, for example every {@code .dsl} below the rules folder
     * @throws IllegalArgumentException naming the file, when one is not a valid DSL
     * @throws UncheckedIOException     when one cannot be read
     */
    public static DslExpander load(List<Path> dslFiles) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : dslFiles) {
            try {
                texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read DSL file " + f, e);
            }
        }
        return of(texts);
    }

    /**
     * @param dslTexts file name (for messages) to DSL text, in the order their sentences are to be tried
     * @throws IllegalArgumentException naming the file, when a text is not a valid DSL
     */
    public static DslExpander of(Map<String, String> dslTexts) {
        List<DSLMapping> mappings = new ArrayList<>();
        List<DslSentence> sentences = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        dslTexts.forEach((file, text) -> {
            DSLTokenizedMappingFile parsed = new DSLTokenizedMappingFile();
            try {
                if (!parsed.parseAndLoad(new StringReader(text)) || !parsed.getErrors().isEmpty()) {
                    throw new IllegalArgumentException("DSL file " + file + " has errors: " + parsed.getErrors());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DSLMapping mapping = parsed.getMapping();
            mappings.add(mapping);
            for (DSLMappingEntry e : mapping.getEntries()) {
                sentences.add(new DslSentence(file, DslSentence.Part.of(e.getSection()), e.getMappingKey().trim(),
                        e.getMappingValue().trim()));
                patterns.add(e.getKeyPattern());
            }
        });
        return new DslExpander(mappings, sentences, patterns);
    }

    /** @return every sentence of the language, in the order they are tried */
    public List<DslSentence> sentences() {
        return sentences;
    }

    /**
     * The sentence a whole line is written in. Drools itself also expands a sentence that is only the beginning of a
     * line and leaves the rest as it is, which then fails to compile; this method accepts a line only when one
     * sentence covers all of it.
     *
     * @param line a line of a rule, without the indentation
     * @param part {@link DslSentence.Part#CONDITION} for a line of a rule's {@code when} part,
     *             {@link DslSentence.Part#CONSEQUENCE} for one of its {@code then} part
     * @return the first sentence, in the order they are tried, that matches the whole line
     */
    public Optional<DslSentence> sentenceFor(String line, DslSentence.Part part) {
        String written = line.strip();
        for (int i = 0; i < sentences.size(); i++) {
            DslSentence s = sentences.get(i);
            if (usableIn(s, part) && matcher(i, written).matches()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * @param line a line of a rule that is one whole sentence
     * @param part the part of the rule it stands in
     * @return each variable of the sentence with the value written in the line, in the sentence's order; empty when
     *         the line is not one whole sentence
     */
    public Optional<Map<String, String>> values(String line, DslSentence.Part part) {
        String written = line.strip();
        for (int i = 0; i < sentences.size(); i++) {
            DslSentence s = sentences.get(i);
            Matcher m = matcher(i, written);
            if (usableIn(s, part) && m.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                List<String> names = s.variables();
                for (int v = 0; v < names.size() && v < m.groupCount(); v++) {
                    values.put(names.get(v), m.group(v + 1));
                }
                return Optional.of(values);
            }
        }
        return Optional.empty();
    }

    /**
     * @param line a line of a rule that is one whole sentence
     * @param part the part of the rule it stands in
     * @return the DRL the sentence stands for, with the values written in the line; empty when the line is not one
     *         whole sentence
     */
    public Optional<String> expandLine(String line, DslSentence.Part part) {
        String written = line.strip();
        for (int i = 0; i < sentences.size(); i++) {
            DslSentence s = sentences.get(i);
            Matcher m = matcher(i, written);
            if (usableIn(s, part) && m.matches()) {
                List<String> names = s.variables();
                String drl = s.drl();
                for (int v = 0; v < names.size() && v < m.groupCount(); v++) {
                    drl = drl.replace("{" + names.get(v) + "}", m.group(v + 1));
                }
                return Optional.of(drl);
            }
        }
        return Optional.empty();
    }

    /**
     * The longest sentence a line begins with, for a line that is not a whole sentence: Drools would expand that
     * beginning and leave the rest of the line as it is.
     *
     * @param line a line of a rule, without the indentation
     * @param part the part of the rule it stands in
     * @return the sentence and the length of the line's beginning it covers
     */
    public Optional<Beginning> beginning(String line, DslSentence.Part part) {
        String written = line.strip();
        Beginning best = null;
        for (int i = 0; i < sentences.size(); i++) {
            DslSentence s = sentences.get(i);
            Matcher m = matcher(i, written);
            if (usableIn(s, part) && m.lookingAt() && m.end() > 0 && (best == null || m.end() > best.length())) {
                best = new Beginning(s, m.end());
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A sentence at the start of a line.
     *
     * @param sentence the sentence
     * @param length   how many characters of the (stripped) line it covers
     */
    public record Beginning(DslSentence sentence, int length) {
    }

    /**
     * The sentences most like a line that is not a sentence of the language, to suggest what the author meant.
     * Explanations in quotes and numbers are left out of the comparison.
     *
     * @param line a line of a rule
     * @param part the part of the rule it stands in
     * @param max  how many sentences to return at most
     * @return up to {@code max} sentences usable in that part, the most similar first
     */
    public List<DslSentence> closest(String line, DslSentence.Part part, int max) {
        String written = comparable(line.replaceAll("\"[^\"]*\"?", "").replaceAll("\\d+", "N"));
        record Scored(DslSentence sentence, int distance, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            DslSentence s = sentences.get(i);
            if (usableIn(s, part)) {
                String template = comparable(s.writtenWith((name, pattern) -> pattern == null ? "" : "N"));
                scored.add(new Scored(s, distance(written, template), i));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order))
                .limit(max).map(Scored::sentence).toList();
    }

    private Matcher matcher(int sentence, String line) {
        return patterns.get(sentence).matcher(line);
    }

    private static boolean usableIn(DslSentence s, DslSentence.Part part) {
        return s.part() == part || s.part() == DslSentence.Part.ANY || s.part() == DslSentence.Part.KEYWORD;
    }

    private static String comparable(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s:]+", " ").strip();
    }

    /** @return the edit distance (insertions, deletions, substitutions of characters) between two texts */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Expands a rule file written in the language into DRL. Lines starting with {@code >} pass through as DRL.
     *
     * @param dslrText the text of a {@code .dslr} file
     * @return the DRL, and every line the language could not expand
     */
    public Expansion expand(String dslrText) {
        Objects.requireNonNull(dslrText, "dslrText");
        DefaultExpander expander = new DefaultExpander();
        mappings.forEach(expander::addDSLMapping);
        String drl = expander.expand(dslrText);
        List<String> errors = expander.getErrors().stream().map(DslExpander::describe).toList();
        return new Expansion(drl, errors);
    }

    private static String describe(ExpanderException e) {
        return (e.getLine() > 0 ? "line " + e.getLine() + ": " : "") + e.getMessage();
    }

    /**
     * The result of expanding one rule file.
     *
     * @param drl    the DRL text
     * @param errors one message per line that could not be expanded; empty when the expansion succeeded
     */
    public record Expansion(String drl, List<String> errors) {
        public Expansion {
            Objects.requireNonNull(drl, "drl");
            errors = List.copyOf(errors);
        }

        /** @return whether every line was expanded */
        public boolean succeeded() {
            return errors.isEmpty();
        }
    }
}
