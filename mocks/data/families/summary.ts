// What GET /__mock/scenarios shows for each built-in family: who is in it and in what role, its
// county, and an ApplicationInput ready to send to verifyApplication (typed from the schema, so
// it cannot drift from it), with what the verification should answer.
import { countyName } from '../../../src/codes/regions';
import type { ApplicationInput, EnrollmentCategory } from '../../../src/generated/graphql';
import type { Scenario } from './builder';

export interface ScenarioMember {
  /** child, father, mother, step-father, … */
  role: string;
  name: string;
  idNumber: string;
  /** false for a family member the application does not name (found through department data) */
  onApplication: boolean;
}

export interface ScenarioSummary {
  key: string;
  /** what the family shows */
  description: string;
  countyCode: string;
  countyName: string;
  members: ScenarioMember[];
  /** the application's people by place (kept for scripts written against the first shape) */
  idNumbers: { child: string; guardians: string[] };
  applicationInput: ApplicationInput;
  /** what verifyApplication answers for applicationInput with every department up */
  expected: { category: EnrollmentCategory; zeroProof: boolean; ageEligible: boolean | null };
}

const ROLE_OF_RELATION = { FATHER: 'father', MOTHER: 'mother', OTHER: 'guardian' } as const;

/** The family's application as a county platform sends it to verifyApplication. */
export function applicationInputOf(s: Scenario, applicationId = `APP-${s.key}`): ApplicationInput {
  return {
    applicationId,
    countyCode: s.countyCode,
    schoolYear: s.schoolYear,
    stage: s.stage,
    child: { idNumber: s.child.idNumber, name: s.child.name },
    guardians: s.guardians.map((g) => ({ idNumber: g.idNumber, name: g.name, relation: g.relation })),
    priorityGroup: s.priorityGroup ?? false,
  };
}

export function summarize(s: Scenario): ScenarioSummary {
  return {
    key: s.key,
    description: s.description,
    countyCode: s.countyCode,
    countyName: countyName(s.countyCode) ?? s.countyCode,
    members: [
      { role: 'child', name: s.child.name, idNumber: s.child.idNumber, onApplication: true },
      ...s.guardians.map((g) => ({
        role: s.roles?.[g.idNumber] ?? ROLE_OF_RELATION[g.relation],
        name: g.name,
        idNumber: g.idNumber,
        onApplication: true,
      })),
      ...(s.others ?? []).map((o) => ({ ...o, onApplication: false })),
    ],
    idNumbers: { child: s.child.idNumber, guardians: s.guardians.map((g) => g.idNumber) },
    applicationInput: applicationInputOf(s),
    expected: { category: s.expectedCategory, zeroProof: s.expectedZeroProof, ageEligible: s.expectedAgeEligible },
  };
}
