// Loads a MOCK_DATA file and checks it against the data set format (docs/contract.md, "The mock departments") before any
// department serves it: a typo in a hand-written file should fail at start-up with the
// record's key, index and field, not as a strange answer in a test hours later.
// Error messages name where and why, never the value (it may be an ID number).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { validateCreditCode } from '../../src/codes/creditCode';
import { isRealDate, validateIdNumber } from '../../src/codes/idNumber';
import type { Dataset } from '../../src/evidence/records';
import { buildBuiltinDataset } from './families';

export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    message: string,
    /** every problem found, as "key[index].field: why" */
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

const ID_REASONS = {
  length: 'must be an 18-character ID number',
  format: 'is not an ID number (17 digits and a check character)',
  checkDigit: 'fails its check digit',
  birthDate: 'has an impossible birth date',
} as const;
const CREDIT_REASONS = {
  length: 'must be an 18-character credit code',
  format: 'is not a unified social credit code',
  checkDigit: 'fails its check digit',
} as const;

const idNumber = z.string().superRefine((s, ctx) => {
  const r = validateIdNumber(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: ID_REASONS[r.reason] });
});
const creditCode = z.string().superRefine((s, ctx) => {
  const r = validateCreditCode(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: CREDIT_REASONS[r.reason] });
});
const isoDate = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}, 'must be a real date YYYY-MM-DD');
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit region code');
const text = z.string().min(1, 'is empty');
/** A field the department may leave empty: null (or absent), never "". */
const opt = <T extends z.ZodType>(t: T) => t.nullable().default(null);
const optText = opt(z.string().min(1, 'is empty: use null'));

const gender = z.enum(['MALE', 'FEMALE']);
const coOwnership = z.strictObject({
  mode: z.enum(['SOLE', 'JOINT', 'BY_SHARES']),
  coOwners: z.array(
    z.strictObject({
      name: text,
      idNumber: opt(idNumber),
      share: optText,
    }),
  ),
});

const household = z.strictObject({
  idNumber,
  name: text,
  gender: opt(gender),
  birthDate: opt(isoDate),
  ethnicity: optText,
  nativePlace: optText,
  regionCode,
  regionName: optText,
  address: optText,
  issuingAuthority: optText,
  householdType: opt(z.enum(['FAMILY', 'COLLECTIVE', 'COMMUNITY_PUBLIC', 'OTHER'])),
  householdNumber: optText,
  headOfHouseholdName: optText,
  relationToHeadCode: opt(z.string().regex(/^\d{2}$/, 'must be a 2-digit GB/T 4761 code')),
  relationToHeadName: optText,
});

const residencePermit = z.strictObject({
  idNumber,
  name: text,
  gender: opt(gender),
  ethnicity: optText,
  registeredResidence: optText,
  currentAddress: optText,
  issuingAuthority: optText,
  validFrom: opt(isoDate),
  validUntil: opt(isoDate),
  regionCode,
});

const property = z.strictObject({
  holderName: text,
  holderIdNumber: idNumber,
  certificateNumber: text,
  rightType: optText,
  rightNature: optText,
  registeredOn: opt(isoDate),
  regionCode,
  location: optText,
  usage: optText,
  status: optText,
  coOwnership: opt(coOwnership),
});

const purchaseContract = z.strictObject({
  contractNumber: text,
  buyerName: text,
  buyerIdNumber: idNumber,
  coOwnership: opt(coOwnership),
  signedAt: opt(isoDate),
  agreedDeliveryDate: opt(isoDate),
  regionCode,
  location: optText,
  plannedUsage: optText,
});

const leaseFiling = z.strictObject({
  filingNumber: text,
  lessorName: optText,
  lessorIdNumber: opt(idNumber),
  lesseeName: text,
  lesseeIdNumber: idNumber,
  regionCode,
  location: optText,
  propertyCertificateNumber: optText,
  leaseStart: opt(isoDate),
  leaseEnd: opt(isoDate),
});

const subsidizedHousing = z.strictObject({
  regionCode,
  address: optText,
  members: z.array(z.strictObject({ relationToPrimaryApplicant: optText, name: text, idNumber })),
  contractStatus: optText,
  reviewStatus: optText,
  contractStart: opt(isoDate),
  subsidyType: optText,
  contractEnd: opt(isoDate),
  applicationCertificateNumber: optText,
});

