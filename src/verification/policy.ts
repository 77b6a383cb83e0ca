// Verification policies are data: one JSON file per county under ./policies/, validated at
// start-up, with default.json for counties without their own. A county file overrides the
// default's top-level keys it names (a nested object it names is replaced whole).
//
// A file that breaks the format stops start-up with one line naming the file and the problem.
// Points (积分入学) may score only the four items the notice allows: "原则上除户籍类型、居住情况、
// 从业情况及房产类型外，取消其他赋分项目" (Jining 2024 notice, 二(一)).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isJiningCounty } from '../codes/regions';

export const POLICY_DIR = fileURLToPath(new URL('./policies/', import.meta.url));

/** The only items a county may score (户籍类型、居住情况、从业情况、房产类型). */
export const POINTS_ITEMS = ['HOUSEHOLD_TYPE', 'RESIDENCE', 'EMPLOYMENT', 'PROPERTY_TYPE'] as const;
export type PointsItemName = (typeof POINTS_ITEMS)[number];
export const NOTICE_POINTS_RULE =
  '采用随迁子女积分入学县（市、区）进一步精简赋分项目，原则上除户籍类型、居住情况、从业情况及房产类型外，取消其他赋分项目';

const score = z.number().finite().min(0).max(1000);
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD')
  .refine((md) => {
    const [m, d] = md.split('-').map(Number) as [number, number];
    // a cut-off every year has: no 29 February
    return d <= new Date(Date.UTC(2023, m, 0)).getUTCDate();
  }, 'must be a day every year has (no 02-29)');

const householdTypeItem = z
  .object({
    /** points by the child's household type (户口类型); a type not listed scores 0 */
    byHouseholdType: z.object({ FAMILY: score, COLLECTIVE: score, COMMUNITY_PUBLIC: score, OTHER: score }).partial().strict(),
  })
  .strict();

const residenceItem = z
  .object({
    /** the best one counts: a lease filing, a subsidized-housing contract or a purchase contract in the county, current on the cut-off */
    leaseFiling: score.default(0),
    subsidizedHousing: score.default(0),
    purchaseContract: score.default(0),
  })
  .strict();

const employmentItem = z
  .object({
    /** social-insurance months paid in the county up to the cut-off (any insurance type counts a month once) */
    socialInsurance: z
      .object({ pointsPerMonth: score, maxMonths: z.number().int().min(1).max(600) })
      .strict()
      .optional(),
    /** an individual-business licence or an enterprise the parent represents, registered in the county */
    businessLicense: score.optional(),
    /** the item's cap */
    max: score.optional(),
  })
  .strict()
  .refine(
    (e) => e.socialInsurance !== undefined || e.businessLicense !== undefined,
    'EMPLOYMENT must score socialInsurance or businessLicense',
  );

const propertyTypeItem = z
  .object({
    /** the best one counts, of titles and contracts in the county held by a verified parent or the child */
    residentialTitle: score.default(0),
    nonResidentialTitle: score.default(0),
    purchaseContract: score.default(0),
  })
  .strict();

const pointsSchema = z
  .object({
    items: z
      .object({
        HOUSEHOLD_TYPE: householdTypeItem.optional(),
        RESIDENCE: residenceItem.optional(),
        EMPLOYMENT: employmentItem.optional(),
        PROPERTY_TYPE: propertyTypeItem.optional(),
      })
      .strict()
      .refine((items) => Object.values(items).some((v) => v !== undefined), 'points.items must score at least one item'),
  })
  .strict();

const policyFields = {
  /** a line for the operator: what this county does differently */
  description: z.string().max(500),
  /** rule 4: an online-signed purchase contract (网签) for a residential home counts as property */
  purchaseContractsCountAsProperty: z.boolean(),
  /** rule 5: compare household and property addresses in normalized notation (else only whitespace is ignored) */
  addressNormalization: z.boolean(),
  /** rule 2: first grade takes children `years` old by `by` (MM-DD) of the school year */
  age: z.object({ years: z.number().int().min(3).max(10), by: monthDay }).strict(),
  /** rule 5: a county residence permit held continuously for `months` up to `by` (MM-DD) of the school year */
  residencePermit: z.object({ months: z.number().int().min(1).max(60), by: monthDay }).strict(),
  /** rule 7: 积分入学; null where the county does not score */
  points: pointsSchema.nullable(),
};

