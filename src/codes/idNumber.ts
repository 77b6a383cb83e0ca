// Citizen ID number (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
// sequence (odd = male), one check character by ISO 7064 MOD 11-2.
// Failure reasons are fixed words: an ID number must never travel in an error message.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberResult =
  | { ok: true; birthDate: string; gender: 'MALE' | 'FEMALE'; regionCode: string }
  | { ok: false; reason: 'length' | 'format' | 'checkDigit' | 'birthDate' };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar: expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Whether y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

/** Today in China (UTC+8) as YYYY-MM-DD: a birth date is "in the future" by the resident's calendar. */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Upper-cases a trailing x; other characters untouched. */
export function normalizeIdNumber(s: string): string {
  return s.length === 18 && s[17] === 'x' ? s.slice(0, 17) + 'X' : s;
}

export function validateIdNumber(s: string, now: Date = new Date()): IdNumberResult {
  if (typeof s !== 'string' || s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dXx]$/.test(s)) return { ok: false, reason: 'format' };
  if (idCheckChar(s.slice(0, 17)) !== s[17]!.toUpperCase()) return { ok: false, reason: 'checkDigit' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return { ok: false, reason: 'birthDate' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (birthDate > todayInChina(now)) return { ok: false, reason: 'birthDate' };
  return {
    ok: true,
    birthDate,
    gender: (s.charCodeAt(16) - 48) % 2 === 1 ? 'MALE' : 'FEMALE',
    regionCode: s.slice(0, 6),
  };
}

export function isValidIdNumber(s: string, now?: Date): boolean {
  return validateIdNumber(s, now).ok;
}

/** A valid ID number; an odd sequence makes a man, an even one a woman. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error('makeIdNumber: regionCode must be 6 digits');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error('makeIdNumber: birthDate must be a real YYYY-MM-DD date');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new Error('makeIdNumber: sequence must be an integer 0..999');
  }
  const first17 = regionCode + m[1] + m[2] + m[3] + String(sequence).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
