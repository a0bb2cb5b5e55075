package org.twitchtriage.authoring.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.twitchtriage.model.FindingCode;

/**
 * Reads rule declarations from DRL text without compiling it: enough structure for catalogues, coverage and
 * metadata checks. Compilation errors are the build's business. Stateless and thread-safe.
 */
public final class RuleSourceParser {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\".*$");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern SOURCE = Pattern.compile("@source\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");
    private static final Pattern CODE = Pattern.compile("FindingCode\\.([A-Z_]+)");
    private static final Pattern REASSURANCE = Pattern.compile("Conclusion\\.reassurance\\(");

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
     * Reads every {@code .drl} file below a folder, in path order.
     *
     * @param root the rules folder (e.g. {@code triage-rules/src/main/resources})
     * @return all rules; file names are relative to {@code root} with {@code /} separators
     */
    public static List<RuleSource> parseTree(Path root) {
        List<RuleSource> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                all.addAll(parse(rel, Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules below " + root, e);
        }
        return all;
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
