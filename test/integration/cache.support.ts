// Helpers shared by the cache tests that run a whole gateway: a family's query, its answer
// with the freshness of each record set aside, and every ID number and name of a data set.
import type { Scenario } from '../../mocks/data/families';
import { EVIDENCE, DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import { PEOPLE_QUERY, type TestGateway } from '../support/gateway';
import { applicationFor } from '../support/applications';

export interface Family {
  ids: string[];
  purpose: { applicationId: string; countyCode: string };
}

export function familyOf(s: Scenario, applicationId = `APP-${s.key}`): Family {
  return { ids: [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)], purpose: { applicationId, countyCode: s.countyCode } };
}

export interface Answer {
  status: number;
  data: any;
  errors: any[] | undefined;
  ms: number;
}

/** The whole-family query as the family's county platform asks it. */
export async function askFamily(gw: TestGateway, s: Scenario, headers: Record<string, string> = {}): Promise<Answer> {
  const f = familyOf(s);
  await applicationFor(gw, s, f.purpose.applicationId);
  const token = await gw.token({ role: 'county_platform', county: s.countyCode });
  const started = performance.now();
  const res = await gw.graphql(PEOPLE_QUERY, { ids: f.ids, purpose: f.purpose }, { token, headers });
  return { status: res.status, data: res.body.data, errors: res.body.errors, ms: performance.now() - started };
}

/** Every provenance object in an answer, in document order. */
export function provenances(data: unknown): { department: string; retrievedAt: string; fromCache: boolean }[] {
  const out: { department: string; retrievedAt: string; fromCache: boolean }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'provenance') out.push(x as never);
        else walk(x);
      }
    }
  };
  walk(data);
  return out;
}

/** The answer with each record's retrievedAt and fromCache set aside (what must not change). */
export function facts(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data), (k, v) => (k === 'provenance' ? { department: v.department } : v));
}

/** What one whole-family query should ask each department: every person once per API it serves. */
export function idsPerDepartment(people: number): Record<Department, number> {
  const out = Object.fromEntries(DEPARTMENTS.map((d) => [d, 0])) as Record<Department, number>;
  for (const info of Object.values(EVIDENCE)) out[info.department] += people;
  return out;
}

export function idsAsked(stats: Record<Department, { requests: number; ids: number }>): Record<Department, number> {
  return Object.fromEntries(DEPARTMENTS.map((d) => [d, stats[d].ids])) as Record<Department, number>;
}

export function totalRequests(stats: Record<Department, { requests: number; ids: number }>): number {
  return DEPARTMENTS.reduce((a, d) => a + stats[d].requests, 0);
}

/** Every ID number and person or company name anywhere in a data set. */
export function sensitiveStrings(dataset: object): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && v.length >= 2 && /(idnumber|name)$/i.test(key)) out.add(v);
  };
  walk(dataset, '');
  return out;
}

export async function readyz(gw: TestGateway): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gw.url}/readyz`);
  return { status: res.status, body: await res.json() };
}
