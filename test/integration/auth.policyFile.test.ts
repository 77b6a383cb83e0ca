// COUNTY_CONSENT_POLICY: an operator names the file that says which counties read only with
// the family's consent. A county listed as "consent" refuses a platform's read without one;
// a file that is not valid stops start-up with a line naming it.
import { registerApplicationFor } from '../support/applications';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PERSON_QUERY, startTestGateway } from '../support/gateway';

const dir = mkdtempSync(join(tmpdir(), 'county-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('COUNTY_CONSENT_POLICY', () => {
  it('makes a listed county read only with consent', async () => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, JSON.stringify({ '370811': 'consent' }));
    const gw = await startTestGateway({ env: { COUNTY_CONSENT_POLICY: path } });
    try {
      const s = gw.scenarios.find((x) => x.countyCode === '370811')!;
      const token = await gw.token({ role: 'county_platform', county: '370811' });
      const { body } = await gw.graphql(
        PERSON_QUERY,
        { id: s.child.idNumber, purpose: await registerApplicationFor(gw, token, s, { applicationId: 'APP-policy' }) },
        { token },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      for (const st of Object.values(gw.stats())) expect(st.requests).toBe(0);
    } finally {
      await gw.close();
    }
  });

  it('stops start-up on an invalid file, naming it', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ '370811': 'whenever' }));
    await expect(startTestGateway({ env: { COUNTY_CONSENT_POLICY: path } })).rejects.toThrow(/county consent policy/);
  });
});
