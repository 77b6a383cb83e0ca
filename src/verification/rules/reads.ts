// What to read (verify.ts runs the reads; deciding what they are is a rule too)
import type { EvidenceName } from '../../evidence/kinds';
import type { Policy } from '../policy';
import { evaluateApplication } from './evaluate';
import { relationships, spouseCandidates } from './guardianLinks';
import { get, sameId } from './helpers';
import { pointsEvidence } from './points';
import type { ApplicationFacts, EvidenceSet } from './types';

export type Read = [idNumber: string, name: EvidenceName];

/** The first wave: everything the category rules read, for the child and every guardian at once. */
export function firstWaveReads(app: ApplicationFacts, policy: Policy): Read[] {
  const reads: Read[] = [
    [app.child.idNumber, 'household'],
    [app.child.idNumber, 'properties'],
  ];
  if (policy.purchaseContractsCountAsProperty) reads.push([app.child.idNumber, 'purchaseContracts']);
  for (const g of app.guardians) {
    const kinds: EvidenceName[] = ['household', 'residencePermits', 'marriages', 'properties', 'birthCertificates'];
    if (policy.purchaseContractsCountAsProperty) kinds.push('purchaseContracts');
    for (const k of kinds) reads.push([g.idNumber, k]);
  }
  return reads;
}

/**
 * The second wave, only when needed: the homes of a parent's current spouse who is not a
 * guardian (step-parent, rule 4), and the points evidence (rule 7) when the category can still
 * be MIGRANT_WORKER_CHILD in a county that scores. Reads already made are left out.
 */
export function followUpReads(app: ApplicationFacts, ev: EvidenceSet, policy: Policy): Read[] {
  const reads: Read[] = [];
  const has = (id: string, name: EvidenceName) => get(ev, id, name) !== undefined || reads.some(([i, n]) => n === name && sameId(i, id));
  const add = (id: string, name: EvidenceName) => {
    if (!has(id, name)) reads.push([id, name]);
  };
  const links = relationships(app, ev);
  for (const c of spouseCandidates(app, ev, links)) {
    add(c.idNumber, 'properties');
    if (policy.purchaseContractsCountAsProperty) add(c.idNumber, 'purchaseContracts');
  }
  if (policy.points) {
    const pre = evaluateApplication(app, ev, policy);
    const couldBeMigrant =
      pre.category === 'MIGRANT_WORKER_CHILD' ||
      (pre.category === 'UNDETERMINED' && pre.checks.some((c) => c.name === 'residencePermit.continuous' && c.status === 'UNAVAILABLE'));
    if (couldBeMigrant) {
      const wanted = pointsEvidence(policy.points);
      for (const l of links) if (l.relation.v !== 'F') for (const k of wanted.guardians) add(l.idNumber, k);
      for (const k of wanted.child) add(app.child.idNumber, k);
    }
  }
  return reads;
}
