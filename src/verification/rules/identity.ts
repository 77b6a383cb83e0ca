// Rule 6: the names on the application against the household register. A register that holds an
// ID number under another name contradicts the application: the check FAILS, and every fact
// drawn from that record is U (the family clears it up with the household register), so it
// decides nothing until then and a decision resting on it is not zero-proof.
import type { HouseholdRegistration } from '../../evidence/records';
import { get, sameName } from './helpers';
import { FALSE, TRUE, unknown, type Tri } from './tri';
import type { ApplicationFacts, CheckResult, EvidenceSet } from './types';

/** What a contradicted record's facts become: undecided, the household register named. */
export const CONTRADICTED = (): Tri => unknown('HOUSEHOLD_REGISTRATION');

/** The register's record for an ID number when it names someone else than the application does. */
export function contradicts(record: HouseholdRegistration | null | undefined, nameOnApplication: string): boolean {
  return !!record && !sameName(record.name, nameOnApplication);
}

export interface ChildIdentity {
  /** T confirmed; F no record of the ID number; U the register could not answer, or contradicts the application */
  fact: Tri;
  /** the register holds the ID number under another name */
  contradicted: boolean;
  record: HouseholdRegistration | null;
  check: CheckResult;
}

export function childIdentity(app: ApplicationFacts, ev: EvidenceSet): ChildIdentity {
  const fetched = get(ev, app.child.idNumber, 'household');
  const record = fetched?.ok ? (fetched.records[0] ?? null) : null;
  const at = (status: CheckResult['status'], detail: string): CheckResult => ({
    name: 'child.identity',
    status,
    department: 'police',
    detail,
  });
  if (!fetched?.ok)
    return {
      fact: unknown('HOUSEHOLD_REGISTRATION'),
      contradicted: false,
      record,
      check: at('UNAVAILABLE', "the household register could not answer; the child's identity is not confirmed"),
    };
  if (!record)
    return {
      fact: FALSE,
      contradicted: false,
      record,
      check: at('FAILED', "the household register has no record of the child's ID number"),
    };
  if (contradicts(record, app.child.name))
    return {
      fact: CONTRADICTED(),
      contradicted: true,
      record,
      check: at(
        'FAILED',
        "the name on the application differs from the household register's for this ID number: nothing from that record decides until the family clears it up",
      ),
    };
  return {
    fact: TRUE,
    contradicted: false,
    record,
    check: at('PASSED', "the household register holds the child's ID number under the same name"),
  };
}

/** Each guardian's name against the register: shown; what it changes is the guardian's link (guardianLinks.ts). */
export function guardianIdentityChecks(app: ApplicationFacts, ev: EvidenceSet): CheckResult[] {
  return app.guardians.map((g, i) => {
    const fetched = get(ev, g.idNumber, 'household');
    const record = fetched?.ok ? (fetched.records[0] ?? null) : null;
    const at = (status: CheckResult['status'], detail: string): CheckResult => ({
      name: `guardians[${i}].identity`,
      status,
      department: 'police',
      detail,
    });
    if (!fetched?.ok) return at('UNAVAILABLE', 'the household register could not answer');
    if (!record) return at('NOT_APPLICABLE', 'the household register holds no record of this ID number to compare');
    return contradicts(record, g.name)
      ? at(
          'FAILED',
          `the name on the application differs from the household register's for this ID number: guardians[${i}] counts for nothing until the family clears it up`,
        )
      : at('PASSED', 'the household register holds this ID number under the same name');
  });
}

/** A guardian's facts are U while the register contradicts the name the application gives. */
export function guardianConfirmed(ev: EvidenceSet, guardian: { idNumber: string; name: string }): Tri {
  const fetched = get(ev, guardian.idNumber, 'household');
  return fetched?.ok && contradicts(fetched.records[0], guardian.name) ? CONTRADICTED() : TRUE;
}
