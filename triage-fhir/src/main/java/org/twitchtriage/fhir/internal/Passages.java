package org.twitchtriage.fhir.internal;

import java.util.Comparator;
import java.util.Optional;
import org.twitchtriage.guideline.Guideline;

/** Orders passage IDs such as {@code CALF-6} by section, then numerically ({@code CALF-10} after {@code CALF-9}). */
final class Passages {
    static final Comparator<String> ORDER = Comparator.comparing(Passages::section)
            .thenComparingInt(Passages::number).thenComparing(Comparator.naturalOrder());

    private Passages() {
    }

    /** @return the passage's section and summary, e.g. for a citation's display, if the guideline has the passage */
    static Optional<String> describe(Guideline guideline, String id) {
        return guideline.passage(id).map(p -> p.section() + ": " + p.summary());
    }

    private static String section(String id) {
        int dash = id.lastIndexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    private static int number(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
