package org.twitchtriage.authoring.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.tables.DecisionTables;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.RulesFingerprint;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;

/**
 * A folder of rule files compiled at run time, so that an author can try an edit without rebuilding the project. The
 * folder is laid out like the {@code src/main/resources} of the rules kjar: rule files ({@code .drl}, {@code .dslr}
 * with the {@code .dsl} files they expand with, decision tables named {@code *.drl.xlsx}, {@code *.drl.xls} or
 * {@code *.drl.csv}) in the folders of their packages, and optionally {@code META-INF/kmodule.xml}. Without a
 * kmodule, one knowledge base named as the engine options say holds every package. The rules are compiled into the
 * Drools executable model, as the kjar build does, so what works here works in the kjar.
 *
 * <pre>{@code
 * TriageEngine engine = RulesFolder.at(Path.of("triage-rules/src/main/resources")).engine(EngineOptions.defaults());
 * }</pre>
 *
 * <p>The engine reports its release as {@code folder:<absolute path>} and, as its rules digest, the SHA-256 over the
 * folder's rule resources computed as for a kjar: an unchanged copy of the project's rules folder has the digest of
 * the built kjar.
 *
 * <p>Immutable and thread-safe; every call reads the files afresh.
 */
public final class RulesFolder {
    /** The prefix of the release label of engines built from a folder. */
    public static final String RELEASE_PREFIX = "folder:";
    private static final String KMODULE = "META-INF/kmodule.xml";
    private static final String RESOURCES = "src/main/resources/";
    /** Where the executable model puts the Java it generates from the rules. */
    private static final String GENERATED = "src/main/java/";
    /** A text in quotes of at least a few characters, as explanations are. */
    private static final Pattern LITERAL = Pattern.compile("\"[^\"\\\\]{8,}\"");
    /** Suffixes the kjar fingerprint covers (see {@code RulesFingerprint}); kept in step with it. */
    private static final String[] DIGESTED = {".drl", ".dsl", ".dslr", ".xls", ".xlsx", ".csv", ".tsv", ".xml"};
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private final Path root;

    private RulesFolder(Path root) {
        this.root = root;
    }