const individualBusiness = z.strictObject({
  operatorName: text,
  operatorIdNumber: idNumber,
  creditCode,
  establishedOn: opt(isoDate),
  businessAddress: optText,
  regionCode,
});

const enterprise = z.strictObject({
  enterpriseName: text,
  creditCode,
  licenseName: optText,
  legalRepresentativeName: text,
  legalRepresentativeIdNumber: idNumber,
  registeredOn: opt(isoDate),
  registeredAddress: optText,
  regionCode,
});

const socialInsurance = z.strictObject({
  idNumber,
  name: text,
  employerName: optText,
  period: yearMonth,
  insuranceType: z.enum(['PENSION', 'MEDICAL', 'UNEMPLOYMENT', 'WORK_INJURY', 'MATERNITY']),
  regionCode: opt(regionCode),
});

const marriage = z.strictObject({
  husbandIdNumber: idNumber,
  husbandName: text,
  wifeIdNumber: idNumber,
  wifeName: text,
  registeredOn: opt(isoDate),
  status: z.enum(['MARRIED', 'DIVORCED', 'ANNULLED']),
});

const birthCertificate = z.strictObject({
  certificateNumber: text,
  childName: text,
  birthDate: isoDate,
  fatherName: optText,
  fatherIdNumber: opt(idNumber),
  motherName: optText,
  motherIdNumber: opt(idNumber),
});

const list = <T extends z.ZodType>(t: T) => z.array(t).default([]);

/** The MOCK_DATA format; a missing key is an empty list, an unknown key an error. */
export const datasetSchema = z.strictObject({
  households: list(household),
  residencePermits: list(residencePermit),
  properties: list(property),
  purchaseContracts: list(purchaseContract),
  leaseFilings: list(leaseFiling),
  subsidizedHousing: list(subsidizedHousing),
  individualBusinesses: list(individualBusiness),
  enterprises: list(enterprise),
  socialInsurance: list(socialInsurance),
  marriages: list(marriage),
  birthCertificates: list(birthCertificate),
});

/** properties[3].coOwnership.coOwners[0].idNumber */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

// Messages built from the issue's kind only: the input never goes into them.
function message(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined
        ? 'is missing'
        : `must be ${iss.expected === 'object' ? 'an object' : iss.expected === 'array' ? 'a list' : `a ${iss.expected}`}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown ${iss.keys.length > 1 ? 'fields' : 'field'} ${iss.keys.join(', ')}`;
    default:
      return undefined;
  }
}

const MAX_LISTED = 5;

export function parseDataset(json: unknown): Dataset {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DatasetError('MOCK_DATA: must be one JSON object with a list per evidence type');
  }
  const r = datasetSchema.safeParse(json, { error: message });
  if (!r.success) {
    const issues = r.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys' && i.path.length === 0)
        return `unknown ${i.keys.length > 1 ? 'keys' : 'key'} ${i.keys.join(', ')}`;
      return `${formatPath(i.path)}: ${i.message}`;
    });
    const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : '';
    throw new DatasetError(`MOCK_DATA: ${issues.slice(0, MAX_LISTED).join('; ')}${more}`, issues);
  }
  const ds: Dataset = r.data;
  // The police hold one household register per person; two would make "the" household ambiguous.
  const seen = new Map<string, number>();
  ds.households.forEach((h, i) => {
    const first = seen.get(h.idNumber);
    if (first !== undefined) {
      throw new DatasetError(`MOCK_DATA: households[${i}].idNumber: the same person as households[${first}]`);
    }
    seen.set(h.idNumber, i);
  });
  return ds;
}

export function loadDataset(path: string): Dataset {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new DatasetError(`MOCK_DATA: cannot read the file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // JSON.parse's own message may quote the file's contents.
    throw new DatasetError(`MOCK_DATA: the file ${path} is not valid JSON`);
  }
  return parseDataset(json);
}

/** MOCK_DATA's file when set, else the built-in families. */
export function datasetFromEnv(env: NodeJS.ProcessEnv = process.env): Dataset {
  const path = env.MOCK_DATA?.trim();
  return path ? loadDataset(path) : buildBuiltinDataset().dataset;
}
