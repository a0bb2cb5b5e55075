package org.twitchtriage.authoring.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.tables.DecisionTables;
import org.twitchtriage.model.FindingCode;

/**
 * Reads rule declarations from rule files without compiling them: enough structure for catalogues, coverage and
 * metadata checks. DRL is read as text; a rule file in the rule language ({@code .dslr}) is first expanded with the
 * DSL, and a decision table first turned into DRL, both by Drools' own code, so that what is read is what the build
 * compiles. Compilation errors are the build's business. Stateless and thread-safe.
 */
public final class RuleSourceParser {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\".*$");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern SOURCE = Pattern.compile("@source\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\s*$");
    /** Drools' DSL expander moves a comment that follows {@code then} onto the {@code then} line itself. */
    private static final Pattern THEN = Pattern.compile("^\\s*then\\s*(//.*)?$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");
    private static final Pattern CODE = Pattern.compile("FindingCode\\.([A-Z_]+)");
    private static final Pattern REASSURANCE = Pattern.compile("Conclusion\\.reassurance\\(");
    /** The comment Drools writes before each rule it generates from a decision table. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*// rule values at [A-Z]+(\\d+)\\b.*$");

    private RuleSourceParser() {
    }

    /**
     * @param file a name for messages, e.g. {@code calf/calf.drl}
     * @param text the DRL text
     * @return the rules in the order written
     */
    public static List<RuleSource> parse(String file, String text) {
        List<RuleSource> rules = new ArrayList<>();
        String pkg = "";
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher p = PACKAGE.matcher(lines[i]);
            if (p.matches()) {
                pkg = p.group(1);
                continue;
            }
            Matcher r = RULE.matcher(lines[i]);
            if (!r.matches()) {
                continue;
            }
            int start = i;
            StringBuilder header = new StringBuilder();
            StringBuilder consequence = new StringBuilder();
            boolean inThen = false;
            for (i = i + 1; i < lines.length && !END.matcher(lines[i]).matches(); i++) {
                if (!inThen && THEN.matcher(lines[i]).matches()) {
                    inThen = true;
                } else if (inThen) {
                    consequence.append(lines[i]).append('\n');
                } else {
                    header.append(lines[i]).append('\n');
                }
            }
            rules.add(new RuleSource(file, start + 1, pkg, r.group(1), first(ID, header), first(SOURCE, header),
                    conclusions(consequence)));
        }
        return rules;
    }

    /**
     * Reads a rule file written in the rule language: ids, citations and conclusions from its expansion, the line
     * and the sentences from the file as written.
     *
     * @param file a name for messages, e.g. {@code calf/calf.dslr}
     * @param text the DSLR text
     * @param dsl  the rule language
     * @return the rules in the order written
     * @throws IllegalArgumentException naming the file and its lines, when a line cannot be expanded
     */
    public static List<RuleSource> parseDslr(String file, String text, DslExpander dsl) {
        DslExpander.Expansion expansion = dsl.expand(text);
        if (!expansion.succeeded()) {
            throw new IllegalArgumentException(file + ": the rule language cannot express " + expansion.errors());
        }
        Map<String, Written> written = written(text);
        List<RuleSource> rules = new ArrayList<>();
        for (RuleSource r : parse(file, expansion.drl())) {
            Written w = written.get(r.name());
            rules.add(new RuleSource(file, w == null ? r.line() : w.line(), r.packageName(), r.name(), r.id(),
                    r.source(), r.conclusions(), RuleSource.Format.DSL, w == null ? null : w.sentences()));
        }
        return rules;
    }

    /**
     * Reads a decision table through the DRL Drools generates from it.
     *
     * @param file    a name for messages, ending as the file does ({@code .xlsx}, {@code .xls} or {@code .csv})
     * @param content the file's bytes
     * @return its rules in row order; each rule's line is its spreadsheet row
     * @throws IllegalArgumentException naming the file, when it is not a valid decision table
     */
    public static List<RuleSource> parseDecisionTable(String file, byte[] content) {
        String drl = DecisionTables.toDrl(file, content);
        String[] lines = drl.split("\\R", -1);
        List<RuleSource> rules = new ArrayList<>();
        for (RuleSource r : parse(file, drl)) {
            int row = r.line();
            Matcher m = r.line() >= 2 ? TABLE_ROW.matcher(lines[r.line() - 2]) : null;
            if (m != null && m.matches()) {
                row = Integer.parseInt(m.group(1));
            }
            rules.add(new RuleSource(file, row, r.packageName(), r.name(), r.id(), r.source(), r.conclusions(),
                    RuleSource.Format.DECISION_TABLE, null));
        }
        return rules;
    }

    /**
     * Reads every rule file below a folder, in path order: {@code .drl} files, rule files in the rule language
     * ({@code .dslr}, expanded with every {@code .dsl} file below the folder) and decision tables
     * ({@code .drl.xlsx}, {@code .drl.xls}, {@code .drl.csv}).
     *
     * @param root the rules folder (e.g. {@code triage-rules/src/main/resources})
     * @return all rules; file names are relative to {@code root} with {@code /} separators
     * @throws IllegalArgumentException when a rule file cannot be read as what its name says
     */
    public static List<RuleSource> parseTree(Path root) {
        List<RuleSource> all = new ArrayList<>();
        try {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            DslExpander dsl = null;
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.endsWith(".drl")) {
                    all.addAll(parse(rel, Files.readString(f, StandardCharsets.UTF_8)));
                } else if (rel.endsWith(".dslr")) {
                    if (dsl == null) {
                        dsl = DslExpander.load(files.stream().filter(p -> p.toString().endsWith(".dsl")).toList());
                    }
                    all.addAll(parseDslr(rel, Files.readString(f, StandardCharsets.UTF_8), dsl));
                } else if (DecisionTables.isDecisionTable(rel)) {
                    all.addAll(parseDecisionTable(rel, Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules below " + root, e);
        }
        return all;
    }

    /** Where a rule stands in a DSLR file and its lines as written. */
    private record Written(int line, RuleSource.Sentences sentences) {
    }

    private static Map<String, Written> written(String dslr) {
        Map<String, Written> out = new HashMap<>();
        String[] lines = dslr.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher r = RULE.matcher(lines[i]);
            if (!r.matches()) {
                continue;
            }
            int start = i;
            List<String> when = new ArrayList<>();
            List<String> then = new ArrayList<>();
            List<String> current = null;
            for (i = i + 1; i < lines.length && !END.matcher(lines[i]).matches(); i++) {
                String line = lines[i].strip();
                if (WHEN.matcher(line).matches()) {
                    current = when;
                } else if (THEN.matcher(line).matches()) {
                    current = then;
                } else if (current != null && !line.isEmpty() && !line.startsWith("//") && !line.startsWith("#")) {
                    current.add(line);
                }
            }
            out.put(r.group(1), new Written(start + 1, new RuleSource.Sentences(when, then)));
        }
        return out;
    }

    private static String first(Pattern pattern, CharSequence text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<FindingCode> conclusions(CharSequence consequence) {
        Set<FindingCode> codes = new LinkedHashSet<>();
        Matcher m = CODE.matcher(consequence);
        while (m.find()) {
            codes.add(FindingCode.valueOf(m.group(1)));
        }
        if (REASSURANCE.matcher(consequence).find()) {
            codes.add(FindingCode.USUALLY_HARMLESS);
        }
        return List.copyOf(codes);
    }
}
