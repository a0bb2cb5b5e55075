# The twitch-triage rule language: sentences in clinical words for every condition and conclusion of the fact model
# (org.twitchtriage.model). Rule files ending in .dslr are written with these sentences; the build expands each
# sentence into DRL and compiles the result into the executable model, exactly as if the DRL had been written by hand.
#
# How to read and write the sentences
# - Conditions (when): "there is a twitch ..." introduces THE twitch a rule is about. Lines starting with "- " below
#   it qualify that twitch ("- it comes with numbness"). Every later sentence that says "the twitch" means the same one.
# - Conclusions (then) end in a colon and the explanation for the patient in double quotes:
#       suggest the hypothesis magnesium deficiency: "Pregnancy increases the need for magnesium ..."
#   A conclusion is withdrawn automatically when its conditions stop holding (truth maintenance).
# - "... following the referral" steps inherit the urgency of the referral named in the conditions
#   ("the twitch is referred to a doctor", "there is a referral to a doctor or a neurologist").
# - Urgency words: "routinely" (no time pressure), "soon" (within days), "urgently" (without delay).
# - Rule metadata stays plain DRL in the rule header: @id("...") and @source("muscle-twitching#PASSAGE, ...").
# - Where a rule needs logic no sentence says well, its DRL lines start with ">" and a comment says why.
#
# For maintainers of this file
# - Sentences are tried in the order written, and a sentence also matches where it is only the beginning of a longer
#   one ("... in the eye" inside "... in the eye or eyelid"). A longer sentence must therefore come BEFORE every
#   sentence it begins with. DslVocabularyTest checks that each sentence, written alone, expands to its own mapping,
#   and that every sentence compiles.
# - Braces in a mapping are variables; a literal brace would have to be escaped as \{ and \}.
# - $t is the twitch, $r a referral; codes are the model's enum constants, never strings.
# - On Conclusion, a set of codes is written as "==" joined by "||", not as "code in (...)": the executable model
#   builds the list of an "in" anew each time it tests a conclusion (an array per test), and conclusions are tested by
#   every such pattern as they are inserted; "||" compares without allocating and decides the same.

# ---------------------------------------------------------------------------------------------------------------------
# Conditions: the patient
# ---------------------------------------------------------------------------------------------------------------------
[when]the patient is pregnant=Patient( pregnant )
[when]the patient is not pregnant=Patient( pregnant == false )
[when]the patient is female=Patient( sex == Sex.FEMALE )
[when]the patient is male=Patient( sex == Sex.MALE )
[when]the patient is under one year old=Patient( ageYears < 1 )
[when]the patient is between one year old and school age=Patient( ageYears >= 1, ageYears < Patient.SCHOOL_AGE )
[when]the patient is younger than school age=Patient( ageYears < Patient.SCHOOL_AGE )
[when]the patient is a child of school age=Patient( ageYears >= Patient.SCHOOL_AGE, ageYears < Patient.ADULT_AGE )
[when]the patient is an adult=Patient( ageYears >= Patient.ADULT_AGE )
[when]the patient is at least {years:\d+} years old=Patient( ageYears >= {years} )
[when]the patient is younger than {years:\d+} years=Patient( ageYears < {years} )
[when]the patient reports recent sport or intensive strength training=Patient( circumstances contains Circumstance.RECENT_EXERCISE || circumstances contains Circumstance.INTENSIVE_STRENGTH_TRAINING )
[when]the patient reports recent sport or exercise=Patient( circumstances contains Circumstance.RECENT_EXERCISE )
[when]the patient reports intensive strength training=Patient( circumstances contains Circumstance.INTENSIVE_STRENGTH_TRAINING )
[when]the patient reports stress=Patient( circumstances contains Circumstance.STRESS )
[when]the patient reports tiredness=Patient( circumstances contains Circumstance.TIREDNESS )
[when]the patient reports poor posture=Patient( circumstances contains Circumstance.POOR_POSTURE )
[when]the patient has a critical lab value=Patient( hasCriticalLab() )
[when]the patient has a low serum electrolyte=Patient( hasLow(Analyte.SODIUM) || hasLow(Analyte.POTASSIUM) || hasLow(Analyte.CALCIUM) || hasLow(Analyte.MAGNESIUM) )
[when]the patient has low serum magnesium=Patient( hasLow(Analyte.MAGNESIUM) )
[when]the patient has low serum sodium=Patient( hasLow(Analyte.SODIUM) )
[when]the patient has low serum potassium=Patient( hasLow(Analyte.POTASSIUM) )
[when]the patient has low serum calcium=Patient( hasLow(Analyte.CALCIUM) )

