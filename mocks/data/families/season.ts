// The built-in families are written down for one school year (SCHOOL_YEAR) and served for the
// season that is open on the clock: every date and every ID number's birth date moves by the
// same whole number of years, so each family keeps its verdict (ages, permit months, insurance
// months are all counted against 31 August of the school year) and `npm start` works on any day.
import { makeIdNumber } from '../../../src/codes/idNumber';

/** When a built-in family's season ends: the default season end (docs/contract.md, applications). */
export const BUILTIN_SEASON_END = '09-30';

/** The school year whose enrollment season (ending BUILTIN_SEASON_END, Beijing time) has not ended on `now`. */
export function openSchoolYear(now: Date): number {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  const year = beijing.getUTCFullYear();
  const monthDay = beijing.toISOString().slice(5, 10);
  return monthDay <= BUILTIN_SEASON_END ? year : year + 1;
}

/** A day inside the season of `schoolYear` (1 July, Beijing time): for a test that needs a fixed date. */
export function seasonDay(schoolYear: number): Date {
  return new Date(`${schoolYear}-07-01T10:00:00+08:00`);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function shiftDate(year: number, rest: string, years: number): string {
  const y = year + years;
  // 29 February of a leap year lands on 28 February of a common one
  if (rest === '-02-29' && !isLeap(y)) return `${y}-02-28`;
  return `${y}${rest}`;
}

function isIdNumber(s: string, region: string, birthDate: string, seq: number): boolean {
  try {
    return makeIdNumber(region, birthDate, seq) === s;
  } catch {
    return false; // no real birth date in it
  }
}

const ID_NUMBER = /\b(\d{6})(\d{4})(\d{2})(\d{2})(\d{3})[\dX]\b/g;
const DATE = /\b((?:19|20)\d{2})(-\d{2}(?:-\d{2})?)\b/g;

/**
 * `data` (the families, or a document naming them such as an example's variables) with every
 * date, every ID number and every `schoolYear` moved by `years`. An ID number keeps its region and
 * sequence; where two would meet (29 February) the later one takes the next free sequence.
 */
export function shiftYears<T>(data: T, years: number): T {
  if (years === 0) return data;
  const moved = new Map<string, string>();
  const used = new Set<string>();
  const moveId = (id: string, region: string, y: string, m: string, d: string, seq: string): string => {
    if (!isIdNumber(id, region, `${y}-${m}-${d}`, Number(seq))) return id; // a credit code, a certificate number
    const known = moved.get(id);
    if (known) return known;
    const birth = shiftDate(Number(y), `-${m}-${d}`, years);
    let next = makeIdNumber(region, birth, Number(seq));
    for (let s = Number(seq) + 2; used.has(next); s += 2) next = makeIdNumber(region, birth, s % 1000);
    used.add(next);
    moved.set(id, next);
    return next;
  };
  const text = (s: string): string =>
    s
      .replace(ID_NUMBER, (id: string, region: string, y: string, m: string, d: string, seq: string) => moveId(id, region, y, m, d, seq))
      .replace(DATE, (_: string, y: string, rest: string) => shiftDate(Number(y), rest, years));
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number') return key === 'schoolYear' ? v + years : v;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x, k)]));
    }
    return v;
  };
  return walk(data) as T;
}
