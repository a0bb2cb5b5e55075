package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.authoring.dsl.DslSentence;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Visibility;

/**
 * The rule language ({@code twitch-triage.dsl}) itself: every sentence means what its mapping says, whatever other
 * sentences there are; every sentence compiles; and the sentences cover the whole fact model.
 */
@DisplayName("The rule language: sentences for every condition and conclusion of the fact model")
class DslVocabularyTest {
    private static final Path RULES = Path.of("src", "main", "resources", "org", "twitchtriage", "rules");
    private static final Path DSL = RULES.resolve("twitch-triage.dsl");
    private static final String TWITCH = "there is a twitch at any body site";
    private static final String REFERRED = "the twitch is referred to a doctor";
    private static final DslSentence.SampleValues SAMPLE =
            (name, pattern) -> "\\d+".equals(pattern) ? "14" : "\"A sample explanation, with a comma.\"";
    private static final String IMPORTS = Stream.of("Analyte", "BodySite", "Circumstance", "Conclusion", "Course",
                    "FindingCode", "FindingKind", "Patient", "SelfCare", "Sex", "Symptom", "Twitch", "Urgency",
                    "Visibility")
            .map(t -> "import org.twitchtriage.model." + t + ";\n").reduce("", String::concat);

    private static DslExpander dsl;

    @BeforeAll
    static void load() {
        dsl = DslExpander.load(List.of(DSL));
    }

    @Test
    @DisplayName("each sentence, written alone, expands to its own mapping and to no other sentence's")
    void everySentence_expandsToItsOwnMapping() {
        assertThat(dsl.sentences()).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (DslSentence s : dsl.sentences()) {
            String written = s.writtenWith(SAMPLE);
            boolean condition = s.part() == DslSentence.Part.CONDITION;
            List<String> when = condition ? (s.isQualifier() ? List.of(TWITCH, written) : List.of(written))
                    : List.of();
            List<String> then = condition ? List.of() : List.of(written);
            DslExpander.Expansion e = dsl.expand(probe(List.of(new Probe("probe", when, then))));
            String expected = s.expandedWith(SAMPLE);
            if (s.isQualifier()) {
                expected = "$t : Twitch(" + expected + ")";
            }
            String actual = condition ? section(e.drl(), "when", "then") : section(e.drl(), "then", "end");
            if (!e.succeeded() || !squeeze(actual).equals(squeeze(expected))) {
                problems.add("'" + written + "' expands to '" + actual.strip() + "', not '" + expected + "'"
                        + (e.succeeded() ? "" : " " + e.errors()));
            }
        }
        assertThat(problems).as("sentences that another, earlier sentence takes over (move the longer one up)")
                .isEmpty();
    }

    @Test
    @DisplayName("every sentence compiles into the executable model")
    void everySentence_compiles() throws IOException {
        List<Probe> probes = new ArrayList<>();
        int n = 0;
        for (DslSentence s : dsl.sentences()) {
            String written = s.writtenWith(SAMPLE);
            if (s.part() == DslSentence.Part.CONDITION) {
                boolean bindsTwitch = s.drl().contains("$t : Twitch");
                boolean needsTwitch = !bindsTwitch && (s.isQualifier() || s.drl().contains("$t."));
                probes.add(new Probe("condition " + ++n, needsTwitch ? List.of(TWITCH, written) : List.of(written),
                        List.of()));
            } else {
                probes.add(new Probe("conclusion " + ++n, List.of(TWITCH, REFERRED), List.of(written)));
            }
        }
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("org.twitchtriage.test", "dsl-vocabulary", "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/org/twitchtriage/rules/probe/twitch-triage.dsl",
                Files.readString(DSL, StandardCharsets.UTF_8));
        kfs.write("src/main/resources/org/twitchtriage/rules/probe/probe.dslr", probe(probes));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);

        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        assertThat(ks.newKieContainer(releaseId).getKieBase().getKiePackage("org.twitchtriage.rules.probe")
                .getRules()).hasSize(probes.size());
    }

    @Test
    @DisplayName("every finding code can be concluded with a sentence")
    void everyConclusion_hasASentence() {
        String conclusions = drl(DslSentence.Part.CONSEQUENCE);
        Set<FindingCode> missing = EnumSet.noneOf(FindingCode.class);
        for (FindingCode code : FindingCode.values()) {
            boolean said = code == FindingCode.USUALLY_HARMLESS ? conclusions.contains("Conclusion.reassurance(")
                    : conclusions.contains("FindingCode." + code.name() + ",");
            if (!said) {
                missing.add(code);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    @DisplayName("every body site, symptom, circumstance, course, self-care result, visibility and lab value can be "
            + "a condition")
    void everyInputValue_hasACondition() {
        String conditions = drl(DslSentence.Part.CONDITION);
        List<String> missing = new ArrayList<>();
        for (Enum<?> value : Stream.of(BodySite.values(), Symptom.values(), Circumstance.values(), Course.values(),
                SelfCare.values(), Visibility.values(), Analyte.values()).flatMap(Stream::of).toList()) {
            String written = value.getDeclaringClass().getSimpleName() + "." + value.name();
            if (!conditions.matches("(?s).*\\b" + written.replace(".", "\\.") + "\\b.*")) {
                missing.add(written);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(conditions).contains("pregnant").contains("ageYears").contains("sex").contains("beforeSleep")
                .contains("durationDays");
    }

    @Test
    @DisplayName("every rule file in the rule language expands without a line left over")
    void ruleFiles_expandCompletely() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RULES)) {
            files = walk.filter(p -> p.toString().endsWith(".dslr")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(dsl.expand(Files.readString(f, StandardCharsets.UTF_8)).errors()).as("%s", f).isEmpty();
        }
    }

    private static String drl(DslSentence.Part part) {
        return String.join("\n", dsl.sentences().stream().filter(s -> s.part() == part).map(DslSentence::drl)
                .toList());
    }

    /** One rule of a probe file. */
    private record Probe(String name, List<String> when, List<String> then) {
    }

    private static String probe(List<Probe> rules) {
        StringBuilder dslr = new StringBuilder("package org.twitchtriage.rules.probe;\n\n").append(IMPORTS)
                .append("\nexpander twitch-triage.dsl\n");
        for (Probe r : rules) {
            dslr.append("\nrule \"").append(r.name()).append("\"\nwhen\n");
            r.when().forEach(l -> dslr.append("    ").append(l).append('\n'));
            dslr.append("then\n");
            r.then().forEach(l -> dslr.append("    ").append(l).append('\n'));
            dslr.append("end\n");
        }
        return dslr.toString();
    }

    /** @return the text between the line {@code from} and the line {@code to} of the first rule */
    private static String section(String drl, String from, String to) {
        String[] lines = drl.split("\\R");
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.strip().equals(from)) {
                in = true;
            } else if (line.strip().equals(to) && in) {
                break;
            } else if (in) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
