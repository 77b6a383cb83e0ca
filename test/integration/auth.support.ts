// Helpers the authorization tests share: what the access log received, and the built-in
// families by name.
import type { AccessRecord } from '../../src/audit/types';
import { EVIDENCE, type Department } from '../../src/evidence/kinds';
import type { TestGateway } from '../support/gateway';
import type { Scenario } from '../../mocks/data/families';

/**
 * Every entry the gateway hands its audit store from now on (the store still gets them), one per
 * kind read: an entry of several kinds (its `reads`) is shown as one record per kind.
 */
export function spyOnAccessLog(gw: TestGateway): { entries: AccessRecord[]; clear(): void } {
  const entries: AccessRecord[] = [];
  const audit = gw.app.audit;
  const original = audit.record.bind(audit);
  audit.record = async (batch: AccessRecord[]) => {
    for (const r of batch) {
      if (!r.reads) entries.push(r);
      else
        for (const x of r.reads)
          entries.push({ ...r, department: EVIDENCE[x.evidence].department, evidence: x.evidence, fields: x.fields });
    }
    return original(batch);
  };
  return { entries, clear: () => void entries.splice(0) };
}

export function family(gw: TestGateway, key: string): Scenario & { father: string; mother: string } {
  const s = gw.scenarios.find((x) => x.key === key);
  if (!s) throw new Error(`no scenario ${key}`);
  const father = s.guardians.find((g) => g.relation === 'FATHER')?.idNumber ?? '';
  const mother = s.guardians.find((g) => g.relation === 'MOTHER')?.idNumber ?? '';
  return { ...s, father, mother };
}

export function totalCalls(stats: Record<Department, { requests: number; ids: number }>): number {
  return Object.values(stats).reduce((n, s) => n + s.requests, 0);
}

/** Read from the departments, not the cache, so department counts show what was fetched. */
export const FRESH = { 'x-evidence-fresh': '1' };
