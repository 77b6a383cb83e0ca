// The one rule for "is this person the child's parent", from the departments' records. Both
// authorization (src/auth/access.ts: may an applicant read this child, may a parent's consent
// cover them) and verification (src/verification/rules: is a guardian a parent) ask it here, so
// the gateway never lets someone read a child on a rule it would not accept as parenthood.
//
// A parent is named by the child's birth certificate (the certificate names the parent's ID
// number, and its child's name and birth date are the child's), or by the household register
// (same household, the parent its head, the child a son or daughter of the head: 20-27, 30-37).
// A head's spouse is never a parent by the register alone.
import type { BirthCertificate, HouseholdRegistration } from './records';

export type ParentChildLink = 'birth certificate' | 'household register';

/** Head of household: 01 (户主), 02 (户主, as some registers code it). */
const HEAD_CODES = new Set(['01', '02']);
/** 20-27 son (27 adopted or step-son), 30-37 daughter: a child of the head */
export const isChildOfHeadCode = (code: string | null | undefined) => !!code && /^(2[0-7]|3[0-7])$/.test(code);

export const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.toUpperCase() === b.toUpperCase();
export const sameName = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.replace(/\s/g, '') === b.replace(/\s/g, '');

/** The child's birth certificate among a parent's: same child name and birth date, naming the parent. */
export function matchBirthCertificate(
  parentId: string,
  child: { name: string; birthDate: string },
  certificates: readonly BirthCertificate[],
): { certificate: BirthCertificate; role: 'FATHER' | 'MOTHER' } | null {
  for (const c of certificates) {
    if (!sameName(c.childName, child.name) || c.birthDate !== child.birthDate) continue;
    if (sameId(c.fatherIdNumber, parentId)) return { certificate: c, role: 'FATHER' };
    if (sameId(c.motherIdNumber, parentId)) return { certificate: c, role: 'MOTHER' };
  }
  return null;
}

/** Same household, the parent its head, the child a son or daughter of the head. */
export function parentByRegister(child: HouseholdRegistration | null, parent: HouseholdRegistration | null): boolean {
  if (!child || !parent) return false;
  return (
    !!child.householdNumber &&
    child.householdNumber === parent.householdNumber &&
    HEAD_CODES.has(parent.relationToHeadCode ?? '') &&
    isChildOfHeadCode(child.relationToHeadCode)
  );
}

/**
 * The rule itself: the link between a parent and a child, or null. Authorization passes the
 * name on the child's household register (never a name a caller typed); verification passes the
 * declared name, which its own check compares with that register.
 */
export function parentChildLink(
  parentId: string,
  child: { name: string; birthDate: string; register: HouseholdRegistration | null },
  parent: { certificates: readonly BirthCertificate[]; register: HouseholdRegistration | null },
): ParentChildLink | null {
  if (matchBirthCertificate(parentId, child, parent.certificates)) return 'birth certificate';
  if (parentByRegister(child.register, parent.register)) return 'household register';
  return null;
}
