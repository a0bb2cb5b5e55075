package org.twitchtriage.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every conclusion the knowledge base can reach, each with its kind and a short display text. Rules use these
 * constants, never strings.
 */
public enum FindingCode {
    // outside the guideline: the case is not one the guideline speaks for; a doctor decides instead
    OUTSIDE_GUIDELINE_AGE(FindingKind.OUTSIDE_GUIDELINE, "Age outside what the guideline covers"),
    OUTSIDE_GUIDELINE_CRITICAL_LAB(FindingKind.OUTSIDE_GUIDELINE, "Critical laboratory value"),
    OUTSIDE_GUIDELINE_SYMPTOM(FindingKind.OUTSIDE_GUIDELINE,
            "A complaint the guideline does not discuss for this body site"),
    OUTSIDE_GUIDELINE_DURATION(FindingKind.OUTSIDE_GUIDELINE, "Lasted longer than the guideline calls passing"),
    /** The record does not say how the twitch has developed, so whether it passes, as expected, is not known. */
    OUTSIDE_GUIDELINE_COURSE_UNKNOWN(FindingKind.OUTSIDE_GUIDELINE, "Course of the twitching unknown"),
    /** The record does not say where the twitch is, so the guideline's body-site sections cannot be applied. */
    OUTSIDE_GUIDELINE_SITE_UNKNOWN(FindingKind.OUTSIDE_GUIDELINE, "Body site of the twitching unknown"),

    // red flags: warning signs derived from the input
    RED_FLAG_PAIN(FindingKind.RED_FLAG, "Twitching with pain"),
    RED_FLAG_NUMBNESS(FindingKind.RED_FLAG, "Twitching with numbness"),
    RED_FLAG_PARALYSIS(FindingKind.RED_FLAG, "Twitching with paralysis or weakness"),
    RED_FLAG_SENSORY_DISTURBANCE(FindingKind.RED_FLAG, "Twitching with sensory disturbance"),
    RED_FLAG_BACK_PAIN(FindingKind.RED_FLAG, "Twitching with back pain"),
    RED_FLAG_INCREASING(FindingKind.RED_FLAG, "Twitching that increases"),
    RED_FLAG_PERSISTING_AFTER_SELF_CARE(FindingKind.RED_FLAG, "Twitching that persists despite self-care"),
    RED_FLAG_PERSISTING(FindingKind.RED_FLAG, "Twitching that persists"),

    // referrals
    SEE_DOCTOR(FindingKind.REFERRAL, "See a doctor"),
    SEE_EYE_DOCTOR(FindingKind.REFERRAL, "See an eye doctor (ophthalmologist) first"),
    SEE_NEUROLOGIST(FindingKind.REFERRAL, "See a neurologist"),

    // workup
    HISTORY(FindingKind.WORKUP, "Detailed medical history"),
    PHYSICAL_EXAMINATION(FindingKind.WORKUP, "Physical examination"),
    ENG(FindingKind.WORKUP, "Electroneurography (ENG): nerve conduction velocity"),
    EMG(FindingKind.WORKUP, "Electromyography (EMG): electrical muscle activity"),
    IMAGING_CT_MRI(FindingKind.WORKUP, "Sectional imaging (CT or MRI)"),
    CSF_ANALYSIS(FindingKind.WORKUP, "Cerebrospinal fluid analysis"),
    EYE_EXAMINATION(FindingKind.WORKUP, "Eye examination: infection and eyesight"),

