package org.twitchtriage.authoring.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.model.BodySite;

/**
 * The rules of one clinical topic, as the HTML catalogue shows them together: a body site, or a topic that spans body
 * sites (red flags, referral, neurology, workup, pregnancy). The topic is the last part of the rules' package
 * ({@code org.twitchtriage.rules.calf} is {@code calf}); a topic names a body site when it equals the site's
 * constant without underscores, in the singular or plural ({@code upperarm}, {@code legs}).
 *
 * @param topic the last part of the package; {@code ""} for rules without a package
 * @param title the heading, in words ({@code Upper arm}, {@code Red flags})
 * @param site  the body site, or {@code null} for a topic that spans body sites
 * @param rules the rules, in the order read
 */
public record RuleGroup(String topic, String title, BodySite site, List<RuleSource> rules) {
    /** Topics that span body sites, in the order the catalogue shows them, with their headings. */
    private static final Map<String, String> GENERAL_TOPICS = generalTopics();

    public RuleGroup {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(title, "title");
        rules = List.copyOf(rules);
    }

    private static Map<String, String> generalTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("redflags", "Red flags");
        topics.put("referral", "Referral");
        topics.put("neurology", "Neurology");
        topics.put("workup", "Workup");
        topics.put("pregnancy", "Pregnancy");
        return topics;
    }

    /** @return whether the group is about one body site */
    public boolean isBodySite() {
        return site != null;
    }

    /**
     * Groups rules by topic: body sites first, in the order of {@link BodySite}, then the topics that span body
     * sites (red flags, referral, neurology, workup, pregnancy, then any other topic in alphabetical order).
     *
     * @param rules the rules, in the order read
     * @return the groups; every rule is in exactly one
     */
    public static List<RuleGroup> of(List<RuleSource> rules) {
        Map<String, List<RuleSource>> byTopic = new LinkedHashMap<>();
        for (RuleSource r : rules) {
            byTopic.computeIfAbsent(topicOf(r.packageName()), t -> new ArrayList<>()).add(r);
        }
        List<RuleGroup> groups = new ArrayList<>();
        byTopic.forEach((topic, list) -> {
            Optional<BodySite> site = siteOf(topic);
            groups.add(new RuleGroup(topic, site.map(s -> capitalise(s.display())).orElseGet(() -> titleOf(topic)),
                    site.orElse(null), list));
        });
        List<String> general = List.copyOf(GENERAL_TOPICS.keySet());
        int afterSites = BodySite.values().length;
        groups.sort(Comparator.comparingInt((RuleGroup g) -> g.isBodySite() ? g.site().ordinal() : afterSites)
                .thenComparingInt(g -> general.contains(g.topic()) ? general.indexOf(g.topic()) : general.size())
                .thenComparing(RuleGroup::topic));
        return List.copyOf(groups);
    }

    /** @return the last part of a package name; {@code ""} for none */
    static String topicOf(String packageName) {
        if (packageName == null || packageName.isBlank()) {
            return "";
        }
        return packageName.substring(packageName.lastIndexOf('.') + 1);
    }

    /** @return the body site a topic names, if it names one */
    static Optional<BodySite> siteOf(String topic) {
        String t = topic.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (BodySite s : BodySite.values()) {
            String key = s.name().toLowerCase(Locale.ROOT).replace("_", "");
            if (t.equals(key) || t.equals(key + "s")) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static String titleOf(String topic) {
        if (topic.isEmpty()) {
            return "Rules without a package";
        }
        return GENERAL_TOPICS.getOrDefault(topic, capitalise(topic));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
