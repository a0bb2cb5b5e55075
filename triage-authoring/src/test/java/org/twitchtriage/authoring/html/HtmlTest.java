package org.twitchtriage.authoring.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Escaping text and making anchors for the HTML catalogue")
class HtmlTest {
    @Test
    @DisplayName("markup characters are escaped, characters HTML forbids are replaced, the rest is kept")
    void escape() {
        assertThat(Html.escape("<a href='x'>\"&\"</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(Html.escape("tab\there\u0000\u0007\uFFFF")).isEqualTo("tab\there\uFFFD\uFFFD\uFFFD");
        assertThat(Html.escape("Muskelzucken \u00fc \uD83D\uDE00")).isEqualTo("Muskelzucken \u00fc \uD83D\uDE00");
        assertThat(Html.escape("lone \uD83D")).isEqualTo("lone \uFFFD");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    @DisplayName("anchors keep letters, digits and hyphens, and different names never share an anchor")
    void anchors() {
        assertThat(Html.anchor("rule-", "CALF-ELECTROLYTES")).isEqualTo("rule-CALF-ELECTROLYTES");
        assertThat(Html.anchor("rule-", "a b")).isEqualTo("rule-a_20_b");
        assertThat(Html.anchor("rule-", "a_b")).isEqualTo("rule-a_5f_b");
        assertThat(Html.anchor("rule-", "a_20_b")).isNotEqualTo(Html.anchor("rule-", "a b"));
        assertThat(Html.anchor("rule-", "\"><x")).matches("rule-[A-Za-z0-9_-]+");
    }
}
