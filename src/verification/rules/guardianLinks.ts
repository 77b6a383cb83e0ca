// Rule 1: each guardian's link to the child (parent, or step-parent through a current marriage),
// and the current spouses of parents who are not guardians.
import type { Department } from '../../evidence/kinds';
import type { BirthCertificate, MarriageRegistration } from '../../evidence/records';
import { get, isTri, records, sameId } from './helpers';
import { CONTRADICTED, contradicts, guardianConfirmed } from './identity';
import { matchBirthCertificate, parentByRegister } from './parentChild';
import { and, bool, departmentOfKind, documentOf, FALSE, or, status, TRUE, unknown, type Tri } from './tri';
import type { ApplicationFacts, CheckResult, EvidenceSet } from './types';

/**
 * The person's current spouse: per partner the latest registration decides (a later divorce or
 * annulment between the same two people ends a marriage; on the same day the dissolution wins);
 * of several partners still married on record, the latest marriage. Returns the partner's ID number.
 */
export function currentSpouse(personId: string, marriages: readonly MarriageRegistration[]): string | null {
  const byPartner = new Map<string, { id: string; list: MarriageRegistration[] }>();
  for (const m of marriages) {
    const partner = sameId(m.husbandIdNumber, personId) ? m.wifeIdNumber : sameId(m.wifeIdNumber, personId) ? m.husbandIdNumber : null;
    if (!partner) continue;
    const key = partner.toUpperCase();
    const entry = byPartner.get(key) ?? { id: partner, list: [] };
    entry.list.push(m);
    byPartner.set(key, entry);
  }
  let best: { id: string; date: string } | null = null;
  for (const { id, list } of byPartner.values()) {
    const sorted = [...list].sort(
      (a, b) =>
        (a.registeredOn ?? '').localeCompare(b.registeredOn ?? '') || (a.status === 'MARRIED' ? -1 : 0) - (b.status === 'MARRIED' ? -1 : 0),
    );
    const last = sorted.at(-1)!;
    if (last.status !== 'MARRIED') continue;
    const date = last.registeredOn ?? '';
    if (!best || date > best.date) best = { id, date };
  }
  return best?.id ?? null;
}

export interface GuardianLink {
  index: number;
  idNumber: string;
  /** the child's parent (birth certificate or register) */
  parent: Tri;
  /** the current spouse of another guardian who is a verified parent */
  step: Tri;
  /** parent or step-parent */
  relation: Tri;
  role: 'FATHER' | 'MOTHER' | null;
  certificate: BirthCertificate | null;
  verifiedBy: string | null;
  check: CheckResult;
}

/** A current spouse of a verified (or not yet refuted) parent who is not among the guardians: a step-parent candidate. */
export interface SpouseCandidate {
  idNumber: string;
  /** the guardian whose spouse this is */
  viaGuardian: number;
  relation: Tri;
}

function marriagesOf(ev: EvidenceSet, ids: string[]): { list: MarriageRegistration[]; unavailable: boolean } {
  const list: MarriageRegistration[] = [];
  let unavailable = false;
  const seen = new Set<string>();
  for (const id of ids) {
    const f = get(ev, id, 'marriages');
    if (!f?.ok) {
      unavailable = true;
      continue;
    }
    for (const m of f.records) {
      const key = JSON.stringify([m.husbandIdNumber, m.wifeIdNumber, m.registeredOn, m.status]);
      if (!seen.has(key)) {
        seen.add(key);
        list.push(m);
      }
    }
  }
  return { list, unavailable };
}

