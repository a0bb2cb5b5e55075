package org.twitchtriage.authoring.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.tables.DecisionTables;

/**
 * A folder of rule files laid out like the {@code src/main/resources} of the rules kjar, read without compiling: its
 * files, the rule language of its {@code .dsl} files, and every rule file ({@code .drl}, {@code .dslr}, decision
 * tables named {@code *.drl.xlsx}, {@code *.drl.xls} or {@code *.drl.csv}) as a {@link RuleSourceFile}. The folder may
 * be a directory or the root of a kjar opened as a file system. Immutable and thread-safe; every call reads the files
 * afresh.
 */
public final class SourceFolder {
    private final Path root;

    private SourceFolder(Path root) {
        this.root = root;
    }

    /**
     * @param folder the rules folder, for example {@code triage-rules/src/main/resources}
     * @return the folder
     * @throws IllegalArgumentException when it is not a directory
     */
    public static SourceFolder at(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("rules folder " + folder + " does not exist or is not a folder");
        }
        return new SourceFolder(root);
    }

    /** @return the folder, absolute */
    public Path path() {
        return root;
    }

    /**
     * @return every file below the folder, relative to it with {@code /} separators, in path order
     * @throws UncheckedIOException when the folder cannot be read
     */
    public List<String> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .map(p -> p.startsWith("/") ? p.substring(1) : p).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + root, e);
        }
    }

    /**
     * @param relativePath a file's path relative to the folder
     * @return its content
     * @throws UncheckedIOException when it cannot be read
     */
    public byte[] read(String relativePath) {
        try {
            return Files.readAllBytes(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath + " in the rules folder " + root, e);
        }
    }

    /** @return the {@code .dsl} files below the folder, in path order */
    public List<String> dslFiles() {
        return files().stream().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".dsl")).toList();
    }

    /**
     * @return the rule language: the sentences of every {@code .dsl} file below the folder, in path order; empty
     *         when there is none
     * @throws IllegalArgumentException naming the file, when a DSL file is not valid
     */
    public Optional<DslExpander> language() {
        List<String> dsl = dslFiles();
        if (dsl.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        dsl.forEach(f -> texts.put(f, text(f)));
        return Optional.of(DslExpander.of(texts));
    }

    /**
     * Reads every rule file: {@code .drl}, {@code .dslr} (expanded with {@link #language()}) and decision tables.
     *
     * @return the rule files in path order, each with the problems found while reading it
     * @throws IllegalArgumentException when a DSL file is not valid
     */
    public List<RuleSourceFile> ruleFiles() {
        DslExpander language = null;
        String dslNames = dslFiles().stream().map(f -> f.substring(f.lastIndexOf('/') + 1))
                .collect(Collectors.joining(", "));
        List<RuleSourceFile> out = new ArrayList<>();
        for (String f : files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".drl")) {
                out.add(RuleSourceFile.drl(f, text(f)));
            } else if (lower.endsWith(".dslr")) {
                if (language == null) {
                    language = language().orElse(null);
                }
                out.add(RuleSourceFile.dslr(f, text(f), language, dslNames));
            } else if (DecisionTables.isDecisionTable(lower)) {
                out.add(RuleSourceFile.decisionTable(f, read(f)));
            }
        }
        return out;
    }

    /**
     * Reads every rule, for documents that must show every rule as it is.
     *
     * @return all rules, in path order, then the order written
     * @throws IllegalArgumentException naming the file and line, when a rule file cannot be read as what its name
     *                                  says (a line outside the rule language, DRL the parser cannot read, a table
     *                                  that is not one)
     */
    public List<RuleSource> rules() {
        List<RuleSource> rules = new ArrayList<>();
        for (RuleSourceFile f : ruleFiles()) {
            if (!f.problems().isEmpty()) {
                throw new IllegalArgumentException(f.problems().get(0).toString());
            }
            if (!f.parseErrors().isEmpty()) {
                throw new IllegalArgumentException(f.path() + ": the DRL parser cannot read it: "
                        + f.parseErrors().get(0));
            }
            rules.addAll(f.rules());
        }
        return rules;
    }

    private String text(String relativePath) {
        return new String(read(relativePath), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "rules folder " + root;
    }
}
