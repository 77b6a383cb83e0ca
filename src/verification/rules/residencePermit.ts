// Rule 5: residence permits
import type { ResidencePermit } from '../../evidence/records';
import type { Policy } from '../policy';
import { addDays, addMonths, inCounty, plural, toDays } from './helpers';

export interface Period {
  from: string;
  /** null: no end on record */
  until: string | null;
}

/** Merges periods that overlap or touch (the next starts the day after one ends); a one-day gap keeps them apart. */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && (last.until === null || p.from <= addDays(last.until, 1))) {
      last.until = last.until === null || p.until === null ? null : p.until > last.until ? p.until : last.until;
    } else out.push({ ...p });
  }
  return out;
}

/** The first day a permit must already be held: `months` whole months before the day after the cut-off (6 months to 31 Aug: from 1 Mar). */
export function permitStartNeeded(schoolYear: number, rule: Policy['residencePermit']): { cutoff: string; start: string } {
  const cutoff = `${schoolYear}-${rule.by}`;
  return { cutoff, start: addMonths(addDays(cutoff, 1), -rule.months) };
}

/** Rule 5: this county's permits, renewals without a gap merged, held from `start` through the cut-off. */
export function permitContinuity(
  permits: readonly ResidencePermit[],
  county: string,
  schoolYear: number,
  rule: Policy['residencePermit'],
): { holds: boolean; detail: string } {
  const { cutoff, start } = permitStartNeeded(schoolYear, rule);
  const here = permits.filter((p) => inCounty(p.regionCode, county) && p.validFrom);
  const need = `needed: held from ${start} through ${cutoff} (${rule.months} months)`;
  if (here.length === 0) return { holds: false, detail: `no residence permit of ${county}; ${need}` };
  const merged = mergePeriods(here.map((p) => ({ from: p.validFrom!, until: p.validUntil })));
  const covering = merged.find((m) => m.from <= cutoff && (m.until === null || m.until >= cutoff));
  const joined = here.length > merged.length ? ` (${plural(here.length, 'permit')} of ${county}, renewals without a gap merged)` : '';
  if (covering && covering.from <= start)
    return { holds: true, detail: `held continuously from before ${start} through ${cutoff}${joined}` };
  if (!covering) return { holds: false, detail: `no permit of ${county} is valid on ${cutoff}; ${need}` };
  const before = merged.filter((m) => m.until !== null && m.until < covering.from).at(-1);
  const gap = before ? ` (a gap of ${plural(toDays(covering.from) - toDays(before.until!) - 1, 'day')} breaks continuity)` : '';
  return { holds: false, detail: `the continuous period that reaches ${cutoff} starts after ${start}${gap}; ${need}` };
}
