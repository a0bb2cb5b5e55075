package org.twitchtriage.authoring.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.kie.api.KieBase;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSourceFile;
import org.twitchtriage.authoring.source.SourceFolder;
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
    static final String KMODULE = "META-INF/kmodule.xml";
    /** Suffixes the kjar fingerprint covers (see {@code RulesFingerprint}); kept in step with it. */
    private static final String[] DIGESTED = {".drl", ".dsl", ".dslr", ".xls", ".xlsx", ".csv", ".tsv", ".xml"};

    private final SourceFolder source;

    private RulesFolder(SourceFolder source) {
        this.source = source;
    }

    /**
     * @param folder the rules folder, for example {@code triage-rules/src/main/resources}
     * @return the folder
     * @throws IllegalArgumentException when it is not a directory
     */
    public static RulesFolder at(Path folder) {
        return new RulesFolder(SourceFolder.at(folder));
    }

    /** @return the folder, absolute */
    public Path path() {
        return source.path();
    }

    /** @return the folder's files, for the compiler */
    SourceFolder source() {
        return source;
    }

    /** @return the label engines built from this folder report as their release: {@code folder:<path>} */
    public String releaseLabel() {
        return RELEASE_PREFIX + source.path();
    }

    /**
     * @return the SHA-256 over the folder's rule resources (rule, DSL, table and list files and the kmodule), the
     *         digest the engine computes for a kjar holding the same files
     */
    public String digest() {
        Map<String, byte[]> resources = new TreeMap<>();
        for (String f : source.files()) {
            if (isDigested(f)) {
                resources.put(f, source.read(f));
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
        try {
            return source.language();
        } catch (IllegalArgumentException e) {
            throw invalidLanguage(e);
        }
    }

    /**
     * Reads every rule file: {@code .drl}, {@code .dslr} (expanded with {@link #language()}) and decision tables.
     *
     * @return the rule files in path order, each with its rules and the problems found while reading it
     * @throws RulesFolderException when a DSL file is not valid
     */
    public List<RuleSourceFile> ruleFiles() {
        try {
            return source.ruleFiles();
        } catch (IllegalArgumentException e) {
            throw invalidLanguage(e);
        }
    }

    private RulesFolderException invalidLanguage(IllegalArgumentException e) {
        List<String> dsl = source.dslFiles();
        return new RulesFolderException("the rule language in " + path() + " cannot be read",
                List.of(new RuleProblem(dsl.isEmpty() ? "" : dsl.get(0), 0, CompilerMessages.plain(e.getMessage()))));
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
        return FolderCompiler.compile(this, kieBaseName);
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
            throw new RulesFolderException("the rules in " + path() + " do not compile (" + n + " problem"
                    + (n == 1 ? "" : "s") + ")", c.problems());
        }
        return TriageEngine.of(c.kieBase(), releaseLabel(), digest(), options);
    }

    @Override
    public String toString() {
        return "rules folder " + path();
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
