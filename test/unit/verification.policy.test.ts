// Verification policies are data, validated at start-up: a bad file stops the gateway with one
// line naming the file and the problem; points may score only the notice's four items.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies, NOTICE_POINTS_RULE, parsePolicy, PolicyError, policyFor, POLICY_DIR } from '../../src/verification/policy';

const DEFAULT = {
  description: 'test default',
  purchaseContractsCountAsProperty: true,
  addressNormalization: true,
  age: { years: 6, by: '08-31' },
  residencePermit: { months: 6, by: '08-31' },
  points: null,
};

function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

function failure(f: () => unknown): PolicyError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    const e = err as PolicyError;
    expect(e.message, 'one line').not.toContain('\n');
    return e;
  }
  throw new Error('expected a PolicyError');
}

describe('policy files', () => {
  it('the shipped files load', () => {
    const set = loadPolicies(POLICY_DIR);
    expect([...set.counties.keys()].sort()).toEqual(['370828', '370829']);
    expect(policyFor('370811', set).county).toBeNull();
    expect(policyFor('370828', set).county).toBe('370828');
  });

  it('a county file overrides only what it names', () => {
    const set = loadPolicies(dirWith({ 'default.json': DEFAULT, '370811.json': { residencePermit: { months: 12, by: '08-31' } } }));
    expect(policyFor('370811', set)).toMatchObject({
      residencePermit: { months: 12, by: '08-31' },
      age: { years: 6, by: '08-31' },
      purchaseContractsCountAsProperty: true,
      county: '370811',
    });
  });

  it('refuses a points item the notice does not allow, quoting the notice', () => {
    const dir = dirWith({
      'default.json': DEFAULT,
      '370811.json': { points: { items: { EMPLOYMENT: { businessLicense: 10 }, PARENT_EDUCATION: { degree: 10 } } } },
    });
    const e = failure(() => loadPolicies(dir));
    expect(e.message).toMatch(
      /^verification policy .*370811\.json: points item "PARENT_EDUCATION" not allowed: a county may score only HOUSEHOLD_TYPE, RESIDENCE, EMPLOYMENT, PROPERTY_TYPE/,
    );
    expect(e.message).toContain(NOTICE_POINTS_RULE);
    expect(NOTICE_POINTS_RULE).toContain('原则上除户籍类型、居住情况、从业情况及房产类型外，取消其他赋分项目');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown key', { ...DEFAULT, schoolDistrictSeat: true }, /Unrecognized key.*schoolDistrictSeat/i],
    ['a wrong type', { ...DEFAULT, purchaseContractsCountAsProperty: 'yes' }, /purchaseContractsCountAsProperty/],
    ['a missing key', { ...DEFAULT, addressNormalization: undefined }, /addressNormalization/],
    ['a cut-off not every year has', { ...DEFAULT, age: { years: 6, by: '02-29' } }, /age\.by: must be a day every year has/],
    ['a malformed cut-off', { ...DEFAULT, residencePermit: { months: 6, by: '8/31' } }, /residencePermit\.by: must be MM-DD/],
    ['zero months', { ...DEFAULT, residencePermit: { months: 0, by: '08-31' } }, /residencePermit\.months/],
    ['points with no item', { ...DEFAULT, points: { items: {} } }, /points\.items: points\.items must score at least one item/],
    [
      'an employment item scoring nothing',
      { ...DEFAULT, points: { items: { EMPLOYMENT: { max: 10 } } } },
      /EMPLOYMENT must score socialInsurance or businessLicense/,
    ],
    ['a negative score', { ...DEFAULT, points: { items: { RESIDENCE: { leaseFiling: -5 } } } }, /points\.items\.RESIDENCE\.leaseFiling/],
    ['an unknown scoring key', { ...DEFAULT, points: { items: { HOUSEHOLD_TYPE: { byHouseholdType: { RURAL: 5 } } } } }, /RURAL/],
  ])('refuses %s in default.json, naming the file', (_n, content, re) => {
    const e = failure(() => loadPolicies(dirWith({ 'default.json': JSON.stringify(content) })));
    expect(e.message).toMatch(/^verification policy .*default\.json: /);
    expect(e.message).toMatch(re);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['not JSON', { 'default.json': DEFAULT, '370811.json': '{ "points": ' }, /370811\.json: not valid JSON/],
    ['a file name that is no county', { 'default.json': DEFAULT, 'rencheng.json': {} }, /rencheng\.json: unexpected file name/],
    [
      'a county outside Jining',
      { 'default.json': DEFAULT, '110101.json': {} },
      /110101\.json: 110101 is not a county-level region code of Jining/,
    ],
    ['no default', { '370811.json': {} }, /default\.json: missing/],
  ])('refuses %s', (_n, files, re) => {
    expect(failure(() => loadPolicies(dirWith(files))).message).toMatch(re);
  });

  it('parsePolicy validates one file on its own', () => {
    expect(parsePolicy(DEFAULT, 'default.json')).toMatchObject({ county: null, points: null });
    expect(() => parsePolicy({ ...DEFAULT, points: { items: { SCHOOL_TIES: {} } } }, 'x.json')).toThrow(
      /x\.json: points item "SCHOOL_TIES" not allowed/,
    );
  });
});
