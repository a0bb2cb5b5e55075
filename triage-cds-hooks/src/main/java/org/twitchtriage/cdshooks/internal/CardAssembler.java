package org.twitchtriage.cdshooks.internal;

import static org.twitchtriage.model.FindingCode.SEE_DOCTOR;
import static org.twitchtriage.model.FindingCode.SEE_EYE_DOCTOR;
import static org.twitchtriage.model.FindingCode.SEE_NEUROLOGIST;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * Turns one decision into CDS Hooks cards for a clinician:
 * <ul>
 *   <li>one card per referral, carrying the warning signs of the same twitches and, as suggestions, the referral and
 *       the examinations that go with it as draft ServiceRequests ({@code create} actions, selection {@code any});
 *       neurological tests (ENG, EMG, CSF, imaging) go with a neurologist referral, the eye examination with an eye
 *       doctor referral, history and physical examination with the doctor's assessment;</li>
 *   <li>a card per warning sign that no referral card carries, and one for examinations without a referral (neither
 *       happens with the current rules, which refer every warning sign);</li>
 *   <li>one card listing the possible causes, and one with the self-care advice and reassurance for the patient.</li>
 * </ul>
 * The indicator follows the highest urgency on the card (ROUTINE info, SOON warning, URGENT critical) and is at least
 * {@code warning} when the card carries a warning sign. Each card's uuid is derived from the decision id and the code
 * of the finding that leads it ({@link Uuids#card}); the detail, in Markdown, gives the explanations, the guideline
 * passages ({@code muscle-twitching#ID}) and the rules. Nothing is null or empty. Thread-safe.
 */
public final class CardAssembler {
    /** Override reasons offered on every card (local code system of this service). */
    public static final String OVERRIDE_REASON_SYSTEM = TriageFhir.BASE + "CodeSystem/override-reason";
    private static final Map<String, String> OVERRIDE_REASONS = orderedMap(
            "already-addressed", "Already assessed or addressed",
            "not-applicable", "Does not apply to this patient",
            "patient-declined", "Patient declined",
            "data-outdated", "The recorded data is out of date");
    private static final String DISCLAIMER = "*Decision support from twitch-triage for a clinician to review; not a "
            + "diagnosis and not a medical device.*";

    /** Where the cards say their guidance comes from. @param label required @param url optional, may be null */
    public record Source(String label, String url) {
    }

    /**
     * A card as issued, remembered for feedback.
     *
     * @param uuid        the card's uuid
     * @param decisionId  the decision it was built from
     * @param codes       the findings it presents, lead first
     * @param suggestions the uuids of its suggestions
     */
    public record IssuedCard(String uuid, String decisionId, List<FindingCode> codes, Set<String> suggestions) {
        public IssuedCard {
            codes = List.copyOf(codes);
            suggestions = Set.copyOf(suggestions);
        }
    }

    /** @param cards the {@code cards} array @param issued what was issued, in card order */
    public record Result(ArrayNode cards, List<IssuedCard> issued) {
    }

    private final FhirContext fhir;
    private final Source source;
    private final Guideline guideline = Guideline.muscleTwitching();

    /**
     * @param fhir   the FHIR R4 context, for writing suggested resources
     * @param source the source every card names
     */
    public CardAssembler(FhirContext fhir, Source source) {
        this.fhir = fhir;
        this.source = source;
    }

    /** A card under construction. */
    private final class Draft {
        final Finding lead;
        final List<Finding> redFlags = new ArrayList<>();
        final List<Finding> workups = new ArrayList<>();
        final List<Finding> listed = new ArrayList<>();

        Draft(Finding lead) {
            this.lead = lead;
        }

        List<Finding> all() {
            Set<Finding> out = new LinkedHashSet<>();
            out.add(lead);
            out.addAll(listed);
            out.addAll(redFlags);
            out.addAll(workups);
            return List.copyOf(out);
        }

        Urgency urgency() {
            return all().stream().map(Finding::getUrgency).reduce(Urgency.ROUTINE, Urgency::max);
        }

        String indicator() {
            return switch (urgency()) {
                case URGENT -> "critical";
                case SOON -> "warning";
                case ROUTINE -> redFlags.isEmpty() && lead.getKind() != FindingKind.RED_FLAG
                        && lead.getKind() != FindingKind.OUTSIDE_GUIDELINE ? "info" : "warning";
            };
        }
    }

    /**
     * @param decisionId the decision's id (from the audit record)
     * @param decision   the decision
     * @param proposals  the decision as FHIR resources ({@link org.twitchtriage.fhir.FhirDecisionMapper})
     * @return the cards, most urgent first; an empty array when the decision holds no finding
     */
    public Result build(String decisionId, TriageDecision decision, Bundle proposals) {
        Map<FindingCode, ServiceRequest> requests = serviceRequests(proposals);
        List<Draft> drafts = new ArrayList<>();
        Map<FindingCode, Draft> referrals = new EnumMap<>(FindingCode.class);
        for (Finding f : decision.findings(FindingKind.REFERRAL)) {
            Draft d = new Draft(f);
            referrals.put(f.getCode(), d);
            drafts.add(d);
        }
        // a note that the case lies outside the guideline travels with the referral it leads to, like a red flag
        List<Finding> flags = new ArrayList<>(decision.findings(FindingKind.OUTSIDE_GUIDELINE));
        flags.addAll(decision.findings(FindingKind.RED_FLAG));
        for (Finding flag : flags) {
            boolean carried = false;
            for (Draft d : referrals.values()) {
                if (sameTwitch(flag, d.lead)) {
                    d.redFlags.add(flag);
                    carried = true;
                }
            }
            if (!carried) {
                drafts.add(new Draft(flag));
            }
        }
        Draft unreferred = null;
        for (Finding w : decision.findings(FindingKind.WORKUP)) {
            Draft owner = owner(w.getCode(), referrals);
            if (owner == null) {
                if (unreferred == null) {
                    unreferred = new Draft(w);
                    drafts.add(unreferred);
                } else {
                    unreferred.listed.add(w);
                }
                unreferred.workups.add(w);
            } else {
                owner.workups.add(w);
            }
        }
        grouped(decision.findings(FindingKind.HYPOTHESIS)).ifPresent(drafts::add);
        List<Finding> advice = new ArrayList<>(decision.findings(FindingKind.SELF_CARE));
        advice.addAll(decision.findings(FindingKind.REASSURANCE));
        grouped(advice).ifPresent(drafts::add);

        drafts.sort(Comparator.comparingInt((Draft d) -> severity(d.indicator())).reversed());
        ArrayNode cards = Json.MAPPER.createArrayNode();
        List<IssuedCard> issued = new ArrayList<>();
        for (Draft d : drafts) {
            issued.add(card(cards.addObject(), d, decisionId, decision, requests));
        }
        return new Result(cards, issued);
    }

    private java.util.Optional<Draft> grouped(List<Finding> findings) {
        if (findings.isEmpty()) {
            return java.util.Optional.empty();
        }
        Draft d = new Draft(findings.get(0));
        d.listed.addAll(findings);
        return java.util.Optional.of(d);
    }

    private IssuedCard card(ObjectNode card, Draft d, String decisionId, TriageDecision decision,
                            Map<FindingCode, ServiceRequest> requests) {
        String uuid = Uuids.card(decisionId, d.lead.getCode().name());
        card.put("uuid", uuid);
        card.put("summary", summary(d));
        card.put("indicator", d.indicator());
        card.put("detail", detail(d, decisionId, decision));
        ObjectNode src = card.putObject("source");
        src.put("label", source.label());
        if (source.url() != null) {
            src.put("url", source.url());
        }
        src.putObject("topic").put("system", TriageFhir.FINDING_SYSTEM).put("code", d.lead.getCode().name())
                .put("display", d.lead.getCode().display());
        Set<String> suggestionIds = new LinkedHashSet<>();
        List<Finding> proposed = new ArrayList<>();
        if (d.lead.getKind() == FindingKind.REFERRAL) {
            proposed.add(d.lead);
        }
        proposed.addAll(d.workups);
        ArrayNode suggestions = Json.MAPPER.createArrayNode();
        for (Finding f : proposed) {
            ServiceRequest sr = requests.get(f.getCode());
            if (sr == null) {
                continue;
            }
            boolean referral = f.getKind() == FindingKind.REFERRAL;
            String id = Uuids.suggestion(decisionId, f.getCode().name());
            ObjectNode s = suggestions.addObject();
            s.put("label", (referral ? "Propose referral: " : "Propose: ") + f.getCode().display());
            s.put("uuid", id);
            if (referral) {
                s.put("isRecommended", true);
            }
            ObjectNode action = s.putArray("actions").addObject();
            action.put("type", "create");
            action.put("description", "Add a draft " + (referral ? "referral" : "order") + " proposal "
                    + "(ServiceRequest, priority " + sr.getPriority().toCode() + ") for a clinician to review and "
                    + "sign: " + f.getCode().display());
            action.set("resource", resourceJson(sr));
            suggestionIds.add(id);
        }
        if (!suggestions.isEmpty()) {
            card.set("suggestions", suggestions);
            card.put("selectionBehavior", "any");
        }
        ArrayNode reasons = card.putArray("overrideReasons");
        OVERRIDE_REASONS.forEach((code, display) -> reasons.addObject().put("system", OVERRIDE_REASON_SYSTEM)
                .put("code", code).put("display", display));
        return new IssuedCard(uuid, decisionId, d.all().stream().map(Finding::getCode).toList(), suggestionIds);
    }

    // ---- text ------------------------------------------------------------------------------------------------

    private String summary(Draft d) {
        FindingCode lead = d.lead.getCode();
        return switch (d.lead.getKind()) {
            case REFERRAL -> CardText.fit(CardText.referralPhrase(lead) + " " + CardText.when(d.urgency())
                    + (d.redFlags.isEmpty() ? "" : ": " + CardText.lowerFirst(d.redFlags.get(0).getCode().display())
                    + (d.redFlags.size() > 1 ? " (+" + (d.redFlags.size() - 1) + " more warning sign"
                    + (d.redFlags.size() > 2 ? "s" : "") + ")" : "")));
            case RED_FLAG -> CardText.fit("Warning sign: " + lead.display() + "; needs a doctor's assessment");
            case OUTSIDE_GUIDELINE -> CardText.fit("Outside the guideline: " + lead.display()
                    + "; needs a doctor's assessment");
            case WORKUP -> CardText.list("Examinations to consider: ", d.all());
            case HYPOTHESIS -> CardText.list(d.listed.size() == 1 ? "Possible cause to consider: "
                    : "Possible causes to consider: ", d.listed);
            case SELF_CARE, REASSURANCE -> CardText.list("Advice for the patient: ", d.listed);
        };
    }

    private String detail(Draft d, String decisionId, TriageDecision decision) {
        StringBuilder md = new StringBuilder();
        Urgency u = d.urgency();
        md.append("**Urgency: ").append(u).append("** (").append(CardText.when(u)).append(")\n\n");
        switch (d.lead.getKind()) {
            case REFERRAL, RED_FLAG, OUTSIDE_GUIDELINE -> {
                md.append("**").append(CardText.md(d.lead.getCode().display())).append("**: ")
                        .append(CardText.md(d.lead.getExplanation())).append(' ').append(citations(d.lead)).append("\n\n");
                if (!d.redFlags.isEmpty()) {
                    md.append("**Warning signs**\n\n");
                    d.redFlags.forEach(f -> md.append(item(f)));
                    md.append('\n');
                }
            }
            case HYPOTHESIS -> {
                md.append("Possible causes to consider, not diagnoses; twitch-triage states no probabilities.\n\n");
                d.listed.forEach(f -> md.append(item(f)));
                md.append('\n');
            }
            case SELF_CARE, REASSURANCE -> {
                md.append("What the patient can do, and what to tell them.\n\n");
                d.listed.forEach(f -> md.append(item(f)));
                md.append('\n');
            }
            case WORKUP -> {
                // listed below with the other examinations
            }
        }
        if (!d.workups.isEmpty()) {
            md.append("**Examinations** (proposed as draft orders below)\n\n");
            d.workups.forEach(f -> md.append(item(f)));
            md.append('\n');
        }
        md.append("**Guideline passages**\n\n");
        for (String id : CardText.passages(d.all())) {
            md.append("- `").append(guideline.name()).append('#').append(id).append('`');
            guideline.passage(id).ifPresent(p -> md.append(" (").append(CardText.md(p.section())).append("): ")
                    .append(CardText.md(p.summary())));
            md.append('\n');
        }
        Set<String> rules = new TreeSet<>();
        d.all().forEach(f -> rules.addAll(f.getRules()));
        md.append("\nRules: ").append(String.join(", ", rules.stream().map(r -> "`" + r + "`").toList()))
                .append(". Decision `").append(decisionId).append("`, knowledge base `")
                .append(decision.knowledgeBase().releaseId()).append("`.\n\n").append(DISCLAIMER);
        return md.toString();
    }

    private String item(Finding f) {
        return "- **" + CardText.md(f.getCode().display()) + "** (" + f.getUrgency() + "): " + CardText.md(f.getExplanation()) + " "
                + citations(f) + "\n";
    }

    private String citations(Finding f) {
        return "(" + String.join(", ", CardText.passages(List.of(f)).stream()
                .map(id -> "`" + guideline.name() + "#" + id + "`").toList()) + ")";
    }

    // ---- structure -------------------------------------------------------------------------------------------

    private static boolean sameTwitch(Finding a, Finding b) {
        return a.getTwitchIds().isEmpty() || b.getTwitchIds().isEmpty()
                || a.getTwitchIds().stream().anyMatch(b.getTwitchIds()::contains);
    }

    /** @return the referral card an examination goes with, by clinical fit, else the first referral; or null */
    private static Draft owner(FindingCode workup, Map<FindingCode, Draft> referrals) {
        List<FindingCode> preference = switch (workup) {
            case EYE_EXAMINATION -> List.of(SEE_EYE_DOCTOR, SEE_DOCTOR, SEE_NEUROLOGIST);
            case ENG, EMG, CSF_ANALYSIS, IMAGING_CT_MRI -> List.of(SEE_NEUROLOGIST, SEE_DOCTOR, SEE_EYE_DOCTOR);
            default -> List.of(SEE_DOCTOR, SEE_NEUROLOGIST, SEE_EYE_DOCTOR);
        };
        for (FindingCode c : preference) {
            if (referrals.containsKey(c)) {
                return referrals.get(c);
            }
        }
        return referrals.values().stream().findFirst().orElse(null);
    }

    private static int severity(String indicator) {
        return switch (indicator) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }

    private static Map<FindingCode, ServiceRequest> serviceRequests(Bundle proposals) {
        Map<FindingCode, ServiceRequest> out = new EnumMap<>(FindingCode.class);
        for (Bundle.BundleEntryComponent e : proposals.getEntry()) {
            if (e.getResource() instanceof ServiceRequest sr) {
                for (Coding c : sr.getCode().getCoding()) {
                    if (TriageFhir.FINDING_SYSTEM.equals(c.getSystem())) {
                        out.put(FindingCode.valueOf(c.getCode()), sr);
                    }
                }
            }
        }
        return out;
    }

    /**
     * @return HAPI's JSON of the resource as a tree. Not embedded as raw text, although that would save a tenth of card
     *         assembly: HAPI writes a lone surrogate of a hostile id unescaped, and Jackson then refuses the raw text
     *         while writing the answer (a 500, found by CdsHooksFuzzTest); read as a tree, it is written escaped.
     */
    private JsonNode resourceJson(ServiceRequest sr) {
        try {
            return Json.MAPPER.readTree(fhir.newJsonParser().encodeResourceToString(sr));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that does not parse", e);
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
