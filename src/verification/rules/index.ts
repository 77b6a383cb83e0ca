// The enrollment rules (docs/verification.md) as pure functions over evidence already fetched: no I/O, no
// clock, no department. verify.ts fetches, these modules decide (one module per rule; this one
// only says what the others export).
//
// Every fact is three-valued (Tri): T (the data shows it), F (the data shows it does not
// hold), U (a department could not answer, or the evidence was not asked for). A U carries the
// documents (EvidenceKind) a family could photograph to settle it. The category is the first
// rule of docs/verification.md rule 5 that is T; an earlier rule that is U is what the family must still
// prove (missingEvidence), and zeroProof is true only when nothing is left to prove.
//
// Check details are written for county staff: never an ID number or a name; the address
// check shows the addresses it compared, in normalized notation.
export type {
  ApplicationFacts,
  CheckResult,
  EvidenceSet,
  Fetched,
  PersonEvidence,
  PointsItemResult,
  PointsResult,
  RegistryDraft,
  RegistryGuardianDraft,
  VerificationResult,
} from './types';
export { and, EVIDENCE_KIND_ORDER, FALSE, or, sortKinds, TRUE, unknown, type Tri } from './tri';
export { addDays, addMonths, inCounty, sameId } from './helpers';
export { isAgeEligible, primaryCutoff } from './age';
export { isChildOfHeadCode, matchBirthCertificate, parentByRegister } from './parentChild';
export { currentSpouse, relationships, spouseCandidates, type GuardianLink, type SpouseCandidate } from './guardianLinks';
export { contractVerdict, titleVerdict, type ContractVerdict, type TitleVerdict } from './property';
export { mergePeriods, permitContinuity, permitStartNeeded, type Period } from './residencePermit';
export { pointsEvidence, scorePoints, type PointsOutcome } from './points';
export { decideCategory, type CategoryRule } from './category';
export { evaluateApplication } from './evaluate';
export { buildRegistryDraft } from './registryDraft';
export { firstWaveReads, followUpReads, type Read } from './reads';