const fullPolicySchema = z.object(policyFields).strict();
const countyPolicySchema = z.object(policyFields).partial().strict();

export type Policy = z.infer<typeof fullPolicySchema> & { county: string | null };
export type PointsPolicy = z.infer<typeof pointsSchema>;

/** A policy file that must stop start-up; the message is one line naming the file. */
export class PolicyError extends Error {
  constructor(file: string, problem: string) {
    super(`verification policy ${file}: ${problem}`);
    this.name = 'PolicyError';
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ')
    .replace(/\s*\n\s*/g, ' ');
}

/** Refuses any points item other than the four the notice allows, quoting the notice. */
function checkPointsItems(raw: unknown, file: string): void {
  if (!raw || typeof raw !== 'object') return;
  const points = (raw as Record<string, unknown>).points;
  if (!points || typeof points !== 'object') return;
  const items = (points as Record<string, unknown>).items;
  if (!items || typeof items !== 'object') return;
  const forbidden = Object.keys(items).filter((k) => !(POINTS_ITEMS as readonly string[]).includes(k));
  if (forbidden.length > 0) {
    throw new PolicyError(
      file,
      `points item${forbidden.length > 1 ? 's' : ''} ${forbidden.map((k) => `"${k}"`).join(', ')} not allowed: a county may score only ${POINTS_ITEMS.join(', ')} (户籍类型、居住情况、从业情况、房产类型), as the notice requires: "${NOTICE_POINTS_RULE}"`,
    );
  }
}

/** Validates one policy file's parsed JSON; `file` only names it in errors. */
export function parsePolicy(raw: unknown, file: string, base?: Policy): Policy {
  checkPointsItems(raw, file);
  if (base === undefined) {
    const parsed = fullPolicySchema.safeParse(raw);
    if (!parsed.success) throw new PolicyError(file, describeIssues(parsed.error));
    return { ...parsed.data, county: null };
  }
  const parsed = countyPolicySchema.safeParse(raw);
  if (!parsed.success) throw new PolicyError(file, describeIssues(parsed.error));
  const county = basename(file, '.json');
  const overrides = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...base, ...overrides, county };
}

export interface PolicySet {
  default: Policy;
  counties: Map<string, Policy>;
}

/** Reads and validates every file in `dir`; throws PolicyError on the first bad one. */
export function loadPolicySet(dir: string = POLICY_DIR): PolicySet {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .sort();
  } catch {
    throw new PolicyError(displayPath(dir), 'the policy directory cannot be read');
  }
  const read = (name: string): unknown => {
    const file = join(dir, name);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new PolicyError(
        displayPath(file),
        err instanceof SyntaxError ? `not valid JSON (${err.message.split('\n')[0]})` : 'cannot be read',
      );
    }
  };
  if (!names.includes('default.json'))
    throw new PolicyError(displayPath(join(dir, 'default.json')), 'missing: every county without its own file uses it');
  const def = parsePolicy(read('default.json'), displayPath(join(dir, 'default.json')));
  const counties = new Map<string, Policy>();
  for (const name of names) {
    if (name === 'default.json') continue;
    const file = displayPath(join(dir, name));
    const m = /^(\d{6})\.json$/.exec(name);
    if (!m) throw new PolicyError(file, 'unexpected file name: policy files are default.json or <6-digit county code>.json');
    if (!isJiningCounty(m[1]!)) throw new PolicyError(file, `${m[1]} is not a county-level region code of Jining`);
    counties.set(m[1]!, parsePolicy(read(name), file, def));
  }
  return { default: def, counties };
}

let loaded: PolicySet | undefined;

/** Loads (once) and validates every policy file; called at start-up so a bad file stops it. */
export function loadPolicies(dir?: string): PolicySet {
  if (dir !== undefined) return loadPolicySet(dir);
  loaded ??= loadPolicySet();
  return loaded;
}

/** The policy of one county: its own file, else the default. */
export function policyFor(countyCode: string, set: PolicySet = loadPolicies()): Policy {
  return set.counties.get(countyCode) ?? { ...set.default, county: null };
}
