// Argument checks made before any department is called. Errors name the argument, never
// its value (an ID number is personal data).
import { normalizeIdNumber, validateIdNumber } from '../codes/idNumber';
import { isJiningCounty } from '../codes/regions';
import { BadUserInputError } from '../errors';
import type { Purpose } from './reader';

export const MAX_PEOPLE_PER_QUERY = 50;

const ID_REASONS: Record<string, string> = {
  length: 'must be 18 characters',
  format: 'must be 17 digits and a check character',
  checkDigit: 'fails its check digit',
  birthDate: 'holds an impossible birth date',
};

/** The ID number in canonical form (upper-case X), or BAD_USER_INPUT naming the argument. */
export function checkIdNumber(value: string, argumentName: string): string {
  const id = normalizeIdNumber(value);
  const result = validateIdNumber(id);
  if (!result.ok)
    throw new BadUserInputError(
      `${argumentName} is not a valid citizen ID number: it ${ID_REASONS[result.reason] ?? 'is malformed'}.`,
      argumentName,
    );
  return id;
}

export function checkCountyCode(value: string, argumentName: string): string {
  if (!isJiningCounty(value)) throw new BadUserInputError(`${argumentName} is not a county-level region code of Jining.`, argumentName);
  return value;
}

export function checkPurpose(purpose: Purpose, argumentName = 'purpose'): Purpose {
  const applicationId = purpose.applicationId.trim();
  if (applicationId === '' || applicationId.length > 64)
    throw new BadUserInputError(`${argumentName}.applicationId must be 1 to 64 characters.`, `${argumentName}.applicationId`);
  return { applicationId, countyCode: checkCountyCode(purpose.countyCode, `${argumentName}.countyCode`) };
}

export function checkIdNumberList(values: readonly string[], argumentName: string): string[] {
  if (values.length > MAX_PEOPLE_PER_QUERY)
    throw new BadUserInputError(`${argumentName} takes at most ${MAX_PEOPLE_PER_QUERY} ID numbers.`, argumentName);
  return values.map((v, i) => checkIdNumber(v, `${argumentName}[${i}]`));
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export function checkPeriod(value: string | null | undefined, argumentName: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!PERIOD.test(value)) throw new BadUserInputError(`${argumentName} must be a period written YYYY-MM.`, argumentName);
  return value;
}
