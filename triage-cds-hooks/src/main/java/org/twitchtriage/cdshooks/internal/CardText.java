package org.twitchtriage.cdshooks.internal;

import static org.twitchtriage.model.FindingCode.SEE_DOCTOR;
import static org.twitchtriage.model.FindingCode.SEE_EYE_DOCTOR;
import static org.twitchtriage.model.FindingCode.SEE_NEUROLOGIST;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * The wording of cards: phrases for referrals and urgencies, summaries cut to the length CDS Hooks allows, Markdown
 * escaping and the order of passage IDs. Stateless; used by {@link CardAssembler}.
 */
final class CardText {
    /** CDS Hooks: a card's summary must be shorter than 140 characters. */
    static final int SUMMARY_LIMIT = 139;

    private CardText() {
    }

    static String referralPhrase(FindingCode code) {
        if (code == SEE_DOCTOR) {
            return "Needs a doctor's assessment";
        }
        if (code == SEE_NEUROLOGIST) {
            return "Refer to a neurologist";
        }
        if (code == SEE_EYE_DOCTOR) {
            return "Refer to an eye doctor (ophthalmologist) first";
        }
        return code.display();
    }

    static String when(Urgency u) {
        return switch (u) {
            case URGENT -> "without delay";
            case SOON -> "within days";
            case ROUTINE -> "at a routine appointment";
        };
    }

    /** @return {@code prefix} and as many displays as fit, then "and N more" */
    static String list(String prefix, List<Finding> findings) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < findings.size(); i++) {
            String item = (i == 0 ? "" : "; ") + findings.get(i).getCode().display();
            int rest = findings.size() - i - 1;
            String tail = rest == 0 ? "" : "; and " + rest + " more";
            if (sb.length() + item.length() + tail.length() > SUMMARY_LIMIT) {
                return fit(sb + (i == 0 ? findings.get(0).getCode().display() : "; and " + (rest + 1) + " more"));
            }
            sb.append(item);
        }
        return fit(sb.toString());
    }

    /** @return the text, cut at a word with an ellipsis when longer than the summary limit */
    static String fit(String text) {
        if (text.codePointCount(0, text.length()) <= SUMMARY_LIMIT) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, SUMMARY_LIMIT - 1));
        int space = cut.lastIndexOf(' ');
        return (space > 40 ? cut.substring(0, space) : cut) + "\u2026";
    }

    static List<String> passages(Collection<Finding> findings) {
        TreeSet<String> ids = new TreeSet<>(PASSAGE_ORDER);
        findings.forEach(f -> ids.addAll(f.getPassages()));
        return List.copyOf(ids);
    }

    /** Passage IDs such as {@code CALF-6} by section, then by number ({@code CALF-10} after {@code CALF-9}). */
    private static final Comparator<String> PASSAGE_ORDER = Comparator
            .comparing((String id) -> id.lastIndexOf('-') < 0 ? id : id.substring(0, id.lastIndexOf('-')))
            .thenComparingInt(CardText::passageNumber).thenComparing(Comparator.naturalOrder());

    static int passageNumber(String id) {
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the text with Markdown's special characters escaped, so rule texts render as written */
    static String md(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return sb.toString();
    }

    /** @return what the decision did without a part of the record that could not be read, in plain words */
    static String consequence(NotRead.Part part) {
        return switch (part) {
            case RECORD -> "a complaint recorded only in words or with a code this service does not know; if it "
                    + "records twitching, that twitching was not considered";
            case BODY_SITE -> "decided with the body site unknown: no advice for a particular body site, no "
                    + "reassurance; warning signs that count at every body site were still checked";
            case COURSE -> "decided with the course unknown and read as not improving, so the twitching was not "
                    + "called harmless";
            case SYMPTOM -> "left out: the complaint was not considered, so please check the record for warning "
                    + "signs such as weakness, numbness or pain";
            case TWITCH_DETAIL -> "left out and read as not stated";
            case LAB_RESULT -> "left out; the other results were used";
            case PREGNANCY_STATUS -> "read as not pregnant";
        };
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