# ---------------------------------------------------------------------------------------------------------------------
# Conditions: the twitch and where it is
# ---------------------------------------------------------------------------------------------------------------------
[when]there is a twitch at any body site=$t : Twitch()
[when]there is a twitch at an unknown body site=$t : Twitch( site == BodySite.UNKNOWN )
[when]there is a twitch anywhere but the eye=$t : Twitch( site != BodySite.EYE )
[when]there is a twitch anywhere but the hand, eye or eyelid=$t : Twitch( site not in (BodySite.HAND, BodySite.EYE, BodySite.EYELID) )
[when]there is a twitch in the hand, eye or eyelid=$t : Twitch( site in (BodySite.HAND, BodySite.EYE, BodySite.EYELID) )
[when]there is a twitch in the hand=$t : Twitch( site == BodySite.HAND )
[when]there is a twitch in the eye or eyelid=$t : Twitch( site in (BodySite.EYE, BodySite.EYELID) )
[when]there is a twitch in the eyelid=$t : Twitch( site == BodySite.EYELID )
[when]there is a twitch in the eye=$t : Twitch( site == BodySite.EYE )
[when]there is a twitch in the upper arm, knee, eye, eyelid, face or abdomen=$t : Twitch( site in (BodySite.UPPER_ARM, BodySite.KNEE, BodySite.EYE, BodySite.EYELID, BodySite.FACE, BodySite.ABDOMEN) )
[when]there is a twitch in the upper arm, calf, face or abdomen=$t : Twitch( site in (BodySite.UPPER_ARM, BodySite.CALF, BodySite.FACE, BodySite.ABDOMEN) )
[when]there is a twitch in the upper arm, calf or knee=$t : Twitch( site in (BodySite.UPPER_ARM, BodySite.CALF, BodySite.KNEE) )
[when]there is a twitch in the upper arm or at the knee=$t : Twitch( site in (BodySite.UPPER_ARM, BodySite.KNEE) )
[when]there is a twitch in the upper arm=$t : Twitch( site == BodySite.UPPER_ARM )
[when]there is a twitch in the calf=$t : Twitch( site == BodySite.CALF )
[when]there is a twitch in the face=$t : Twitch( site == BodySite.FACE )
[when]there is a twitch in the lip=$t : Twitch( site == BodySite.LIP )
[when]there is a twitch in the leg=$t : Twitch( site == BodySite.LEG )
[when]there is a twitch at the knee=$t : Twitch( site == BodySite.KNEE )
[when]there is a twitch in the abdomen=$t : Twitch( site == BodySite.ABDOMEN )
[when]there is a twitch all over the body=$t : Twitch( site == BodySite.WHOLE_BODY )