    // hypotheses: possible causes, never diagnoses
    MAGNESIUM_DEFICIENCY(FindingKind.HYPOTHESIS, "Magnesium deficiency"),
    ELECTROLYTE_IMBALANCE(FindingKind.HYPOTHESIS, "Disturbed electrolyte balance"),
    STRESS(FindingKind.HYPOTHESIS, "Stress or psychological strain"),
    OVERSTRAIN(FindingKind.HYPOTHESIS, "Overstrain after intensive strength training"),
    POOR_POSTURE(FindingKind.HYPOTHESIS, "Muscle tension from poor posture"),
    TIREDNESS(FindingKind.HYPOTHESIS, "Tiredness"),
    DEFECTIVE_VISION(FindingKind.HYPOTHESIS, "Defective vision straining the eye"),
    EYE_INFECTION(FindingKind.HYPOTHESIS, "Eye infection"),
    POLYNEUROPATHY(FindingKind.HYPOTHESIS, "Polyneuropathy"),
    ALS(FindingKind.HYPOTHESIS, "Amyotrophic lateral sclerosis (ALS)"),
    MS(FindingKind.HYPOTHESIS, "Multiple sclerosis (MS)"),
    HERNIATED_DISC_NECK(FindingKind.HYPOTHESIS, "Herniated disc in the neck"),
    HERNIATED_DISC_BACK(FindingKind.HYPOTHESIS, "Herniated disc in the back"),
    SPINAL_CANAL_STENOSIS(FindingKind.HYPOTHESIS, "Narrowing of the spinal canal"),
    PINCHED_NERVE(FindingKind.HYPOTHESIS, "Pinched nerve"),
    BULGING_DISC(FindingKind.HYPOTHESIS, "Orthopaedic cause: bulging disc pressing on a nerve root"),
    RESTLESS_LEGS_SYNDROME(FindingKind.HYPOTHESIS, "Restless legs syndrome"),
    TIC_DISORDER(FindingKind.HYPOTHESIS, "Tic disorder"),
    EPILEPSY(FindingKind.HYPOTHESIS, "Epilepsy"),
    BRAIN_TUMOUR(FindingKind.HYPOTHESIS, "Brain tumour"),

    // self-care
    DIETARY_MAGNESIUM(FindingKind.SELF_CARE, "Increase magnesium in the diet"),
    MAGNESIUM_SUPPLEMENT(FindingKind.SELF_CARE, "Magnesium tablets"),
    REST_LIMB(FindingKind.SELF_CARE, "Rest and protect the limb"),
    WAIT_AND_SEE(FindingKind.SELF_CARE, "Wait: it usually passes by itself"),

    // reassurance
    USUALLY_HARMLESS(FindingKind.REASSURANCE, "Usually harmless and passes by itself"),
    /** A jerk of the leg just before falling asleep: telling the patient it is harmless is a reassurance. */
    SLEEP_START(FindingKind.REASSURANCE, "Harmless jerk on falling asleep");

    /**
     * Codes that tell the patient the twitching is harmless or can be waited out. Waiting is self-care by kind but
     * reassures all the same, so it counts here: none of these may stand beside an urgent finding or a suspected
     * disease of the nervous system.
     */
    private static final Set<FindingCode> REASSURING = EnumSet.of(USUALLY_HARMLESS, SLEEP_START, WAIT_AND_SEE);

    /** Hypotheses that are diseases of the nervous system (the guideline's "neurological diseases"). */
    private static final Set<FindingCode> NERVOUS_SYSTEM_DISEASES = EnumSet.of(ALS, MS, POLYNEUROPATHY,
            RESTLESS_LEGS_SYNDROME, TIC_DISORDER, EPILEPSY, BRAIN_TUMOUR);

    private final FindingKind kind;
    private final String display;

    FindingCode(FindingKind kind, String display) {
        this.kind = kind;
        this.display = display;
    }

    /** @return the kind of finding this code belongs to */
    public FindingKind kind() {
        return kind;
    }

    /** @return a short human-readable label */
    public String display() {
        return display;
    }

    /** @return true for reassurance in any form: usually harmless, a harmless sleep start, wait and see */
    public boolean isReassuring() {
        return REASSURING.contains(this);
    }

    /** @return true for a hypothesis that is a disease of the nervous system (ALS, MS, restless legs, ...) */
    public boolean isNervousSystemDisease() {
        return NERVOUS_SYSTEM_DISEASES.contains(this);
    }
}
