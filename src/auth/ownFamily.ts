// Whose entries a parent's look at the access log (myAccessLog) covers: the parent, and each
// child under 18 the departments link to them by the one rule authorization uses (childLink).
// Never another adult: the other parent's own record, or a grown-up child's, stays theirs.
//
// A birth certificate carries no child ID number, so the children are found this way: every ID
// number a child on one of the parent's own certificates could hold (the certificate's birth
// date; a region code of either parent's ID number or of the parent's household register; any
// sequence) is hashed with the gateway's own key, and only those that have entries in the log
// are candidates; each candidate is then confirmed by childLink, which reads its household
// register. Nothing here is chosen by the caller: the birth dates come from the health
// department's answer for the signed-in parent, and a candidate never reaches the caller.
import { makeIdNumber, normalizeIdNumber, validateIdNumber } from '../codes/idNumber';
import { OWN_LOG_PURPOSE, type OwnSubject } from '../audit/ownLog';
import type { GatewayContext } from '../context';
import { ForbiddenError } from '../errors';
import { childLink } from './access';

/** The basis recorded for the reads a look makes (the access log's reason). */
export const OWN_LOG_BASIS = 'applicant: own record (own access log)';

/** At most this many (region, birth date) pairs are tried per look: 1,000 hashes each. */
export const MAX_CANDIDATE_SETS = 12;

const SEQUENCES = 1000;

export interface OwnFamily {
  subjects: OwnSubject[];
  /** children confirmed (for the look's own entry; never who they are) */
  children: number;
}

/** A person of this age or more is an adult: their entries are theirs to see, not a parent's. */
export const ADULT_AGE = 18;

const looks = new WeakMap<GatewayContext, Promise<OwnFamily>>();

/** Once per request: aliased myAccessLog fields share one search for the children. */
export function ownFamily(ctx: GatewayContext): Promise<OwnFamily> {
  let family = looks.get(ctx);
  if (!family) {
    family = findOwnFamily(ctx);
    looks.set(ctx, family);
  }
  return family;
}

/** The birth date on or before which a person is an adult today (China's calendar, UTC+8). */
export function adultBornOnOrBefore(now: Date = new Date()): string {
  const today = new Date(now.getTime() + 8 * 3600_000);
  return `${String(today.getUTCFullYear() - ADULT_AGE).padStart(4, '0')}-${today.toISOString().slice(5, 10)}`;
}

async function findOwnFamily(ctx: GatewayContext): Promise<OwnFamily> {
  const self = ctx.viewer.role === 'applicant' ? ctx.viewer.idNumber : null;
  if (!self) throw new ForbiddenError();
  const hasher = ctx.app.subjectHash;
  const hash = hasher.uncached ?? hasher;
  const purpose = OWN_LOG_PURPOSE;
  ctx.evidence.setBasis(self, purpose, OWN_LOG_BASIS);

  const [certificates, registers] = await Promise.all([
    ctx.evidence.read('birthCertificates', self, { purpose, fields: ['birthDate', 'fatherIdNumber', 'motherIdNumber'] }),
    ctx.evidence.read('household', self, { purpose, fields: ['regionCode'] }),
  ]);
  const parent = validateIdNumber(self);
  const adultCut = adultBornOnOrBefore();
  const sets = new Map<string, { region: string; birthDate: string }>();
  for (const c of certificates) {
    const father = c.fatherIdNumber ? normalizeIdNumber(c.fatherIdNumber) : null;
    const mother = c.motherIdNumber ? normalizeIdNumber(c.motherIdNumber) : null;
    if (father !== self && mother !== self) continue;
    // a grown-up son or daughter is another adult: their entries are not their parent's to see
    if (!parent.ok || c.birthDate <= parent.birthDate || c.birthDate <= adultCut) continue;
    const regions = [father?.slice(0, 6), mother?.slice(0, 6), registers[0]?.regionCode];
    for (const region of regions) {
      if (region && /^\d{6}$/.test(region)) sets.set(`${region}${c.birthDate}`, { region, birthDate: c.birthDate });
    }
  }
  const candidates = new Map<string, { idNumber: string; birthDate: string }>();
  for (const { region, birthDate } of [...sets.values()].slice(0, MAX_CANDIDATE_SETS)) {
    for (let seq = 0; seq < SEQUENCES; seq++) {
      const idNumber = makeIdNumber(region, birthDate, seq);
      candidates.set(hash(idNumber), { idNumber, birthDate });
    }
  }
  candidates.delete(hash(self));

  const withEntries = await ctx.app.audit.subjectsWithEntries([...candidates.keys()]);
  const checked = await Promise.all(
    [...withEntries].map(async (subjectHash) => {
      const c = candidates.get(subjectHash)!;
      const link = await childLink(ctx, self, c.idNumber, purpose, OWN_LOG_BASIS);
      return link ? { subjectHash, relation: 'CHILD' as const, birthDate: c.birthDate } : null;
    }),
  );
  const children = checked.filter((s): s is NonNullable<typeof s> => s !== null);
  return {
    subjects: [{ subjectHash: hasher(self), relation: 'SELF', birthDate: null }, ...children],
    children: children.length,
  };
}
