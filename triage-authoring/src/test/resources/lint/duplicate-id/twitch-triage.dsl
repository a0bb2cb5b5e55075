# A small rule language for the linter's test folders: a few sentences of the project's twitch-triage.dsl.
[when]there is a twitch at any body site=$t : Twitch()
[when]there is a twitch in the calf=$t : Twitch( site == BodySite.CALF )
[when]there is a twitch in the eye=$t : Twitch( site == BodySite.EYE )
[when]there is a twitch in the hand=$t : Twitch( site == BodySite.HAND )
[when]- it comes with pain=symptoms contains Symptom.PAIN
[when]- it persists=course == Course.PERSISTING
[when]- it is improving=course == Course.IMPROVING
[when]the twitch has no red flag and no referral=not Conclusion( kind in (FindingKind.RED_FLAG, FindingKind.REFERRAL), twitchId == $t.id )
[when]the twitch has no red flag=not Conclusion( kind == FindingKind.RED_FLAG, twitchId == $t.id )
[when]the twitch has the red flag pain=exists Conclusion( code == FindingCode.RED_FLAG_PAIN, twitchId == $t.id )
[when]the twitch has the red flag back pain=exists Conclusion( code == FindingCode.RED_FLAG_BACK_PAIN, twitchId == $t.id )
[then]flag pain: {explanation}=insertLogical(Conclusion.redFlag(FindingCode.RED_FLAG_PAIN, $t, {explanation}));
[then]refer to a doctor soon: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.SOON, $t, {explanation}));
[then]refer to an eye doctor routinely: {explanation}=insertLogical(Conclusion.referral(FindingCode.SEE_EYE_DOCTOR, Urgency.ROUTINE, $t, {explanation}));
[then]suggest the hypothesis herniated disc in the back: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_BACK, $t, {explanation}));
[then]suggest the hypothesis stress: {explanation}=insertLogical(Conclusion.hypothesis(FindingCode.STRESS, $t, {explanation}));
[then]reassure: {explanation}=insertLogical(Conclusion.reassurance($t, {explanation}));
