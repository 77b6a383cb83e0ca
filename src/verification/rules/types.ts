// What the rules take (the evidence fetched, the checked application) and what they give (the
// shapes of schema/verification.graphql).
import type { Department, EvidenceName, EvidenceRecordMap } from '../../evidence/kinds';
import type {
  CheckStatus,
  EnrollmentCategory,
  EvidenceKind,
  Gender,
  GuardianRelation,
  HouseholdType,
  PointsItemKind,
  Stage,
} from '../../generated/graphql';

/** One read's outcome: the records, or the department that could not answer. */
export type Fetched<R> = { ok: true; records: R[] } | { ok: false; department: Department };
/** What was fetched for one person; a kind not asked is absent. */
export type PersonEvidence = { [N in EvidenceName]?: Fetched<EvidenceRecordMap[N]> };
/** ID number (as the application wrote it, canonical) -> that person's evidence. */
export type EvidenceSet = ReadonlyMap<string, PersonEvidence>;

/** A checked application: ID numbers canonical, the child's birth date and gender from the ID number. */
export interface ApplicationFacts {
  applicationId: string;
  countyCode: string;
  schoolYear: number;
  stage: Stage;
  child: { idNumber: string; name: string; birthDate: string; gender: Gender };
  guardians: { idNumber: string; name: string; relation: GuardianRelation }[];
  priorityGroup: boolean;
}

// ---------------------------------------------------------------------------------------
// Outputs (the shapes of schema/verification.graphql)

export interface CheckResult {
  name: string;
  status: CheckStatus;
  department: string | null;
  detail: string | null;
}

export interface PointsItemResult {
  item: PointsItemKind;
  score: number;
  evidence: EvidenceKind[];
  detail: string | null;
}

export interface PointsResult {
  total: number;
  items: PointsItemResult[];
}

export interface RegistryGuardianDraft {
  name: string;
  idNumber: string;
  relation: GuardianRelation;
  verifiedBy: string | null;
}

export interface RegistryDraft {
  name: string;
  idNumber: string;
  gender: Gender | null;
  birthDate: string | null;
  ethnicity: string | null;
  nativePlace: string | null;
  householdAddress: string | null;
  householdRegionCode: string | null;
  householdType: HouseholdType | null;
  birthCertificateNumber: string | null;
  guardians: RegistryGuardianDraft[];
}

export interface VerificationResult {
  applicationId: string;
  category: EnrollmentCategory;
  zeroProof: boolean;
  ageEligible: boolean | null;
  checks: CheckResult[];
  missingEvidence: EvidenceKind[];
  points: PointsResult | null;
  registryDraft: RegistryDraft | null;
}
