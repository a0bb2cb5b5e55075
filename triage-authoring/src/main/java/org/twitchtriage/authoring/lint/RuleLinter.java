package org.twitchtriage.authoring.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.folder.RulesFolder;
import org.twitchtriage.authoring.folder.RulesFolderException;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.authoring.source.RuleSourceFile;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.guideline.Guideline;

/**
 * Checks a rules folder the way a careful reviewer would, and reports each problem as {@code file:line: message} in
 * plain words:
 * <ol>
 *   <li>the rules must compile; a line of the rule language that is not one of its sentences is named, with the
 *       sentences closest to it;</li>
 *   <li>every rule has an {@code @id}, no two rules share one, every rule has an {@code @source}, every passage it
 *       cites exists in the guideline, and an {@code @extension} says why the rule goes beyond it;</li>
 *   <li>no rule is unable to fire: no contradictory conditions (a twitch at two sites at once), no condition on a
 *       conclusion that no rule makes;</li>
 *   <li>no rule reassures a twitch that another rule escalates with a red flag or a referral, tried on generated
 *       situations for every body site.</li>
 * </ol>
 * The last two checks need rules that compile, the last one also complete metadata; until then they are left out.
 * An empty list means the folder is clean. Immutable and thread-safe.
 */
public final class RuleLinter {
    private final Guideline guideline;

    /** @param guideline the guideline the rules cite */
    public RuleLinter(Guideline guideline) {
        this.guideline = Objects.requireNonNull(guideline, "guideline");
    }

    /** @return a linter for the rules of the muscle-twitching guideline */
    public static RuleLinter muscleTwitching() {
        return new RuleLinter(Guideline.muscleTwitching());
    }

    /**
     * @param folder the rules folder, for example {@code triage-rules/src/main/resources}
     * @return every problem, in file and line order; empty when there is none
     * @throws IllegalArgumentException when the folder does not exist
     */
    public List<RuleProblem> lint(Path folder) {
        return lint(RulesFolder.at(folder));
    }

    /**
     * @param folder the rules folder
     * @return every problem, in file and line order; empty when there is none
     */
    public List<RuleProblem> lint(RulesFolder folder) {
        Objects.requireNonNull(folder, "folder");
        List<RuleSourceFile> files;
        DslExpander language;
        try {
            language = folder.language().orElse(null);
            files = folder.ruleFiles();
        } catch (RulesFolderException e) {
            return sorted(e.problems());
        }
        List<RuleProblem> problems = new ArrayList<>();
        if (files.isEmpty()) {
            return List.of(new RuleProblem("", 0, folder.path() + " holds no rule files (.drl, .dslr or "
                    + "decision tables named *.drl.xlsx, *.drl.xls or *.drl.csv)"));
        }
        List<RuleSource> declared = declared(files);
        List<RuleProblem> metadata = MetadataCheck.check(declared, guideline);
        problems.addAll(metadata);

        EngineOptions options = EngineOptions.defaults();
        RulesFolder.Compilation compilation = folder.compile(options.getKieBaseName());
        problems.addAll(compilation.problems());
        if (!compilation.succeeded()) {
            return sorted(problems);
        }
        problems.addAll(ReachabilityCheck.check(declared, language));
        if (metadata.isEmpty()) {
            TriageEngine engine = TriageEngine.of(compilation.kieBase(), folder.releaseLabel(), options);
            problems.addAll(ConflictCheck.check(engine, byId(declared)));
        }
        return sorted(problems);
    }

    /**
     * Checks only the metadata of the rules ({@code @id} and {@code @source}), without compiling them.
     *
     * @param folder the rules folder
     * @return every metadata problem, in file and line order
     */
    public List<RuleProblem> metadata(RulesFolder folder) {
        try {
            return sorted(MetadataCheck.check(declared(folder.ruleFiles()), guideline));
        } catch (RulesFolderException e) {
            return sorted(e.problems());
        }
    }

    private static List<RuleSource> declared(List<RuleSourceFile> files) {
        List<RuleSource> out = new ArrayList<>();
        files.forEach(f -> out.addAll(f.rules()));
        return out;
    }

    private static Map<String, RuleSource> byId(List<RuleSource> rules) {
        Map<String, RuleSource> out = new LinkedHashMap<>();
        rules.forEach(r -> out.putIfAbsent(r.id(), r));
        return out;
    }

    private static List<RuleProblem> sorted(List<RuleProblem> problems) {
        return problems.stream().distinct().sorted().toList();
    }
}
