package org.twitchtriage.authoring.dsl;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private DslExpander(List<DSLMapping> mappings, List<DslSentence> sentences) {
        this.mappings = List.copyOf(mappings);
        this.sentences = List.copyOf(sentences);
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
            }
        });
        return new DslExpander(mappings, sentences);
    }

    /** @return every sentence of the language, in the order they are tried */
    public List<DslSentence> sentences() {
        return sentences;
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
