// verifyApplication (docs/verification.md): checks the application, reads the evidence through the evidence
// layer (batched, cached, audited) and hands it to the pure rules.
//
// Department load: the first wave issues every read for the child and all guardians in the same
// tick, so each evidence kind's DataLoader sends one batch: one call per department API (health,
// which has no batch endpoint, one per guardian). A second wave runs only when needed: the homes
// of a parent's current spouse who is not a guardian (one more properties / purchase-contracts
// batch), and the points evidence of a migrant family in a county that scores (APIs the first
// wave did not call).
import type { GatewayContext } from '../context';
import { validateIdNumber } from '../codes/idNumber';
import { BadUserInputError, DepartmentUnavailableError, ForbiddenError } from '../errors';
import { ensureRegistered } from '../applications/service';
import { decideNamedPersons } from '../auth/access';
import { authorizeRead, securityOf } from '../auth/index';
import { EVIDENCE, type EvidenceName } from '../evidence/kinds';
import type { Purpose } from '../evidence/reader';
import { checkIdNumber, checkPurpose } from '../evidence/validate';
import type { ApplicationInput } from '../generated/graphql';
import { policyFor } from './policy';
import {
  evaluateApplication,
  firstWaveReads,
  followUpReads,
  type ApplicationFacts,
  type Fetched,
  type PersonEvidence,
  type Read,
  type VerificationResult,
} from './rules';

export const MAX_GUARDIANS = 4;
export const MAX_NAME_LENGTH = 50;
export const FIRST_SCHOOL_YEAR = 2020;

/** The fields the rules read, per evidence kind: what the access log records as read. */
export const FIELDS_READ: Record<EvidenceName, string[]> = {
  household: [
    'idNumber',
    'name',
    'gender',
    'birthDate',
    'ethnicity',
    'nativePlace',
    'regionCode',
    'address',
    'householdType',
    'householdNumber',
    'relationToHeadCode',
  ],
  residencePermits: ['idNumber', 'regionCode', 'validFrom', 'validUntil'],
  properties: ['holderIdNumber', 'coOwnership.coOwners.idNumber', 'regionCode', 'location', 'usage', 'status'],
  purchaseContracts: ['buyerIdNumber', 'coOwnership.coOwners.idNumber', 'regionCode', 'location', 'plannedUsage'],
  leaseFilings: ['lesseeIdNumber', 'regionCode', 'leaseStart', 'leaseEnd'],
  subsidizedHousing: ['members.idNumber', 'regionCode', 'contractStatus', 'reviewStatus', 'contractStart', 'contractEnd'],
  individualBusinesses: ['operatorIdNumber', 'regionCode'],
  enterprises: ['regionCode'],
  socialInsurance: ['idNumber', 'period', 'regionCode'],
  marriages: ['husbandIdNumber', 'wifeIdNumber', 'registeredOn', 'status'],
  birthCertificates: ['certificateNumber', 'childName', 'birthDate', 'fatherIdNumber', 'motherIdNumber'],
};

function checkName(value: string, argumentName: string): string {
  const name = value.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH)
    throw new BadUserInputError(`${argumentName} must be 1 to ${MAX_NAME_LENGTH} characters.`, argumentName);
  return name;
}

/** Today's year in China (UTC+8). */
function currentYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** The application, checked before any department is called; errors name the argument, never its value. */
export function checkApplication(input: ApplicationInput, now: Date = new Date()): ApplicationFacts {
  const purpose = checkPurpose({ applicationId: input.applicationId, countyCode: input.countyCode }, 'input');
  const lastYear = currentYear(now) + 1;
  if (!Number.isInteger(input.schoolYear) || input.schoolYear < FIRST_SCHOOL_YEAR || input.schoolYear > lastYear) {
    throw new BadUserInputError(`input.schoolYear must be a year from ${FIRST_SCHOOL_YEAR} to ${lastYear}.`, 'input.schoolYear');
  }
  const childId = checkIdNumber(input.child.idNumber, 'input.child.idNumber');
  const childName = checkName(input.child.name, 'input.child.name');
  const parsed = validateIdNumber(childId, now);
  if (!parsed.ok) throw new BadUserInputError('input.child.idNumber is not a valid citizen ID number.', 'input.child.idNumber');

  if (input.guardians.length < 1 || input.guardians.length > MAX_GUARDIANS) {
    throw new BadUserInputError(`input.guardians takes 1 to ${MAX_GUARDIANS} guardians.`, 'input.guardians');
  }
  const seen = new Set([childId]);
  const guardians = input.guardians.map((g, i) => {
    const idNumber = checkIdNumber(g.idNumber, `input.guardians[${i}].idNumber`);
    if (seen.has(idNumber))
      throw new BadUserInputError(
        `input.guardians[${i}].idNumber repeats the child's or another guardian's ID number.`,
        `input.guardians[${i}].idNumber`,
      );
    seen.add(idNumber);
    return { idNumber, name: checkName(g.name, `input.guardians[${i}].name`), relation: g.relation };
  });

  return {
    applicationId: purpose.applicationId,
    countyCode: purpose.countyCode,
    schoolYear: input.schoolYear,
    stage: input.stage,
    child: { idNumber: childId, name: childName, birthDate: parsed.birthDate, gender: parsed.gender },
    guardians,
    priorityGroup: input.priorityGroup === true,
  };
}