export function relationships(app: ApplicationFacts, ev: EvidenceSet): GuardianLink[] {
  const childHousehold = get(ev, app.child.idNumber, 'household');
  const childRecord = childHousehold?.ok ? (childHousehold.records[0] ?? null) : null;

  // a link from the register needs the register to hold the child under the application's name
  const childConfirmed: Tri = contradicts(childRecord, app.child.name) ? CONTRADICTED() : TRUE;

  const parents = app.guardians.map((g, index) => {
    const confirmed = guardianConfirmed(ev, g);
    const bcs = records(ev, g.idNumber, 'birthCertificates');
    // the one parent-child rule (src/evidence/parentChild.ts), one department's side at a time:
    // each may be unknown while the other decides
    const match = isTri(bcs) ? null : matchBirthCertificate(g.idNumber, app.child, bcs);
    const byCertificate: Tri = isTri(bcs) ? bcs : bool(match !== null);
    const guardianHousehold = records(ev, g.idNumber, 'household');
    const byRegister: Tri = !childHousehold?.ok
      ? unknown('HOUSEHOLD_REGISTRATION')
      : isTri(guardianHousehold)
        ? guardianHousehold
        : and(childConfirmed, bool(parentByRegister(childRecord, guardianHousehold[0] ?? null)));
    const contradicted = confirmed.v === 'U';
    return {
      index,
      idNumber: g.idNumber,
      byCertificate,
      byRegister,
      match,
      contradicted,
      parent: and(confirmed, or(byCertificate, byRegister)),
    };
  });

  return parents.map((p) => {
    // step-parent: the current spouse of another guardian who is a verified parent
    const stepVia: { other: number; t: Tri }[] = parents
      .filter((o) => o.index !== p.index)
      .map((o) => {
        const { list, unavailable } = marriagesOf(ev, [o.idNumber, p.idNumber]);
        const married = sameId(currentSpouse(o.idNumber, list), p.idNumber);
        const spouse: Tri = married ? TRUE : unavailable ? unknown('MARRIAGE_REGISTRATION') : FALSE;
        return { other: o.index, t: and(o.parent, spouse) };
      });
    const step = or(...stepVia.map((s) => s.t));
    const relation = p.contradicted ? and(CONTRADICTED(), or(p.parent, step)) : or(p.parent, step);

    let verifiedBy: string | null = null;
    let detail: string;
    let department: Department | null = null;
    if (p.contradicted && relation.v !== 'F') {
      department = 'police';
      detail = `not confirmed: the household register holds guardians[${p.index}]'s ID number under another name`;
    } else if (p.byCertificate.v === 'T') {
      verifiedBy = documentOf('birthCertificates');
      department = 'health';
      detail = `parent: the child's birth certificate (matched by the child's name and birth date) names guardians[${p.index}] as ${p.match!.role === 'FATHER' ? 'father' : 'mother'}`;
    } else if (p.byRegister.v === 'T') {
      verifiedBy = documentOf('household');
      department = 'police';
      detail = `parent: guardians[${p.index}] heads the child's household, in which the child is a son or daughter of the head`;
    } else if (step.v === 'T') {
      const via = stepVia.find((s) => s.t.v === 'T')!;
      verifiedBy = documentOf('marriages');
      department = 'civilAffairs';
      detail = `step-parent: guardians[${p.index}] is the current spouse of guardians[${via.other}], a verified parent`;
    } else if (relation.v === 'U' && childConfirmed.v === 'U' && p.byRegister.v === 'U' && p.byCertificate.v !== 'U') {
      department = 'police';
      detail = "not confirmed: the household register holds the child's ID number under another name";
    } else if (relation.v === 'U') {
      department = departmentOfKind(relation.needs[0]!);
      detail = `not confirmed: ${relation.needs
        .map((k) => departmentOfKind(k))
        .filter((d, i, a) => a.indexOf(d) === i)
        .join(', ')} could not answer`;
    } else {
      detail = `no record shows guardians[${p.index}] as the child's parent or step-parent (birth certificate, household register, marriage registration)`;
    }
    return {
      index: p.index,
      idNumber: p.idNumber,
      parent: p.parent,
      step,
      relation,
      role: p.match?.role ?? null,
      certificate: p.match?.certificate ?? null,
      verifiedBy,
      check: { name: `guardians[${p.index}].relationship`, status: status(relation), department, detail },
    };
  });
}

/** Current spouses of parents (verified or not refuted) who are not guardians: their homes count as a step-parent's (rule 4). */
export function spouseCandidates(
  app: ApplicationFacts,
  ev: EvidenceSet,
  links: GuardianLink[] = relationships(app, ev),
): SpouseCandidate[] {
  const out: SpouseCandidate[] = [];
  for (const link of links) {
    if (link.parent.v === 'F') continue;
    const { list, unavailable } = marriagesOf(ev, [link.idNumber]);
    if (unavailable) continue;
    const spouse = currentSpouse(link.idNumber, list);
    if (!spouse || sameId(spouse, app.child.idNumber) || app.guardians.some((g) => sameId(g.idNumber, spouse))) continue;
    if (out.some((c) => sameId(c.idNumber, spouse))) continue;
    out.push({ idNumber: spouse.toUpperCase(), viaGuardian: link.index, relation: link.parent });
  }
  return out;
}
