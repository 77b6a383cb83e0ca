// Whether a guardian is the child's parent, from one department's record: the birth certificate
// or the household register. Kept apart from the guardian links that combine them.
import type { BirthCertificate, HouseholdRegistration } from '../../evidence/records';
import { sameId, sameName } from './helpers';

// Rule 1: relationship

const HEAD_CODES = new Set(['01', '02']);
/** 20-27 son (27 adopted or step-son), 30-37 daughter: a child of the head */
export const isChildOfHeadCode = (code: string | null) => !!code && /^(2[0-7]|3[0-7])$/.test(code);

/** The child's birth certificate among those found through a guardian's ID number: same child name and birth date, naming the guardian. */
export function matchBirthCertificate(
  guardianId: string,
  child: { name: string; birthDate: string },
  certificates: readonly BirthCertificate[],
): { certificate: BirthCertificate; role: 'FATHER' | 'MOTHER' } | null {
  for (const c of certificates) {
    if (!sameName(c.childName, child.name) || c.birthDate !== child.birthDate) continue;
    if (sameId(c.fatherIdNumber, guardianId)) return { certificate: c, role: 'FATHER' };
    if (sameId(c.motherIdNumber, guardianId)) return { certificate: c, role: 'MOTHER' };
  }
  return null;
}

/** Same household, the guardian its head, the child a son or daughter (20-27, 30-37) of the head. A head's spouse is never a parent by the register alone. */
export function parentByRegister(child: HouseholdRegistration | null, guardian: HouseholdRegistration | null): boolean {
  if (!child || !guardian) return false;
  return (
    !!child.householdNumber &&
    child.householdNumber === guardian.householdNumber &&
    HEAD_CODES.has(guardian.relationToHeadCode ?? '') &&
    isChildOfHeadCode(child.relationToHeadCode)
  );
}
