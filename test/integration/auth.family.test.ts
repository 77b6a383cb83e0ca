// Whose child is whose, for an applicant: decided from the departments' records, never from
// the token. A birth certificate naming the applicant, with the child's birth date (from the
// ID number) and the name on the child's household register; or, where the names differ (a
// child renamed since birth), the register showing the child as a child of a head of
// household who is the applicant. The candidate's register is only read once a certificate's
// date matched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { family, FRESH, spyOnAccessLog } from './auth.support';

let gw: TestGateway;
let log: ReturnType<typeof spyOnAccessLog>;
const Q = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) { idNumber household { name } } }`;

beforeAll(async () => {
  const { dataset, scenarios } = buildBuiltinDataset();
  // the 'household-and-property' child was renamed after birth: the certificate keeps the old name
  const s = scenarios.find((x) => x.key === 'household-and-property')!;
  const father = s.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
  const cert = dataset.birthCertificates.find((c) => c.fatherIdNumber === father)!;
  cert.childName = '王改名';
  gw = await startTestGateway({ dataset });
  log = spyOnAccessLog(gw);
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => {
  gw.mock.reset();
  log.clear();
});

async function applicantAsks(applicant: string, id: string, countyCode: string) {
  const token = await gw.token({ role: 'applicant', idNumber: applicant });
  return gw.graphql(Q, { id, purpose: { applicationId: 'F-1', countyCode } }, { token, headers: FRESH });
}

describe('a child renamed since birth', () => {
  it('the father, head of the household the child is registered in as his son (21), may read the child', async () => {
    const f = family(gw, 'household-and-property');
    const res = await applicantAsks(f.father, f.child.idNumber, f.countyCode);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.person.idNumber).toBe(f.child.idNumber);
    expect(log.entries.filter((e) => e.idNumber === f.child.idNumber && e.outcome === 'ALLOWED').map((e) => e.reason)).toContain(
      'applicant: parent (household register)',
    );
  });

  it("the mother, the head's wife (12) on that register, may not: the names differ and the register links the child to the head only", async () => {
    const f = family(gw, 'household-and-property');
    const res = await applicantAsks(f.mother, f.child.idNumber, f.countyCode);
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('what the departments do not show', () => {
  it('a family with no birth certificate on record: the register alone is not looked at, the father gets FORBIDDEN', async () => {
    const f = family(gw, 'household-only');
    const res = await applicantAsks(f.father, f.child.idNumber, f.countyCode);
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
    // only his own certificates were asked for; the child's register was never read
    expect(gw.stats().police.requests).toBe(0);
  });

  it('the grandmother who heads the household (the child is 44 on it) is not a parent', async () => {
    const f = family(gw, 'full-evidence');
    // the head of the child's household (dates and ID numbers move with the school year)
    const households = gw.mock.dataset.households;
    const childHousehold = households.find((h) => h.idNumber === f.child.idNumber)!.householdNumber;
    const grandmother = households.find(
      (h) => h.householdNumber === childHousehold && h.relationToHeadCode === '02' && h.birthDate!.endsWith('-08-08'),
    )!.idNumber;
    const res = await applicantAsks(grandmother, f.child.idNumber, f.countyCode);
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('a token cannot claim a child: the ID number in the token is the applicant, nothing more', async () => {
    const f = family(gw, 'property-only');
    const res = await applicantAsks(f.child.idNumber, f.father, f.countyCode);
    // a child asking for their parent: a parent is not the child's child
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(gw.stats().health.requests).toBe(0);
  });
});
