package org.twitchtriage.authoring.folder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.builder.Message;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSourceFile;

/**
 * Places the Drools compiler's messages on the lines the author wrote: a message about a rule file goes to the line
 * of the file its DRL line comes from (or where the text it names stands), a message about the Java the executable
 * model generated goes to the rule it was generated from. Messages about a file that could not be read are left out
 * (the reading problems say more), as are messages that only follow from others. Stateless.
 */
final class CompilerProblems {
    static final String RESOURCES = "src/main/resources/";
    /** Where the executable model puts the Java it generates from the rules. */
    private static final String GENERATED = "src/main/java/";
    /** A text in quotes of at least a few characters, as explanations are, in a generated Java source. */
    private static final Pattern LITERAL = Pattern.compile("\"[^\"\\\\]{8,}\"");

    private CompilerProblems() {
    }

    /**
     * @param messages   the compiler's errors
     * @param files      the rule files compiled
     * @param unreadable the files whose reading found problems
     * @return the problems, in the compiler's order
     */
    static List<RuleProblem> of(List<Message> messages, List<RuleSourceFile> files, Set<String> unreadable) {
        Map<String, RuleSourceFile> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> consequential = new HashSet<>();
        Map<String, RuleProblem> generatedFrom = generatedSources(messages, files);
        for (Message m : messages) {
            String generated = generatedPath(m);
            if (generated != null) {
                if (!CompilerMessages.isGeneratedSource(m.getText())) {
                    RuleProblem at = generatedFrom.getOrDefault(generated, new RuleProblem("", 0, ""));
                    if (!unreadable.contains(at.file())) {
                        String message = CompilerMessages.plain(m.getText());
                        problems.add(new RuleProblem(at.file(), at.line(), at.file().isEmpty()
                                ? "in the conclusions of a rule: " + message : message));
                    }
                }
                continue;
            }
            RuleProblem p = problem(m, byPath);
            if (CompilerMessages.isConsequential(m.getText())) {
                consequential.add(p.file());
            } else if (!unreadable.contains(p.file())) {
                problems.add(p);
            }
        }
        Set<String> reported = problems.stream().map(RuleProblem::file).collect(Collectors.toSet());
        for (String file : consequential) {
            if (!reported.contains(file) && !unreadable.contains(file)) {
                problems.add(new RuleProblem(file, 0, "the rule compiler cannot read this file"));
            }
        }
        return problems;
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
    private static Map<String, RuleProblem> generatedSources(List<Message> messages, List<RuleSourceFile> files) {
        Map<String, RuleProblem> out = new LinkedHashMap<>();
        for (Message m : messages) {
            String generated = generatedPath(m);
            if (generated == null || !CompilerMessages.isGeneratedSource(m.getText())) {
                continue;
            }
            Matcher literal = LITERAL.matcher(m.getText());
            while (literal.find() && !out.containsKey(generated)) {
                for (RuleSourceFile f : files) {
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

    private static RuleProblem problem(Message m, Map<String, RuleSourceFile> files) {
        String path = m.getPath() == null ? "" : m.getPath().replace('\\', '/');
        if (path.startsWith(RESOURCES)) {
            path = path.substring(RESOURCES.length());
        }
        CompilerMessages.Plain plain = CompilerMessages.translate(m.getText());
        RuleSourceFile file = files.get(path);
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
}
