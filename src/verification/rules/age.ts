// Rule 2: age, and the ID number's birth date against the register
import type { Policy } from '../policy';

export function primaryCutoff(schoolYear: number, age: Policy['age']): string {
  return `${schoolYear - age.years}-${age.by}`;
}

/** Born on or before the cut-off (31 August of schoolYear - 6 by default). */
export function isAgeEligible(birthDate: string, schoolYear: number, age: Policy['age']): boolean {
  return birthDate <= primaryCutoff(schoolYear, age);
}
