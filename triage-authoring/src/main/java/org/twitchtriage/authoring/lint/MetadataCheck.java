package org.twitchtriage.authoring.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;

/**
 * Every rule needs a unique {@code @id} and a {@code @source} citing passages the guideline has: the same checks the
 * engine makes when it loads a knowledge base, but reported where the author wrote the rule. A rule that goes beyond
 * the guideline says why in an {@code @extension}, which must not be empty. Stateless.
 */
final class MetadataCheck {
    private static final Pattern CITATION = Pattern.compile("\\s*([a-z0-9-]+)#([A-Z]+-[0-9]+)\\s*");
    private static final Pattern BARE_PASSAGE = Pattern.compile("[A-Z]+-[0-9]+");
    private static final Pattern PASSAGE_PREFIX = Pattern.compile("^([A-Z]+)-");

    private MetadataCheck() {
    }

    static List<RuleProblem> check(List<RuleSource> rules, Guideline guideline) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleSource> owners = new HashMap<>();
        for (RuleSource r : rules) {
            String file = r.file();
            String id = r.id();
            if (id == null || id.isBlank()) {
                problems.add(new RuleProblem(file, r.line(), "rule \"" + r.name() + "\" has no @id; every rule needs "
                        + "a unique one, such as @id(\"CALF-MAGNESIUM\")"));
            } else {
                RuleSource owner = owners.putIfAbsent(id, r);
                if (owner != null) {
                    problems.add(new RuleProblem(file, r.lineOf(RuleSource.ID), "@id \"" + id + "\" of rule \""
                            + r.name() + "\" is already the id of rule \"" + owner.name() + "\" (" + owner.location()
                            + "); ids must be unique"));
                }
            }
            String source = r.source();
            if (source == null || source.isBlank()) {
                problems.add(new RuleProblem(file, r.line(), "rule \"" + r.name() + "\" has no @source naming the "
                        + "guideline passages it encodes, such as @source(\"" + guideline.name() + "#CALF-8\")"));
            } else {
                for (String citation : source.split(",", -1)) {
                    String problem = citationProblem(citation.strip(), guideline);
                    if (problem != null) {
                        problems.add(new RuleProblem(file, r.lineOf(RuleSource.SOURCE), "rule \"" + r.name() + "\" "
                                + problem));
                    }
                }
            }
            if (r.extension() != null && r.extension().isBlank()) {
                problems.add(new RuleProblem(file, r.lineOf(RuleSource.EXTENSION), "rule \"" + r.name() + "\" has "
                        + "an empty @extension: say in it why the rule goes beyond the guideline, such as "
                        + "@extension(\"the guideline does not mention measured values\")"));
            }
        }
        return problems;
    }

    /** @return what is wrong with one citation, or {@code null} when the guideline has the passage it names */
    private static String citationProblem(String citation, Guideline guideline) {
        Matcher m = CITATION.matcher(citation);
        if (BARE_PASSAGE.matcher(citation).matches()) {
            return "cites \"" + citation + "\" without the guideline's name: write " + guideline.name() + "#"
                    + citation;
        }
        if (!m.matches()) {
            return "cites \"" + citation + "\", which is not a citation: write " + guideline.name()
                    + "#PASSAGE, such as " + guideline.name() + "#CALF-8, and separate citations with commas";
        }
        if (!m.group(1).equals(guideline.name())) {
            return "cites the guideline \"" + m.group(1) + "\", but its rules encode \"" + guideline.name() + "\"";
        }
        String id = m.group(2);
        if (guideline.passage(id).isPresent()) {
            return null;
        }
        Matcher prefix = PASSAGE_PREFIX.matcher(id);
        String section = prefix.find() ? prefix.group(1) + "-" : "";
        List<String> siblings = guideline.passages().stream().map(Passage::id).filter(p -> p.startsWith(section))
                .toList();
        return "cites passage " + id + ", which the guideline " + guideline.name() + " does not have"
                + (siblings.isEmpty() || section.isEmpty() ? "" : " (it has "
                + siblings.stream().collect(Collectors.joining(", ")) + ")");
    }
}