/**
 * Runs the reads concurrently (each kind's DataLoader batches them) and adds their outcomes to
 * `into`. A department that cannot answer becomes an unavailable entry; any other failure
 * (e.g. the access log cannot record the read) fails the verification.
 */
async function readAll(ctx: GatewayContext, purpose: Purpose, reads: Read[], into: Map<string, PersonEvidence>): Promise<void> {
  const settled = await Promise.allSettled(reads.map(([id, name]) => ctx.evidence.read(name, id, { purpose, fields: FIELDS_READ[name] })));
  let failure: Error | undefined;
  settled.forEach((outcome, i) => {
    const [id, name] = reads[i]!;
    let fetched: Fetched<unknown>;
    if (outcome.status === 'fulfilled') {
      // provenance stays with the evidence layer; the rules read the contract records
      fetched = { ok: true, records: outcome.value.map(({ provenance: _p, ...r }) => r) };
    } else if (outcome.reason instanceof DepartmentUnavailableError) {
      fetched = { ok: false, department: outcome.reason.department };
    } else {
      failure ??= outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
      return;
    }
    const person = into.get(id) ?? {};
    (person as Record<string, Fetched<unknown>>)[name] = fetched;
    into.set(id, person);
  });
  if (failure !== undefined) throw failure;
}

/**
 * The second wave reads people the application does not name (a parent's current spouse), so
 * each is authorized like any read; one the caller may not read (e.g. no consent in a consent
 * county) counts as unavailable: the family shows that document instead.
 */
async function authorizedFollowUps(
  ctx: GatewayContext,
  app: ReturnType<typeof checkApplication>,
  purpose: Purpose,
  reads: Read[],
  into: Map<string, PersonEvidence>,
): Promise<Read[]> {
  const family = [app.child.idNumber, ...app.guardians.map((g) => g.idNumber)];
  const people = [...new Set(reads.map(([id]) => id))];
  const allowed = new Set<string>();
  await Promise.all(
    people.map(async (id) => {
      const fields = [...new Set(reads.filter(([r]) => r === id).flatMap(([, name]) => FIELDS_READ[name]))];
      // a person reached through department data (a parent's current spouse) becomes a derived member
      if (family.includes(id) || (await authorizeRead(ctx, id, purpose, { fields, family, derived: STEP_PARENT }))) allowed.add(id);
    }),
  );
  for (const [id, name] of reads) {
    if (allowed.has(id)) continue;
    const person = into.get(id) ?? {};
    (person as Record<string, Fetched<unknown>>)[name] = { ok: false, department: EVIDENCE[name].department };
    into.set(id, person);
  }
  return reads.filter(([id]) => allowed.has(id));
}

/** Why a follow-up person is a derived member of the application. */
const STEP_PARENT = 'the current spouse of a parent named by the application (marriage registration)';

export async function verifyApplication(input: ApplicationInput, ctx: GatewayContext): Promise<VerificationResult> {
  const app = checkApplication(input);
  const policy = policyFor(app.countyCode);
  const purpose: Purpose = { applicationId: app.applicationId, countyCode: app.countyCode };
  const evidence = new Map<string, PersonEvidence>();

  // the application verified is the one registered (registered now when it was not and the
  // caller may); every person it names must be readable under it before any department is asked
  await ensureRegistered(ctx, app);
  const security = securityOf(ctx.app.schema);
  if (!security) throw new ForbiddenError();
  const named = [app.child.idNumber, ...app.guardians.map((g) => g.idNumber)];
  await decideNamedPersons(security.access, ctx, named, purpose, Object.values(FIELDS_READ).flat());

  await readAll(ctx, purpose, firstWaveReads(app, policy), evidence);
  const more = followUpReads(app, evidence, policy);
  if (more.length > 0) await readAll(ctx, purpose, await authorizedFollowUps(ctx, app, purpose, more, evidence), evidence);

  return evaluateApplication(app, evidence, policy);
}
