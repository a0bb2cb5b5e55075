package org.twitchtriage.engine.internal;

import org.twitchtriage.engine.RuleInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;
import org.twitchtriage.guideline.Guideline;

class RuleCatalogTest {
    private static final Guideline GUIDELINE = Guideline.muscleTwitching();

    /** A rule as the KIE API shows it: only package, name and metadata matter to the catalogue. */
    private static Rule rule(String name, String id, String source) {
        Map<String, Object> meta = new HashMap<>();
        if (id != null) {
            meta.put(RuleCatalog.ID, id);
        }
        if (source != null) {
            meta.put(RuleCatalog.SOURCE, source);
        }
        return (Rule) Proxy.newProxyInstance(Rule.class.getClassLoader(), new Class<?>[] {Rule.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getPackageName" -> "org.twitchtriage.rules.test";
                    case "getMetaData" -> meta;
                    case "getNamespace" -> "org.twitchtriage.rules.test";
                    case "getId" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "rule " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("reads metadata alike whether or not the build kept the DRL quotes around the values")
    void quotedAndUnquotedMetadata_readAlike() {
        RuleCatalog catalog = RuleCatalog.of(List.of(
                rule("Calf: plain", "CALF-PLAIN", "muscle-twitching#CALF-2"),
                rule("Calf: quoted", "\"CALF-QUOTED\"", "\"muscle-twitching#CALF-6, muscle-twitching#CALF-5\"")),
                GUIDELINE);

        assertThat(catalog.rules()).extracting(RuleInfo::id).containsExactly("CALF-PLAIN", "CALF-QUOTED");
        assertThat(catalog.rules().get(1).passages()).containsExactly("CALF-6", "CALF-5");
    }

    @Test
    @DisplayName("treats a quoted and an unquoted spelling of one id as the same id")
    void quotedDuplicateId_isStillADuplicate() {
        assertThatThrownBy(() -> RuleCatalog.of(List.of(
                rule("Calf: first", "CALF-X", "muscle-twitching#CALF-2"),
                rule("Calf: second", "\"CALF-X\"", "muscle-twitching#CALF-2")), GUIDELINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@id CALF-X is also used by rule 'Calf: first'");
    }

    @Test
    @DisplayName("refuses empty metadata values, naming the rule")
    void blankValues_areMissing() {
        assertThatThrownBy(() -> RuleCatalog.of(List.of(rule("Calf: empty", "\"\"", " ")), GUIDELINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rule 'Calf: empty' in package org.twitchtriage.rules.test: missing @id")
                .hasMessageContaining("rule 'Calf: empty' in package org.twitchtriage.rules.test: missing @source");
    }
}
