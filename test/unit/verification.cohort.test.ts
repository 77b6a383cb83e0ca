// The pure rules against the mock data generator at scale: every built-in scenario and a
// generated cohort (benchmark families: single parents, joint and by-share titles, renewals,
// shops, purchase contracts, missing birth certificates, priority groups) must reach the
// category, age eligibility and zero proof the generator built them for. No HTTP, no
// department: the data set is looked up the way each department answers.
import { describe, expect, it } from 'vitest';
import { buildBuiltinDataset, generateCohort, type Scenario } from '../../mocks/data/families';
import { DatasetIndex } from '../../mocks/data/index';
import { validateIdNumber } from '../../src/codes/idNumber';
import type { EvidenceName } from '../../src/evidence/kinds';
import type { Dataset } from '../../src/evidence/records';
import { loadPolicies, policyFor, type Policy } from '../../src/verification/policy';
import {
  evaluateApplication,
  firstWaveReads,
  followUpReads,
  type ApplicationFacts,
  type PersonEvidence,
  type Read,
} from '../../src/verification/rules';

function verifyOffline(index: DatasetIndex, s: Scenario, policyOf: (county: string) => Policy) {
  const parsed = validateIdNumber(s.child.idNumber);
  if (!parsed.ok) throw new Error('scenario child ID number invalid');
  const app: ApplicationFacts = {
    applicationId: `APP-${s.key}`,
    countyCode: s.countyCode,
    schoolYear: s.schoolYear,
    stage: s.stage,
    child: { idNumber: s.child.idNumber, name: s.child.name, birthDate: parsed.birthDate, gender: parsed.gender },
    guardians: s.guardians,
    priorityGroup: s.priorityGroup ?? false,
  };
  const policy = policyOf(s.countyCode);
  const lookups: Record<EvidenceName, (id: string) => readonly unknown[]> = {
    household: (id) => {
      const h = index.households(id);
      return h ? [h] : [];
    },
    residencePermits: (id) => index.residencePermits(id),
    properties: (id) => index.properties(id),
    purchaseContracts: (id) => index.purchaseContracts(id),
    leaseFilings: (id) => index.leaseFilings(id),
    subsidizedHousing: (id) => index.subsidizedHousing(id),
    individualBusinesses: (id) => index.individualBusinesses(id),
    enterprises: (id) => index.enterprises(id),
    socialInsurance: (id) => index.socialInsurance(id),
    marriages: (id) => index.marriages(id),
    birthCertificates: (id) => index.birthCertificates(id),
  };
  const ev = new Map<string, PersonEvidence>();
  const fill = (reads: Read[]) => {
    for (const [id, name] of reads) {
      const person = ev.get(id) ?? {};
      (person as Record<string, unknown>)[name] = { ok: true, records: [...lookups[name](id)] };
      ev.set(id, person);
    }
  };
  fill(firstWaveReads(app, policy));
  fill(followUpReads(app, ev, policy));
  return evaluateApplication(app, ev, policy);
}

function disagreements(dataset: Dataset, scenarios: Scenario[], policyOf: (county: string) => Policy = (c) => policyFor(c)) {
  const index = new DatasetIndex(dataset);
  const out: { key: string; description: string; expected: unknown; got: unknown; checks: unknown }[] = [];
  for (const s of scenarios) {
    const v = verifyOffline(index, s, policyOf);
    const got = { category: v.category, ageEligible: v.ageEligible, zeroProof: v.zeroProof };
    const expected = { category: s.expectedCategory, ageEligible: s.expectedAgeEligible, zeroProof: s.expectedZeroProof };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      out.push({
        key: s.key,
        description: s.description,
        expected,
        got,
        checks: v.checks.filter((c) => c.status !== 'PASSED' && c.status !== 'NOT_APPLICABLE'),
      });
  }
  return out;
}

describe('the rules against the mock data generator', () => {
  it('every built-in scenario', () => {
    const { dataset, scenarios } = buildBuiltinDataset();
    expect(disagreements(dataset, scenarios)).toEqual([]);
  });

  it.each([
    [1, 400],
    [7, 2000],
  ])("a generated cohort (seed %i, %i families), each under its own county's policy", (seed, families) => {
    // the generator expects what each county's policy decides (嘉祥县 does not count purchase
    // contracts), as the gateway does
    const { dataset, scenarios } = generateCohort(families, seed);
    const set = loadPolicies();
    expect(disagreements(dataset, scenarios, (county) => policyFor(county, set))).toEqual([]);
  });
});
