// Unified social credit code (GB 32100-2015): registration authority (1), entity type (1),
// region code (6), organization code (9), check character (1), all from a 31-character set
// without I, O, Z, S, V. The check is MOD 31 over the first 17 with fixed weights.

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const VALUE = new Map([...CREDIT_CODE_CHARSET].map((c, i) => [c, i] as const));

export type CreditCodeResult =
  | { ok: true; registrationAuthority: string; entityType: string; regionCode: string; orgCode: string }
  | { ok: false; reason: 'length' | 'format' | 'checkDigit' };

export function creditCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('creditCheckChar: expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(first17[i]!);
    if (v === undefined) throw new Error('creditCheckChar: character outside the code set');
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[c === 31 ? 0 : c]!;
}

export function validateCreditCode(s: string): CreditCodeResult {
  if (typeof s !== 'string' || s.length !== 18) return { ok: false, reason: 'length' };
  const u = s.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(u)) return { ok: false, reason: 'format' };
  if (creditCheckChar(u.slice(0, 17)) !== u[17]) return { ok: false, reason: 'checkDigit' };
  return {
    ok: true,
    registrationAuthority: u[0]!,
    entityType: u[1]!,
    regionCode: u.slice(2, 8),
    orgCode: u.slice(8, 17),
  };
}

export function isValidCreditCode(s: string): boolean {
  return validateCreditCode(s).ok;
}

/** GB 11714 check character for an 8-character organization code body (the 9th character). */
export function orgCodeCheckChar(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error('orgCodeCheckChar: expects 8 characters 0-9A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * w[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export interface CreditCodeParts {
  /** '9' industry & commerce (工商), '5' civil affairs, '1' government ... */
  registrationAuthority: string;
  /** under '9': '1' enterprise, '2' individual business, '3' farmers' co-operative */
  entityType: string;
  /** 6-digit region code of the registering office */
  regionCode: string;
  /** 9 characters; or 8, and the GB 11714 check character is appended */
  orgCode: string;
}

/** A valid credit code from its parts. */
export function makeCreditCode(parts: CreditCodeParts): string {
  const { registrationAuthority, entityType, regionCode } = parts;
  const org = parts.orgCode.length === 8 ? parts.orgCode + orgCodeCheckChar(parts.orgCode) : parts.orgCode;
  const first17 = registrationAuthority + entityType + regionCode + org;
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/.test(first17)) {
    throw new Error('makeCreditCode: parts outside the code set or of the wrong length');
  }
  return first17 + creditCheckChar(first17);
}