# ---------------------------------------------------------------------------------------------------------------------
# Conditions: qualifying the twitch (a line starting with "- " adds to the twitch sentence above it)
# ---------------------------------------------------------------------------------------------------------------------
[when]- it comes with pain=symptoms contains Symptom.PAIN
[when]- it comes with numbness=symptoms contains Symptom.NUMBNESS
[when]- it comes with paralysis or weakness=symptoms contains Symptom.PARALYSIS
[when]- it comes with sensory disturbance or tingling=symptoms contains Symptom.SENSORY_DISTURBANCE || symptoms contains Symptom.TINGLING
[when]- it comes with sensory disturbance=symptoms contains Symptom.SENSORY_DISTURBANCE
[when]- it comes with back pain=symptoms contains Symptom.BACK_PAIN
[when]- it comes with tingling or an urge to move the legs=symptoms contains Symptom.TINGLING || symptoms contains Symptom.URGE_TO_MOVE_LEGS
[when]- it comes with tingling=symptoms contains Symptom.TINGLING
[when]- it comes with an urge to move the legs=symptoms contains Symptom.URGE_TO_MOVE_LEGS
[when]- it comes with vocal tics=symptoms contains Symptom.VOCAL_TICS
[when]- it comes with impaired vision=symptoms contains Symptom.IMPAIRED_VISION
[when]- it comes with signs of an eye infection=symptoms contains Symptom.EYE_INFECTION_SIGNS
[when]- it comes with any complaint=symptoms.empty == false
[when]- it is new=course == Course.NEW
[when]- its course is unknown=course == Course.UNKNOWN
[when]- it persists or has lasted longer than the guideline calls passing=course == Course.PERSISTING || longerThanPassing
[when]- it persists or increases=course in (Course.PERSISTING, Course.INCREASING)
[when]- it persists=course == Course.PERSISTING
[when]- it is increasing=course == Course.INCREASING
[when]- it is improving=course == Course.IMPROVING
[when]- it comes just before falling asleep=beforeSleep
[when]- it has lasted longer than the guideline calls passing=longerThanPassing
[when]- it has lasted at least {days:\d+} days=durationDays != null && durationDays >= {days}
[when]- it only shows under the skin=visibility == Visibility.UNDER_SKIN
[when]- it moves the limb or the eye=visibility == Visibility.LIMB_OR_EYE_MOVES
[when]- self-care did not help=selfCare == SelfCare.NO_IMPROVEMENT
[when]- self-care has not failed=selfCare != SelfCare.NO_IMPROVEMENT
[when]- self-care helped=selfCare == SelfCare.HELPED
[when]- self-care was not tried=selfCare == SelfCare.NOT_TRIED

