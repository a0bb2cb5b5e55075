package org.twitchtriage.authoring.folder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSourceFile;
import org.twitchtriage.authoring.tables.DecisionTables;

/**
 * Compiles the files of a rules folder into the Drools executable model, as the kjar build does, in a KIE file system
 * of its own. Stateless; thread-safe.
 */
final class FolderCompiler {
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private FolderCompiler() {
    }

    static RulesFolder.Compilation compile(RulesFolder folder, String kieBaseName) {
        List<RuleSourceFile> ruleFiles;
        try {
            ruleFiles = folder.ruleFiles();
        } catch (RulesFolderException e) {
            return new RulesFolder.Compilation(null, e.problems());
        }
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> unreadable = new HashSet<>();
        for (RuleSourceFile f : ruleFiles) {
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
        List<String> compiled = folder.source().files().stream().filter(FolderCompiler::isCompiled).toList();
        if (!compiled.contains(RulesFolder.KMODULE)) {
            KieModuleModel module = ks.newKieModuleModel();
            module.newKieBaseModel(kieBaseName).setDefault(true).newKieSessionModel(kieBaseName + "-session")
                    .setDefault(true);
            kfs.writeKModuleXML(module.toXML());
        }
        for (String f : compiled) {
            kfs.write(CompilerProblems.RESOURCES + f, folder.source().read(f));
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        problems.addAll(CompilerProblems.of(messages, ruleFiles, unreadable));
        if (!problems.isEmpty()) {
            return new RulesFolder.Compilation(null, problems.stream().distinct().sorted().toList());
        }
        KieContainer container = ks.newKieContainer(releaseId);
        if (!container.getKieBaseNames().contains(kieBaseName)) {
            return new RulesFolder.Compilation(null, List.of(new RuleProblem(RulesFolder.KMODULE, 0,
                    "declares no knowledge base named '" + kieBaseName + "' (it declares "
                            + container.getKieBaseNames() + ")")));
        }
        return new RulesFolder.Compilation(container.getKieBase(kieBaseName), List.of());
    }

    /** @return whether the compiler reads a file: rule files, DSL files, decision tables and the kmodule */
    private static boolean isCompiled(String relativePath) {
        String lower = relativePath.toLowerCase(Locale.ROOT);
        return relativePath.equals(RulesFolder.KMODULE) || lower.endsWith(".drl") || lower.endsWith(".dslr")
                || lower.endsWith(".dsl") || DecisionTables.isDecisionTable(lower);
    }
}
