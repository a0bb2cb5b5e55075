package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.tables.DecisionTables;
import org.twitchtriage.engine.RuleInfo;
import org.twitchtriage.guideline.Guideline;

/**
 * Reads every rule file as text and checks the house rules for metadata and layout, then compares the declared rules
 * with those the built engine reports, so that a file the KieBase silently left out is noticed. DRL and rule-language
 * files ({@code .dslr}, whose rule headers are plain DRL) are read as written; a decision table is read as the DRL
 * Drools compiles it into, so its line numbers are those of that DRL.
 */
class RuleMetadataTest {
    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final Guideline GUIDELINE = Guideline.muscleTwitching();

    private static List<RuleFile> files;

    @BeforeAll
    static void readRuleFiles() throws IOException {
        files = RuleFile.readAll(RESOURCES);
    }

    @Test
    @DisplayName("rule files are found, and every one of them declares rules")
    void ruleFiles_areFound() {
        assertThat(files).as("rule files under %s", RESOURCES.toAbsolutePath()).isNotEmpty();
        assertThat(files).allSatisfy(f -> assertThat(f.rules()).as("rules in %s", f.path()).isNotEmpty());
    }

    @Test
    @DisplayName("every rule has exactly one @id and one @source, ids are unique, and every cited passage exists")
    void metadata_isCompleteUniqueAndCitesExistingPassages() {
        assertThat(metadataProblems(files, GUIDELINE)).isEmpty();
    }

    @Test
    @DisplayName("each rule file's package matches its folder")
    void package_matchesFolder() {
        assertThat(packageProblems(files)).isEmpty();
    }

    @Test
    @DisplayName("the engine holds exactly the rules the files declare, with the same ids")
    void engine_holdsEveryDeclaredRule() {
        List<RuleInfo> loaded = ENGINE.rules();

        assertThat(engineProblems(files, loaded)).isEmpty();
        assertThat(loaded).hasSize(files.stream().mapToInt(f -> f.rules().size()).sum());
        assertThat(ENGINE.knowledgeBase().ruleCount()).isEqualTo(loaded.size());
    }

    // ---- the checks, kept apart from the tests so that they can be tested themselves ----

    /** One rule declaration as written: where, its name, and every @id and @source value in its header. */
    record DeclaredRule(String file, int line, String name, List<String> ids, List<String> sources) {
        String where() {
            return file + ":" + line + ": rule '" + name + "'";
        }

        String qualifiedName(String pkg) {
            return pkg + "/" + name;
        }
    }

    /** One rule file: its path below the resources folder, its package and its rules. */
    record RuleFile(String path, String declaredPackage, List<DeclaredRule> rules) {
        private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
        private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"[^\"]*\"|'[^']*'|\\S+)");
        private static final Pattern WHEN = Pattern.compile("\\bwhen\\b");
        private static final Pattern ID = Pattern.compile("@id\\s*\\(([^)]*)\\)");
        private static final Pattern SOURCE = Pattern.compile("@source\\s*\\(([^)]*)\\)");

