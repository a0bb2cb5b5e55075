package org.twitchtriage.authoring.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twitchtriage.authoring.folder.RuleFile;

/**
 * One rule declaration found in a rule file's DRL, with the metadata of its header and where each piece stands in
 * the file as written. Read as text, so that it works on files that do not compile. Immutable.
 *
 * @param file       the rule file
 * @param line       the line of the {@code rule} keyword in the file (for a decision table, the row)
 * @param name       the rule name
 * @param ids        every {@code @id} value of the header, in order
 * @param idLine     the line of the first {@code @id}, or the rule's line
 * @param sources    every {@code @source} value of the header, in order
 * @param sourceLine the line of the first {@code @source}, or the rule's line
 */
record DeclaredRule(RuleFile file, int line, String name, List<String> ids, int idLine, List<String> sources,
                    int sourceLine) {
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");
    private static final Pattern ID = Pattern.compile("@id\\s*\\(\\s*\"?([^\")]*)\"?\\s*\\)");
    private static final Pattern SOURCE = Pattern.compile("@source\\s*\\(\\s*\"?([^\")]*)\"?\\s*\\)");
    private static final Pattern BODY = Pattern.compile("^\\s*(when|then|end)\\b.*$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");

    DeclaredRule {
        ids = List.copyOf(ids);
        sources = List.copyOf(sources);
    }

    /** @return {@code file:line}, for messages that point to another rule */
    String location() {
        return file.path() + ":" + line;
    }

    /** @return the first {@code @id}, or {@code null} */
    String id() {
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** @return every rule declared in a file, in order */
    static List<DeclaredRule> in(RuleFile file) {
        List<DeclaredRule> rules = new ArrayList<>();
        String[] lines = file.drl().split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher r = RULE.matcher(lines[i]);
            if (!r.find()) {
                continue;
            }
            String name = r.group(1) != null ? r.group(1) : r.group(2) != null ? r.group(2) : r.group(3);
            List<String> ids = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            int idLine = 0;
            int sourceLine = 0;
            // the header runs from the rule line to "when"; metadata may share the rule line
            for (int j = i; j < lines.length && (j == i || !BODY.matcher(lines[j]).matches()); j++) {
                String header = j == i ? lines[j].substring(r.end()) : lines[j];
                Matcher id = ID.matcher(header);
                while (id.find()) {
                    ids.add(id.group(1).strip());
                    idLine = idLine == 0 ? j + 1 : idLine;
                }
                Matcher source = SOURCE.matcher(header);
                while (source.find()) {
                    sources.add(source.group(1).strip());
                    sourceLine = sourceLine == 0 ? j + 1 : sourceLine;
                }
            }
            int ruleLine = file.fileLine(i + 1);
            rules.add(new DeclaredRule(file, ruleLine, name, ids, idLine == 0 ? ruleLine : file.fileLine(idLine),
                    sources, sourceLine == 0 ? ruleLine : file.fileLine(sourceLine)));
            // a line of the rule's body that starts with "rule" is not a new rule
            while (i + 1 < lines.length && !END.matcher(lines[i]).matches()) {
                i++;
            }
        }
        return rules;
    }
}