    /**
     * @param folder the rules folder, for example {@code triage-rules/src/main/resources}
     * @return the folder
     * @throws IllegalArgumentException when it is not a directory
     */
    public static RulesFolder at(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("rules folder " + folder + " does not exist or is not a folder");
        }
        return new RulesFolder(root);
    }

    /** @return the folder, absolute */
    public Path path() {
        return root;
    }

    /** @return the label engines built from this folder report as their release: {@code folder:<path>} */
    public String releaseLabel() {
        return RELEASE_PREFIX + root;
    }

    /**
     * @param relativePath a file's path relative to the folder, with {@code /} separators
     * @return whether the compiler reads it: rule files, DSL files, decision tables and the kmodule
     */
    public static boolean isCompiled(String relativePath) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        return relativePath.equals(KMODULE) || lower.endsWith(".drl") || lower.endsWith(".dslr")
                || lower.endsWith(".dsl") || DecisionTables.isDecisionTable(lower);
    }

    /**
     * @return every file below the folder, relative to it with {@code /} separators, in path order
     * @throws UncheckedIOException when the folder cannot be read
     */
    public List<String> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + root, e);
        }
    }

    /** @return the files the compiler reads ({@link #isCompiled}), in path order */
    public List<String> compiledFiles() {
        return files().stream().filter(RulesFolder::isCompiled).toList();
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

    /**
     * @return the SHA-256 over the folder's rule resources (rule, DSL, table and list files and the kmodule), the
     *         digest the engine computes for a kjar holding the same files
     */
    public String digest() {
        Map<String, byte[]> resources = new TreeMap<>();
        for (String f : files()) {
            if (isDigested(f)) {
                resources.put(f, read(f));
            }
        }
        return RulesFingerprint.digest(resources);
    }

    private static boolean isDigested(String path) {
        if (path.equals(KMODULE)) {
            return true;
        }
        if (path.startsWith("META-INF/")) {
            return false;
        }
        for (String s : DIGESTED) {
            if (path.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the rule language: the sentences of every {@code .dsl} file below the folder, in path order; empty
     *         when there is none
     * @throws RulesFolderException when a DSL file is not valid
     */
    public Optional<DslExpander> language() {
        List<String> dsl = dslFiles();
        if (dsl.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        dsl.forEach(f -> texts.put(f, new String(read(f), StandardCharsets.UTF_8)));
        try {
            return Optional.of(DslExpander.of(texts));
        } catch (IllegalArgumentException e) {
            throw new RulesFolderException("the rule language in " + root + " cannot be read",
                    List.of(new RuleProblem(dsl.get(0), 0, CompilerMessages.plain(e.getMessage()))));
        }
    }

    /**
     * Reads every rule file: {@code .drl}, {@code .dslr} (expanded with {@link #language()}) and decision tables.
     *
     * @return the rule files in path order, each with the problems found while reading it
     * @throws RulesFolderException when a DSL file is not valid
     */
    public List<RuleFile> ruleFiles() {
        DslExpander language = null;
        List<RuleFile> out = new ArrayList<>();
        for (String f : files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".drl")) {
                out.add(RuleFile.drl(f, new String(read(f), StandardCharsets.UTF_8)));
            } else if (lower.endsWith(".dslr")) {
                if (language == null) {
                    language = language().orElse(null);
                }
                out.add(RuleFile.dslr(f, new String(read(f), StandardCharsets.UTF_8), language, dslNames()));
            } else if (DecisionTables.isDecisionTable(lower)) {
                out.add(RuleFile.decisionTable(f, read(f)));
            }
        }
        return out;
    }

    private List<String> dslFiles() {
        return files().stream().filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".dsl")).toList();
    }

    private String dslNames() {
        return dslFiles().stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).collect(Collectors.joining(", "));
    }

    /**
     * Compiles the folder's rules into the executable model. Lines of the rule language that are not sentences of
     * it are reported with the sentences closest to them (the compiler's own messages about such a file, which
     * follow from them, are left out); the compiler's messages are shortened to plain words and placed on the line
     * they concern.
     *
     * @param kieBaseName the knowledge base to return: declared in the folder's kmodule, or made up of every package
     *                    when the folder has none
     * @return the knowledge base, or every problem found
     */
    public Compilation compile(String kieBaseName) {
        Objects.requireNonNull(kieBaseName, "kieBaseName");
        List<RuleFile> ruleFiles;
        try {
            ruleFiles = ruleFiles();
        } catch (RulesFolderException e) {
            return new Compilation(null, e.problems());
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleFile> byPath = new LinkedHashMap<>();
        Set<String> unreadable = new HashSet<>();
        for (RuleFile f : ruleFiles) {
            byPath.put(f.path(), f);
            problems.addAll(f.problems());
            if (!f.problems().isEmpty()) {
                unreadable.add(f.path());
            }
        }

        KieServices ks = KieServices.get();
        // each build gets its own release id, so that builds never replace each other in the KIE repository
        ReleaseId releaseId = ks.newReleaseId("org.twitchtriage.folder", "rules-" + BUILDS.incrementAndGet(),
                "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        List<String> compiled = compiledFiles();
        if (!compiled.contains(KMODULE)) {
            KieModuleModel module = ks.newKieModuleModel();
            module.newKieBaseModel(kieBaseName).setDefault(true).newKieSessionModel(kieBaseName + "-session")
                    .setDefault(true);
            kfs.writeKModuleXML(module.toXML());
        }
        for (String f : compiled) {
            kfs.write(RESOURCES + f, read(f));
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<RuleProblem> compilerProblems = new ArrayList<>();
        Set<String> consequential = new HashSet<>();
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        Map<String, RuleProblem> generatedFrom = generatedSources(messages, ruleFiles);
        for (Message m : messages) {
            String generated = generatedPath(m);
            if (generated != null) {
                if (!CompilerMessages.isGeneratedSource(m.getText())) {
                    RuleProblem at = generatedFrom.getOrDefault(generated, new RuleProblem("", 0, ""));
                    if (unreadable.contains(at.file())) {
                        continue;
                    }
                    String message = CompilerMessages.plain(m.getText());
                    compilerProblems.add(new RuleProblem(at.file(), at.line(), at.file().isEmpty()
                            ? "in the conclusions of a rule: " + message : message));
                }
                continue;
            }
            RuleProblem p = problem(m, byPath);
            if (CompilerMessages.isConsequential(m.getText())) {
                consequential.add(p.file());
            } else if (!unreadable.contains(p.file())) {
                compilerProblems.add(p);
            }
        }
        Set<String> reported = compilerProblems.stream().map(RuleProblem::file).collect(Collectors.toSet());
        for (String file : consequential) {
            if (!reported.contains(file) && !unreadable.contains(file)) {
                compilerProblems.add(new RuleProblem(file, 0, "the rule compiler cannot read this file"));
            }
        }
        problems.addAll(compilerProblems);
        if (!problems.isEmpty()) {
            return new Compilation(null, problems.stream().distinct().sorted().toList());
        }
        KieContainer container = ks.newKieContainer(releaseId);
        if (!container.getKieBaseNames().contains(kieBaseName)) {
            return new Compilation(null, List.of(new RuleProblem(KMODULE, 0, "declares no knowledge base named '"
                    + kieBaseName + "' (it declares " + container.getKieBaseNames() + ")")));
        }
        return new Compilation(container.getKieBase(kieBaseName), List.of());
    }

    /**
     * Compiles the folder and opens an engine on it.
     *
     * @param options engine settings; the knowledge base is the one they name
     * @return an engine whose release is {@link #releaseLabel()} and whose rules digest is {@link #digest()}
     * @throws RulesFolderException  listing every problem, when the rules do not compile
     * @throws TriageEngineException when they compile but their metadata is missing or wrong
     */
    public TriageEngine engine(EngineOptions options) {
        Objects.requireNonNull(options, "options");
        Compilation c = compile(options.getKieBaseName());
        if (!c.succeeded()) {
            int n = c.problems().size();
            throw new RulesFolderException("the rules in " + root + " do not compile (" + n + " problem"
                    + (n == 1 ? "" : "s") + ")", c.problems());
        }
        return TriageEngine.of(c.kieBase(), releaseLabel(), digest(), options);
    }

    /**
     * @return the path of the Java source the executable model generated, when the message is about one (a
     *         consequence that does not compile); otherwise {@code null}
     */
    private static String generatedPath(Message m) {
        String path = m.getPath() == null ? "" : m.getPath().replace('\\', '/');
        return path.startsWith(GENERATED) ? path : null;
    }

    /**
     * The compiler reports an error in generated Java with the whole source; the texts in quotes in it (the
     * explanations of the conclusions) tell which rule it was generated from.
     *
     * @return generated source path to the rule line it comes from
     */
    private static Map<String, RuleProblem> generatedSources(List<Message> messages, List<RuleFile> files) {
        Map<String, RuleProblem> out = new LinkedHashMap<>();
        for (Message m : messages) {
            String generated = generatedPath(m);
            if (generated == null || !CompilerMessages.isGeneratedSource(m.getText())) {
                continue;
            }
            Matcher literal = LITERAL.matcher(m.getText());
            while (literal.find() && !out.containsKey(generated)) {
                for (RuleFile f : files) {
                    int line = f.lineOf(literal.group());
                    if (line > 0) {
                        out.put(generated, new RuleProblem(f.path(), line, ""));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static RuleProblem problem(Message m, Map<String, RuleFile> files) {
        String path = m.getPath() == null ? "" : m.getPath().replace('\\', '/');
        if (path.startsWith(RESOURCES)) {
            path = path.substring(RESOURCES.length());
        }
        CompilerMessages.Plain plain = CompilerMessages.translate(m.getText());
        RuleFile file = files.get(path);
        int line = Math.max(m.getLine(), 0);
        if (file != null) {
            if (line > 0) {
                line = file.fileLine(line);
            } else if (plain.snippet() != null) {
                line = file.lineOf(plain.snippet());
            }
        }
        return new RuleProblem(path, line, plain.message());
    }

    @Override
    public String toString() {
        return "rules folder " + root;
    }

    /**
     * The result of compiling a rules folder.
     *
     * @param kieBase  the knowledge base; {@code null} when there are problems
     * @param problems every problem, in file and line order; empty when it compiled
     */
    public record Compilation(KieBase kieBase, List<RuleProblem> problems) {
        public Compilation {
            problems = List.copyOf(problems);
            if ((kieBase == null) == problems.isEmpty()) {
                throw new IllegalArgumentException("a compilation has either a knowledge base or problems");
            }
        }

        /** @return whether the folder compiled */
        public boolean succeeded() {
            return kieBase != null;
        }
    }
}