        static List<RuleFile> readAll(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> paths = walk.filter(p -> {
                    String name = p.getFileName().toString();
                    return name.endsWith(".drl") || name.endsWith(".dslr") || DecisionTables.isDecisionTable(name);
                }).sorted().toList();
                List<RuleFile> out = new ArrayList<>();
                for (Path p : paths) {
                    String relative = root.relativize(p).toString().replace('\\', '/');
                    String text = DecisionTables.isDecisionTable(relative) ? DecisionTables.toDrl(p)
                            : Files.readString(p, StandardCharsets.UTF_8);
                    out.add(parse(relative, text));
                }
                return out;
            }
        }

        /** @return the folder of this file, written as a package name */
        String folderPackage() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
        }

        static RuleFile parse(String path, String text) {
            String masked = mask(text);
            Matcher pkg = PACKAGE.matcher(masked);
            String declaredPackage = pkg.find() ? pkg.group(1) : null;
            List<DeclaredRule> rules = new ArrayList<>();
            Matcher rule = RULE.matcher(masked);
            while (rule.find()) {
                int headerStart = rule.end();
                Matcher when = WHEN.matcher(masked);
                int headerEnd = when.find(headerStart) ? when.start() : masked.length();
                String name = text.substring(rule.start(1), rule.end(1)).replaceAll("^[\"']|[\"']$", "");
                int line = (int) masked.substring(0, rule.start(1)).chars().filter(c -> c == '\n').count() + 1;
                rules.add(new DeclaredRule(path, line, name,
                        values(ID, masked, text, headerStart, headerEnd),
                        values(SOURCE, masked, text, headerStart, headerEnd)));
            }
            return new RuleFile(path, declaredPackage, rules);
        }

        private static List<String> values(Pattern annotation, String masked, String text, int from, int to) {
            List<String> out = new ArrayList<>();
            Matcher m = annotation.matcher(masked).region(from, to);
            while (m.find()) {
                out.add(text.substring(m.start(1), m.end(1)).trim().replaceAll("^\"|\"$", ""));
            }
            return out;
        }

        /**
         * The text with comments blanked out and string contents replaced by underscores, offsets and line breaks
         * unchanged, so that keywords are searched for only where DRL would see them.
         */
        static String mask(String text) {
            StringBuilder out = new StringBuilder(text);
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
                        if (text.charAt(j) == '\\') {
                            out.setCharAt(j++, '_');
                        }
                        if (j < text.length()) {
                            out.setCharAt(j++, '_');
                        }
                    }
                    i = j + 1;
                } else if (text.startsWith("//", i)) {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        out.setCharAt(i++, ' ');
                    }
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    end = end < 0 ? text.length() : end + 2;
                    for (; i < end; i++) {
                        if (text.charAt(i) != '\n') {
                            out.setCharAt(i, ' ');
                        }
                    }
                } else {
                    i++;
                }
            }
            return out.toString();
        }
    }

    static List<String> metadataProblems(List<RuleFile> files, Guideline guideline) {
        List<String> problems = new ArrayList<>();
        Map<String, DeclaredRule> byId = new HashMap<>();
        for (RuleFile f : files) {
            for (DeclaredRule r : f.rules()) {
                if (r.ids().size() != 1) {
                    problems.add(r.where() + " has " + r.ids().size() + " @id, needs exactly one");
                }
                if (r.sources().size() != 1) {
                    problems.add(r.where() + " has " + r.sources().size() + " @source, needs exactly one");
                }
                for (String id : r.ids()) {
                    if (id.isBlank()) {
                        problems.add(r.where() + " has an empty @id");
                        continue;
                    }
                    DeclaredRule first = byId.putIfAbsent(id, r);
                    if (first != null && first != r) {
                        problems.add(r.where() + " repeats @id " + id + " of " + first.where());
                    }
                }
                for (String source : r.sources()) {
                    try {
                        guideline.parseCitations(source);
                    } catch (IllegalArgumentException e) {
                        problems.add(r.where() + ": @source: " + e.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    static List<String> packageProblems(List<RuleFile> files) {
        List<String> problems = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.declaredPackage() == null) {
                problems.add(f.path() + " declares no package");
            } else if (!f.declaredPackage().equals(f.folderPackage())) {
                problems.add(f.path() + " declares package " + f.declaredPackage() + " but lies in folder "
                        + f.folderPackage());
            }
        }
        return problems;
    }

    static List<String> engineProblems(List<RuleFile> files, List<RuleInfo> loaded) {
        Map<String, String> declaredIds = new TreeMap<>();
        Map<String, String> declaredWhere = new HashMap<>();
        for (RuleFile f : files) {
            for (DeclaredRule r : f.rules()) {
                String key = r.qualifiedName(f.declaredPackage());
                declaredIds.put(key, r.ids().isEmpty() ? null : r.ids().get(0));
                declaredWhere.put(key, r.where());
            }
        }
        Map<String, String> loadedIds = new TreeMap<>();
        for (RuleInfo r : loaded) {
            loadedIds.put(r.packageName() + "/" + r.name(), r.id());
        }
        List<String> problems = new ArrayList<>();
        declaredIds.forEach((key, id) -> {
            if (!loadedIds.containsKey(key)) {
                problems.add(declaredWhere.get(key) + " is not in the engine's KieBase: is its file left out?");
            } else if (id != null && !id.equals(loadedIds.get(key))) {
                problems.add(declaredWhere.get(key) + " declares @id " + id + " but the engine reads "
                        + loadedIds.get(key));
            }
        });
        loadedIds.forEach((key, id) -> {
            if (!declaredIds.containsKey(key)) {
                problems.add("rule " + key + " (@id " + id + ") is in the engine but in no rule file"
                        + " (.drl, .dslr or decision table): is it generated from somewhere this test does not read?");
            }
        });
        return problems;
    }

    @Nested
    @DisplayName("the checker itself")
    class Checker {
        private static final String BAD = """
                package org.twitchtriage.rules.calf;

                import org.twitchtriage.model.Twitch;

                // rule "Commented out -> not a rule" @id("OLD")
                /*
                rule "Also commented out"
                    @id("OLDER")
                */
                rule "Calf: no source"
                    @id("CALF-A")
                when
                    $t : Twitch()
                then
                end

                rule "Calf: two ids"
                    @id("CALF-B") @id("CALF-C")
                    @source("muscle-twitching#CALF-2")
                when
                    $t : Twitch()
                then
                end

                rule 'Calf: repeats an id, cites a passage that does not exist'
                    @id( "CALF-A" )
                    @source("muscle-twitching#CALF-2, muscle-twitching#CALF-99")
                when
                    $t : Twitch()
                then
                end
                """;

        @Test
        @DisplayName("reads rules, ids and sources, and skips commented-out rules")
        void parse_readsRulesAndSkipsComments() {
            RuleFile f = RuleFile.parse("org/twitchtriage/rules/calf/calf.drl", BAD);

            assertThat(f.declaredPackage()).isEqualTo("org.twitchtriage.rules.calf");
            assertThat(f.rules()).extracting(DeclaredRule::name).containsExactly("Calf: no source", "Calf: two ids",
                    "Calf: repeats an id, cites a passage that does not exist");
            assertThat(f.rules().get(1).ids()).containsExactly("CALF-B", "CALF-C");
            assertThat(f.rules().get(2).ids()).containsExactly("CALF-A");
            assertThat(f.rules().get(2).sources())
                    .containsExactly("muscle-twitching#CALF-2, muscle-twitching#CALF-99");
            assertThat(f.rules().get(0).line()).isEqualTo(10);
        }

        @Test
        @DisplayName("names file and rule of a missing @source, a second @id, a repeated @id, an unknown passage")
        void metadataProblems_areNamed() {
            RuleFile f = RuleFile.parse("org/twitchtriage/rules/calf/calf.drl", BAD);

            assertThat(metadataProblems(List.of(f), GUIDELINE)).containsExactly(
                    "org/twitchtriage/rules/calf/calf.drl:10: rule 'Calf: no source' has 0 @source, needs exactly one",
                    "org/twitchtriage/rules/calf/calf.drl:17: rule 'Calf: two ids' has 2 @id, needs exactly one",
                    "org/twitchtriage/rules/calf/calf.drl:25: rule 'Calf: repeats an id, cites a passage that does"
                            + " not exist' repeats @id CALF-A of org/twitchtriage/rules/calf/calf.drl:10: rule"
                            + " 'Calf: no source'",
                    "org/twitchtriage/rules/calf/calf.drl:25: rule 'Calf: repeats an id, cites a passage that does"
                            + " not exist': @source: citation 'muscle-twitching#CALF-99': the guideline has no"
                            + " passage CALF-99");
        }

        @Test
        @DisplayName("finds an @id repeated in another file")
        void idRepeatedAcrossFiles_isFound() {
            RuleFile a = RuleFile.parse("org/twitchtriage/rules/a/a.drl", """
                    package org.twitchtriage.rules.a;
                    rule "A" @id("SAME") @source("muscle-twitching#CALF-2") when then end
                    """);
            RuleFile b = RuleFile.parse("org/twitchtriage/rules/b/b.drl", """
                    package org.twitchtriage.rules.b;
                    rule "B" @id("SAME") @source("muscle-twitching#CALF-2") when then end
                    """);

            assertThat(metadataProblems(List.of(a, b), GUIDELINE))
                    .containsExactly("org/twitchtriage/rules/b/b.drl:2: rule 'B' repeats @id SAME of"
                            + " org/twitchtriage/rules/a/a.drl:2: rule 'A'");
        }

        @Test
        @DisplayName("finds a package that does not match its folder")
        void packageOutsideItsFolder_isFound() {
            RuleFile f = RuleFile.parse("org/twitchtriage/rules/calf/calf.drl", BAD.replace(
                    "package org.twitchtriage.rules.calf;", "package org.twitchtriage.rules.legs;"));

            assertThat(packageProblems(List.of(f))).containsExactly("org/twitchtriage/rules/calf/calf.drl declares"
                    + " package org.twitchtriage.rules.legs but lies in folder org.twitchtriage.rules.calf");
        }

        @Test
        @DisplayName("finds a declared rule missing from the engine and an engine rule declared nowhere")
        void ruleSetsThatDiffer_areFound() {
            RuleFile f = RuleFile.parse("org/twitchtriage/rules/a/a.drl", """
                    package org.twitchtriage.rules.a;
                    rule "A" @id("A-1") @source("muscle-twitching#CALF-2") when then end
                    """);
            List<RuleInfo> loaded = List.of(new RuleInfo("B-1", "B", "org.twitchtriage.rules.a", List.of("CALF-2")));

            assertThat(engineProblems(List.of(f), loaded)).containsExactly(
                    "org/twitchtriage/rules/a/a.drl:2: rule 'A' is not in the engine's KieBase: is its file left out?",
                    "rule org.twitchtriage.rules.a/B (@id B-1) is in the engine but in no rule file"
                            + " (.drl, .dslr or decision table): is it generated from somewhere this test does not"
                            + " read?");
        }
    }
}
