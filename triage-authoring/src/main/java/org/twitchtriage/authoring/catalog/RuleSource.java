package org.twitchtriage.authoring.catalog;

import java.util.List;
import org.twitchtriage.model.FindingCode;

/**
 * One rule as written in a rule file.
 *
 * @param file        the file, relative to the rules folder (for example {@code calf/calf.drl})
 * @param line        1-based line of the {@code rule} keyword
 * @param packageName the file's {@code package}
 * @param name        the rule name
 * @param id          the {@code @id}, or {@code null} when missing
 * @param source      the raw {@code @source} value, or {@code null} when missing
 * @param conclusions the finding codes its consequence can conclude, in order of appearance, without repeats
 */
public record RuleSource(String file, int line, String packageName, String name, String id, String source,
                         List<FindingCode> conclusions) {
    public RuleSource {
        conclusions = List.copyOf(conclusions);
    }

    /** @return {@code file:line}, for messages */
    public String location() {
        return file + ":" + line;
    }
}