# ---------------------------------------------------------------------------------------------------------------------
# Conditions: what other rules concluded about the twitch
# ---------------------------------------------------------------------------------------------------------------------
[when]the twitch is not referred to a specialist=not Conclusion( (code == FindingCode.SEE_NEUROLOGIST || code == FindingCode.SEE_EYE_DOCTOR), twitchId == $t.id )
[when]the twitch is referred to a specialist=exists Conclusion( (code == FindingCode.SEE_NEUROLOGIST || code == FindingCode.SEE_EYE_DOCTOR), twitchId == $t.id )
[when]the twitch is within the guideline=not Conclusion( kind == FindingKind.OUTSIDE_GUIDELINE, twitchId == $t.id )
[when]the twitch is outside the guideline=$r : Conclusion( kind == FindingKind.OUTSIDE_GUIDELINE, twitchId == $t.id )
[when]the twitch has no urgent finding=not Conclusion( urgency == Urgency.URGENT, twitchId == $t.id )
[when]no twitch of the patient is urgent, referred to a neurologist or suspected of a disease of the nervous system=not Conclusion( urgency == Urgency.URGENT || nervousSystemDisease || code == FindingCode.SEE_NEUROLOGIST )
[when]the twitch has no red flag and no referral=not Conclusion( (kind == FindingKind.RED_FLAG || kind == FindingKind.REFERRAL), twitchId == $t.id )
[when]the twitch has no red flag=not Conclusion( kind == FindingKind.RED_FLAG, twitchId == $t.id )
[when]the twitch has a red flag=exists Conclusion( kind == FindingKind.RED_FLAG, twitchId == $t.id )
[when]the twitch has the red flag pain=exists Conclusion( code == FindingCode.RED_FLAG_PAIN, twitchId == $t.id )
[when]the twitch has the red flag numbness=exists Conclusion( code == FindingCode.RED_FLAG_NUMBNESS, twitchId == $t.id )
[when]the twitch has the red flag paralysis=exists Conclusion( code == FindingCode.RED_FLAG_PARALYSIS, twitchId == $t.id )
[when]the twitch does not have the red flag paralysis=not Conclusion( code == FindingCode.RED_FLAG_PARALYSIS, twitchId == $t.id )
[when]the twitch has the red flag sensory disturbance=exists Conclusion( code == FindingCode.RED_FLAG_SENSORY_DISTURBANCE, twitchId == $t.id )
[when]the twitch has the red flag back pain=exists Conclusion( code == FindingCode.RED_FLAG_BACK_PAIN, twitchId == $t.id )
[when]the twitch has the red flag increasing twitching=exists Conclusion( code == FindingCode.RED_FLAG_INCREASING, twitchId == $t.id )
[when]the twitch has the red flag twitching despite self-care=exists Conclusion( code == FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE, twitchId == $t.id )
[when]the twitch has the red flag persisting twitching=exists Conclusion( code == FindingCode.RED_FLAG_PERSISTING, twitchId == $t.id )
[when]the twitch has one of the red flags sensory disturbance, numbness or paralysis=exists Conclusion( (code == FindingCode.RED_FLAG_SENSORY_DISTURBANCE || code == FindingCode.RED_FLAG_NUMBNESS || code == FindingCode.RED_FLAG_PARALYSIS), twitchId == $t.id )
[when]the twitch has one of the red flags back pain, sensory disturbance, numbness or paralysis=exists Conclusion( (code == FindingCode.RED_FLAG_BACK_PAIN || code == FindingCode.RED_FLAG_SENSORY_DISTURBANCE || code == FindingCode.RED_FLAG_NUMBNESS || code == FindingCode.RED_FLAG_PARALYSIS), twitchId == $t.id )
[when]the twitch has one of the red flags pain, sensory disturbance or numbness=exists Conclusion( (code == FindingCode.RED_FLAG_PAIN || code == FindingCode.RED_FLAG_SENSORY_DISTURBANCE || code == FindingCode.RED_FLAG_NUMBNESS), twitchId == $t.id )
[when]the twitch has one of the red flags pain, sensory disturbance, numbness, back pain or paralysis=exists Conclusion( (code == FindingCode.RED_FLAG_PAIN || code == FindingCode.RED_FLAG_SENSORY_DISTURBANCE || code == FindingCode.RED_FLAG_NUMBNESS || code == FindingCode.RED_FLAG_BACK_PAIN || code == FindingCode.RED_FLAG_PARALYSIS), twitchId == $t.id )
[when]the twitch has one of the red flags persisting twitching, increasing twitching or twitching despite self-care=exists Conclusion( (code == FindingCode.RED_FLAG_PERSISTING || code == FindingCode.RED_FLAG_INCREASING || code == FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE), twitchId == $t.id )
[when]the twitch is suspected to be ALS or MS=exists Conclusion( (code == FindingCode.ALS || code == FindingCode.MS), twitchId == $t.id )
[when]a nerve or neuromuscular cause is suspected for the twitch=exists Conclusion( (code == FindingCode.ALS || code == FindingCode.MS || code == FindingCode.POLYNEUROPATHY || code == FindingCode.HERNIATED_DISC_NECK || code == FindingCode.HERNIATED_DISC_BACK || code == FindingCode.SPINAL_CANAL_STENOSIS || code == FindingCode.PINCHED_NERVE || code == FindingCode.BULGING_DISC), twitchId == $t.id )
[when]the twitch is referred to a doctor=$r : Conclusion( code == FindingCode.SEE_DOCTOR, twitchId == $t.id )
[when]the twitch has a referral other than to the eye doctor=$r : Conclusion( kind == FindingKind.REFERRAL, code != FindingCode.SEE_EYE_DOCTOR, twitchId == $t.id )
[when]there is a referral to a doctor or a neurologist=$r : Conclusion( (code == FindingCode.SEE_DOCTOR || code == FindingCode.SEE_NEUROLOGIST) )

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: red flags (warning signs; a doctor within days unless said otherwise)
# ---------------------------------------------------------------------------------------------------------------------
[then]flag pain: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PAIN, $t, {explanation}));
[then]flag numbness: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_NUMBNESS, $t, {explanation}));
[then]flag paralysis urgently: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PARALYSIS, Urgency.URGENT, $t, {explanation}));
[then]flag paralysis: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PARALYSIS, $t, {explanation}));
[then]flag sensory disturbance: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_SENSORY_DISTURBANCE, $t, {explanation}));
[then]flag back pain: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_BACK_PAIN, $t, {explanation}));
[then]flag increasing twitching: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_INCREASING, $t, {explanation}));
[then]flag twitching despite self-care: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE, $t, {explanation}));
[then]flag persisting twitching: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PERSISTING, $t, {explanation}));

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: outside the guideline (the guideline does not speak for this case; a doctor decides instead)
# ---------------------------------------------------------------------------------------------------------------------
[then]note that the age is outside the guideline, urgently: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_AGE, Urgency.URGENT, $t, {explanation}));
[then]note that the age is outside the guideline, soon: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_AGE, Urgency.SOON, $t, {explanation}));
[then]note a critical lab value, urgently: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_CRITICAL_LAB, Urgency.URGENT, $t, {explanation}));
[then]note a complaint the guideline does not discuss at this site, soon: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, Urgency.SOON, $t, {explanation}));
[then]note that the course is unknown, soon: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN, Urgency.SOON, $t, {explanation}));
[then]note that the body site is unknown, soon: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_SITE_UNKNOWN, Urgency.SOON, $t, {explanation}));
[then]note a duration beyond what the guideline calls passing, soon: {explanation}=insertLogical(Conclusion.outsideGuideline(FindingCode.OUTSIDE_GUIDELINE_DURATION, Urgency.SOON, $t, {explanation}));

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: referrals
# ---------------------------------------------------------------------------------------------------------------------
[then]refer to a doctor as urgently as the note says: {explanation}=insertLogical(Conclusion.following($r, FindingCode.SEE_DOCTOR, {explanation}));
[then]refer to a doctor urgently: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.URGENT, $t, {explanation}));
[then]refer to a doctor soon: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.SOON, $t, {explanation}));
[then]refer to a doctor routinely: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.ROUTINE, $t, {explanation}));
[then]refer to a neurologist urgently: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_NEUROLOGIST, Urgency.URGENT, $t, {explanation}));
[then]refer to a neurologist soon: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_NEUROLOGIST, Urgency.SOON, $t, {explanation}));
[then]refer to a neurologist routinely: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_NEUROLOGIST, Urgency.ROUTINE, $t, {explanation}));
[then]refer to an eye doctor urgently: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_EYE_DOCTOR, Urgency.URGENT, $t, {explanation}));
[then]refer to an eye doctor soon: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_EYE_DOCTOR, Urgency.SOON, $t, {explanation}));
[then]refer to an eye doctor routinely: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_EYE_DOCTOR, Urgency.ROUTINE, $t, {explanation}));

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: workup (what the doctor is expected to do)
# ---------------------------------------------------------------------------------------------------------------------
[then]take a history following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.HISTORY, {explanation}));
[then]examine the patient following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.PHYSICAL_EXAMINATION, {explanation}));
[then]order ENG following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.ENG, {explanation}));
[then]order EMG following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.EMG, {explanation}));
[then]order CT or MRI following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.IMAGING_CT_MRI, {explanation}));
[then]order a cerebrospinal fluid analysis following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.CSF_ANALYSIS, {explanation}));
[then]order an eye examination following the referral: {explanation}=insertLogical(Conclusion.following($r, FindingCode.EYE_EXAMINATION, {explanation}));
[then]plan an eye examination urgently: {explanation}=insertLogical(Conclusion.workup(FindingCode.EYE_EXAMINATION, Urgency.URGENT, $t, {explanation}));
[then]plan an eye examination soon: {explanation}=insertLogical(Conclusion.workup(FindingCode.EYE_EXAMINATION, Urgency.SOON, $t, {explanation}));
[then]plan an eye examination routinely: {explanation}=insertLogical(Conclusion.workup(FindingCode.EYE_EXAMINATION, Urgency.ROUTINE, $t, {explanation}));

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: possible causes (hypotheses, never diagnoses)
# ---------------------------------------------------------------------------------------------------------------------
[then]suggest the hypothesis magnesium deficiency: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.MAGNESIUM_DEFICIENCY, $t, {explanation}));
[then]suggest the hypothesis disturbed electrolyte balance: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.ELECTROLYTE_IMBALANCE, $t, {explanation}));
[then]suggest the hypothesis stress: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.STRESS, $t, {explanation}));
[then]suggest the hypothesis overstrain: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.OVERSTRAIN, $t, {explanation}));
[then]suggest the hypothesis muscle tension from poor posture: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.POOR_POSTURE, $t, {explanation}));
[then]suggest the hypothesis tiredness: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.TIREDNESS, $t, {explanation}));
[then]suggest the hypothesis defective vision: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.DEFECTIVE_VISION, $t, {explanation}));
[then]suggest the hypothesis eye infection: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.EYE_INFECTION, $t, {explanation}));
[then]suggest the hypothesis polyneuropathy: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.POLYNEUROPATHY, $t, {explanation}));
[then]suggest the hypothesis ALS: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.ALS, $t, {explanation}));
[then]suggest the hypothesis multiple sclerosis: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.MS, $t, {explanation}));
[then]suggest the hypothesis herniated disc in the neck: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_NECK, $t, {explanation}));
[then]suggest the hypothesis herniated disc in the back: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_BACK, $t, {explanation}));
[then]suggest the hypothesis narrowing of the spinal canal: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.SPINAL_CANAL_STENOSIS, $t, {explanation}));
[then]suggest the hypothesis pinched nerve: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.PINCHED_NERVE, $t, {explanation}));
[then]suggest the hypothesis bulging disc on a nerve root: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.BULGING_DISC, $t, {explanation}));
[then]suggest the hypothesis restless legs syndrome: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.RESTLESS_LEGS_SYNDROME, $t, {explanation}));
[then]suggest the hypothesis tic disorder: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.TIC_DISORDER, $t, {explanation}));
[then]suggest the hypothesis epilepsy: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.EPILEPSY, $t, {explanation}));
[then]suggest the hypothesis brain tumour: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.BRAIN_TUMOUR, $t, {explanation}));

# ---------------------------------------------------------------------------------------------------------------------
# Conclusions: self-care and reassurance
# ---------------------------------------------------------------------------------------------------------------------
[then]advise magnesium tablets: {explanation}=insertLogical(Conclusion.selfCare(FindingCode.MAGNESIUM_SUPPLEMENT, $t, {explanation}));
[then]advise magnesium-rich food: {explanation}=insertLogical(Conclusion.selfCare(FindingCode.DIETARY_MAGNESIUM, $t, {explanation}));
[then]advise resting the limb: {explanation}=insertLogical(Conclusion.selfCare(FindingCode.REST_LIMB, $t, {explanation}));
[then]advise waiting: {explanation}=insertLogical(Conclusion.selfCare(FindingCode.WAIT_AND_SEE, $t, {explanation}));
[then]reassure that it is a harmless sleep start: {explanation}=insertLogical(Conclusion.reassurance(FindingCode.SLEEP_START, $t, {explanation}));
[then]reassure: {explanation}=insertLogical(Conclusion.reassurance($t, {explanation}));
