// Small helpers every rule shares: comparing ID numbers and names, counties, dates, and looking
// up what was fetched for a person.
import type { EvidenceName, EvidenceRecordMap } from '../../evidence/kinds';
import { kindOf, unknown, type Tri } from './tri';
import type { EvidenceSet, Fetched } from './types';

// one definition with the parent-child rule's, so both compare people the same way
import { sameId, sameName } from '../../evidence/parentChild';
export { sameId, sameName };
/** A region code in the county: the code itself, or a finer code under it. */
export const inCounty = (regionCode: string | null | undefined, county: string) => !!regionCode && regionCode.startsWith(county);

const DAY_MS = 86_400_000;
export const toDays = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDays = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}
/** Calendar months, the day clamped to the month's last (03-31 minus 1 month = 02-28). */
export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const dim = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), dim);
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function get<N extends EvidenceName>(ev: EvidenceSet, id: string, name: N): Fetched<EvidenceRecordMap[N]> | undefined {
  for (const [k, v] of ev) if (sameId(k, id)) return v[name];
  return undefined;
}
/** The records, or U naming the document when the department did not answer (or was not asked). */
export function records<N extends EvidenceName>(ev: EvidenceSet, id: string, name: N): EvidenceRecordMap[N][] | Tri {
  const f = get(ev, id, name);
  return f?.ok ? f.records : unknown(kindOf(name));
}
export const isTri = (x: unknown): x is Tri => !!x && typeof x === 'object' && 'v' in x && 'needs' in x;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
