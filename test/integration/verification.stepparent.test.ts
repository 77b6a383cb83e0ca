// A remarried mother applies without naming her new husband; his home is what makes the
// family HOUSEHOLD_AND_PROPERTY. Verification finds him through the marriage register and
// reads his titles — but he is a person the application does not name, so his read is
// authorized like any other: on the county's statutory duty it happens; in a county that
// reads with consent and without his, it does not, and the family is asked for the title.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { securityOf } from '../../src/auth/index';
import { CountyConsentPolicy } from '../../src/auth/countyPolicy';
import { startTestGateway, type TestGateway } from '../support/gateway';

const VERIFY = `query V($input: ApplicationInput!) { verifyApplication(input: $input) { category zeroProof missingEvidence checks { name status } } }`;
const GRANT = `mutation G($a: ID!, $c: String!) { grantConsent(applicationId: $a, countyCode: $c) { active } }`;
const FRESH = { 'x-evidence-fresh': 'true' };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await securityOf(gw.app.schema)?.close();
  await gw?.close();
});
beforeEach(() => gw.mock.reset());

function application(applicationId: string) {
  const s = gw.scenarios.find((x) => x.key === 'remarried-step-parent-home')!;
  const mother = s.guardians.find((g) => g.relation === 'MOTHER')!;
  const stepFather = s.guardians.find((g) => g.relation !== 'MOTHER')!;
  return {
    s,
    mother,
    stepFather,
    input: {
      applicationId,
      countyCode: s.countyCode,
      schoolYear: s.schoolYear,
      stage: s.stage,
      child: { idNumber: s.child.idNumber, name: s.child.name },
      guardians: [mother],
    },
  };
}

describe('a step-parent the application does not name', () => {
  it('is read on the statutory duty: his home makes the family HOUSEHOLD_AND_PROPERTY', async () => {
    const { s, input, stepFather } = application('APP-step-statutory');
    securityOf(gw.app.schema)!.access.policy = new CountyConsentPolicy({});
    const token = await gw.token({ role: 'county_platform', county: s.countyCode });
    const { body } = await gw.graphql(VERIFY, { input }, { token, headers: FRESH });
    expect(body.errors).toBeUndefined();
    expect(body.data.verifyApplication.category).toBe('HOUSEHOLD_AND_PROPERTY');
    expect(body.data.verifyApplication.zeroProof).toBe(true);
    // the second wave asked natural resources about him
    expect(gw.stats().naturalResources.ids).toBeGreaterThanOrEqual(3);
    expect(stepFather.idNumber).toBeTruthy();
  });

  it('is not read without his consent in a consent county: the family shows the title instead', async () => {
    const { s, input, mother } = application('APP-step-consent');
    securityOf(gw.app.schema)!.access.policy = new CountyConsentPolicy({ [s.countyCode]: 'consent' });
    const granted = await gw.graphql(
      GRANT,
      { a: input.applicationId, c: s.countyCode },
      { token: await gw.token({ role: 'applicant', idNumber: mother.idNumber }) },
    );
    expect(granted.body.errors).toBeUndefined();
    gw.mock.reset();

    const token = await gw.token({ role: 'county_platform', county: s.countyCode });
    const { body } = await gw.graphql(VERIFY, { input }, { token, headers: FRESH });
    expect(body.errors).toBeUndefined();
    const v = body.data.verifyApplication;
    expect(v.category).toBe('HOUSEHOLD_ONLY');
    expect(v.zeroProof).toBe(false);
    expect(v.missingEvidence).toContain('PROPERTY_CERTIFICATE');
    // natural resources was asked about the mother and the child only, never about him
    expect(gw.stats().naturalResources.ids).toBe(2);
  });
});
