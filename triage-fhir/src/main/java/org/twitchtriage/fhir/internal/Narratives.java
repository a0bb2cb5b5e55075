package org.twitchtriage.fhir.internal;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.Urgency;

/**
 * The human-readable {@code text} of each output resource: what it holds in plain words (the finding, its urgency, why,
 * the guideline passages cited), never a patient identifier. Built from the same {@link Finding}s as the structured
 * elements, so the two cannot say different things.
 *
 * <p>Built with HAPI's {@link XhtmlNode} rather than HAPI's Thymeleaf narrative generator: the generator would add a
 * template engine (Thymeleaf, OGNL) to the runtime of every user of this adapter for six short paragraphs, and its
 * templates see only the resource, while the passages' section and summary come from the guideline index.
 * {@code XhtmlNode} escapes every text it is given, so rule explanations cannot inject markup. Stateless.
 */
final class Narratives {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private final Guideline guideline;

    Narratives(Guideline guideline) {
        this.guideline = guideline;
    }

    /**
     * @param title     what is proposed, e.g. "Referral to a neurologist"
     * @param f         the referral or workup finding
     * @param performer who the referral is to, or {@code null} for a workup step
     * @param priority  the FHIR priority written, e.g. {@code asap}
     * @return the narrative of a ServiceRequest
     */
    Narrative serviceRequest(String title, Finding f, String performer, String priority) {
        XhtmlNode div = root();
        div.para().b().tx("Proposal (draft, not an order): " + title);
        if (performer != null) {
            div.para().tx("To be seen by: " + performer + ".");
        }
        div.para().tx("Urgency: " + urgencyText(f.getUrgency()) + " (priority " + priority + ").");
        why(div, List.of(f));
        footer(div);
        return narrative(div);
    }

    /**
     * @param hypotheses the possible causes, one prediction each
     * @return the narrative of the RiskAssessment
     */
    Narrative riskAssessment(List<Finding> hypotheses) {
        XhtmlNode div = root();
        div.para().b().tx("Possible causes to consider (preliminary, not diagnoses, no probabilities)");
        XhtmlNode list = div.ul();
        for (Finding f : hypotheses) {
            XhtmlNode li = list.li();
            li.b().tx(f.getCode().display());
            li.tx(": " + f.getExplanation() + " " + passageLine(f.getPassages()));
        }
        why(div, hypotheses);
        footer(div);
        return narrative(div);
    }

    /**
     * @param summary    the ClinicalImpression's summary
     * @param flagged    red flags and points outside the guideline, each a finding
     * @param advice     self-care and reassurance findings, each a note
     * @param proposals  how many ServiceRequests and RiskAssessments the impression refers to
     * @return the narrative of the ClinicalImpression
     */
    Narrative clinicalImpression(String summary, List<Finding> flagged, List<Finding> advice, int proposals) {
        XhtmlNode div = root();
        div.para().b().tx("Triage of muscle twitching, awaiting a clinician's review");
        div.para().tx(summary);
        if (flagged.isEmpty()) {
            div.para().tx("No warning signs found.");
        } else {
            div.para().tx("Warning signs:");
            list(div, flagged);
        }
        if (!advice.isEmpty()) {
            div.para().tx("Self-care and reassurance:");
            list(div, advice);
        }
        div.para().tx(proposals == 0 ? "No referral, workup step or possible cause is proposed."
                : proposals + " proposal(s) are attached as supporting information (referrals, workup steps, "
                + "possible causes).");
        why(div, concat(flagged, advice));
        footer(div);
        return narrative(div);
    }

    private void list(XhtmlNode div, List<Finding> findings) {
        XhtmlNode ul = div.ul();
        for (Finding f : findings) {
            XhtmlNode li = ul.li();
            li.b().tx(f.getCode().display());
            li.tx(" (" + urgencyText(f.getUrgency()) + "): " + f.getExplanation() + " "
                    + passageLine(f.getPassages()));
        }
    }

    /** The guideline passages and rules behind the findings, each passage with its section and summary. */
    private void why(XhtmlNode div, Collection<Finding> findings) {
        TreeSet<String> passages = new TreeSet<>(Passages.ORDER);
        TreeSet<String> rules = new TreeSet<>();
        for (Finding f : findings) {
            passages.addAll(f.getPassages());
            rules.addAll(f.getRules());
        }
        if (findings.size() == 1) {
            div.para().tx("Why: " + findings.iterator().next().getExplanation());
        }
        if (!passages.isEmpty()) {
            div.para().tx("Guideline passages cited:");
            XhtmlNode ul = div.ul();
            for (String id : passages) {
                XhtmlNode li = ul.li();
                li.b().tx(guideline.name() + "#" + id);
                Passages.describe(guideline, id).ifPresent(d -> li.tx(": " + d));
            }
        }
        if (!rules.isEmpty()) {
            div.para().tx("Rules: " + String.join(", ", rules) + ".");
        }
    }

    private static String passageLine(Collection<String> passages) {
        if (passages.isEmpty()) {
            return "";
        }
        TreeSet<String> sorted = new TreeSet<>(Passages.ORDER);
        sorted.addAll(passages);
        return "[" + String.join(", ", sorted) + "]";
    }

    static String urgencyText(Urgency u) {
        return switch (u) {
            case URGENT -> "urgent, see a doctor without delay";
            case SOON -> "soon, see a doctor within days";
            case ROUTINE -> "routine, no time pressure";
        };
    }

    private static void footer(XhtmlNode div) {
        div.para().i().tx(DecisionAssembler.NOT_A_DIAGNOSIS);
    }

    private static XhtmlNode root() {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", XHTML);
        return div;
    }

    private static Narrative narrative(XhtmlNode div) {
        return new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
    }

    private static List<Finding> concat(List<Finding> a, List<Finding> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
