// May this viewer read this person's data for this purpose? One decision per person, purpose
// and request, made here and nowhere else; the permission rules (permissions.ts) ask it. Every
// denial is recorded in the access log (no department is called for it); every allowance
// tells the evidence layer its basis, which the access log records as the reason.
import { validateIdNumber } from '../codes/idNumber';
import type { GatewayContext } from '../context';
import { parentChildLink, sameId, type ParentChildLink } from '../evidence/parentChild';
import type { Purpose } from '../evidence/reader';
import type { SubjectHasher } from '../evidence/subjectHash';
import { isReadable, type ApplicationRecord, type ApplicationStore } from '../applications/store';
import { EXPIRED_APPLICATION } from '../audit/types';
import { AuditUnavailableError, ForbiddenError, RateLimitedError } from '../errors';
import type { SubjectBudgets } from '../resilience/subjectBudget';
import type { ConsentStore } from './consentStore';
import { BASIS_REASON, type CountyConsentPolicy } from './countyPolicy';
import { COUNTY_ROLES, type Role } from './viewer';

/** What the permission rules need besides the request: long-lived, built at start-up. */
export interface AccessDeps {
  consents: ConsentStore;
  policy: CountyConsentPolicy;
  subjectHash: SubjectHasher;
  /** registered applications: a county reads only their members */
  applications: ApplicationStore;
  /** distinct persons per subject per hour */
  budgets: SubjectBudgets;
  /** the clock applications expire by */
  now(): Date;
}

export interface AccessDecision {
  allowed: boolean;
  /** allowed: the basis, as the access log records it */
  basis: string | null;
  /** denied: why, in words without personal data */
  reason: string | null;
  /** denied under an application: what the caller is told (no value of theirs in it); else "not allowed" */
  message?: string;
}

/** Roles that may ever read a person's data (masked or not). */
export const PERSON_READER_ROLES: readonly Role[] = [...COUNTY_ROLES, 'applicant'];

export const DENIAL = {
  role: 'role may not read personal data',
  verifyRole: 'role may not verify applications',
  county: "purpose county is not the caller's county",
  notFamily: "applicant may read only their own and their own children's records",
  noConsent: 'no live consent for this application and county',
  noApplication: 'no registered application of this id in this county',
  closed: 'the application is closed',
  expired: EXPIRED_APPLICATION,
  notMember: 'not a member of the application',
  budget: "over the subject's hourly budget of distinct persons",
} as const;

/** What a county caller is told when an application does not cover the read: one clear reason each. */
export const APPLICATION_REFUSAL: Partial<Record<string, string>> = {
  [DENIAL.noApplication]: 'No application of this applicationId is registered in your county: register it first (registerApplication).',
  [DENIAL.closed]: 'The application is closed: nothing is read under it.',
  [DENIAL.expired]: 'The application is past its enrollment season: nothing is read under it.',
  [DENIAL.notMember]: 'The person is not a member of the application (its child, a guardian, or a person its verification reached).',
};

interface RequestState {
  decisions: Map<string, Promise<AccessDecision>>;
  /** person + purpose -> basis, for every person allowed in this request */
  allowed: Map<string, string>;
  links: Map<string, Promise<ChildLink | null>>;
  granters: Map<string, Promise<Set<string>>>;
  applications: Map<string, Promise<ApplicationRecord | null>>;
}

const states = new WeakMap<object, RequestState>();

function stateOf(ctx: GatewayContext): RequestState {
  let s = states.get(ctx);
  if (!s) {
    s = { decisions: new Map(), allowed: new Map(), links: new Map(), granters: new Map(), applications: new Map() };
    states.set(ctx, s);
  }
  return s;
}

const personKey = (idNumber: string, purpose: Purpose) => `${idNumber}\u0000${purpose.applicationId}\u0000${purpose.countyCode}`;

/** The basis on which this request already allowed reading the person for the purpose, if it did. */
export function allowedBasis(ctx: GatewayContext, idNumber: string, purpose: Purpose): string | undefined {
  return states.get(ctx)?.allowed.get(personKey(idNumber, purpose));
}

/**
 * The decision for one person, made once per request (and per family context, which only
 * consent-by-a-parent uses). A denial is recorded once, when it is made. A department that
 * cannot answer a check rejects the promise: the caller gets that error, not a denial.
 */
export function decidePersonAccess(
  deps: AccessDeps,
  ctx: GatewayContext,
  idNumber: string,
  purpose: Purpose,
  opts: { fields: string[]; family?: readonly string[]; derived?: string },
): Promise<AccessDecision> {
  const state = stateOf(ctx);
  const family = [...new Set(opts.family ?? [])].filter((id) => id !== idNumber).sort();
  const key = `${personKey(idNumber, purpose)}\u0000${family.join(',')}`;
  let decision = state.decisions.get(key);
  if (!decision) {
    decision = decide(deps, ctx, idNumber, purpose, family, opts.derived).then(
      async (d) => {
        if (d.allowed && COUNTY_ROLES.includes(ctx.viewer.role)) {
          // membership bounds whose data; the budget bounds how many, across applications
          const budget = await deps.budgets.admitPerson(ctx.viewer.sub, deps.subjectHash(idNumber));
          if (!budget.allowed) {
            await recordDenial(ctx, idNumber, purpose, opts.fields, DENIAL.budget);
            throw new RateLimitedError(budget.retryAfterSeconds);
          }
        }
        if (d.allowed) {
          state.allowed.set(personKey(idNumber, purpose), d.basis!);
          ctx.evidence.setBasis(idNumber, purpose, d.basis!);
        } else {
          await recordDenial(ctx, idNumber, purpose, opts.fields, d.reason!);
        }
        return d;
      },
      async (err: unknown) => {
        // the database is away: the refusal goes to the log too (which then knows it is failing)
        if (err instanceof AuditUnavailableError)
          await recordDenial(ctx, idNumber, purpose, opts.fields, 'the application could not be looked up');
        throw err;
      },
    );
    state.decisions.set(key, decision);
  }
  return decision;
}

/**
 * Every person a service names (verifyApplication's child and guardians) must be readable for
 * the purpose; the first refusal is thrown as the caller's error (each denial is recorded).
 */
export async function decideNamedPersons(
  deps: AccessDeps,
  ctx: GatewayContext,
  idNumbers: readonly string[],
  purpose: Purpose,
  fields: string[],
): Promise<void> {
  const decisions = await Promise.all(idNumbers.map((id) => decidePersonAccess(deps, ctx, id, purpose, { fields, family: idNumbers })));
  const refused = decisions.find((d) => !d.allowed);
  if (refused) throw new ForbiddenError(refused.message);
}

/** A denied read of a person: into the access log, with no department called. */
export async function recordDenial(
  ctx: GatewayContext,
  idNumber: string | null,
  purpose: Purpose | null,
  fields: string[],
  reason: string,
): Promise<void> {
  try {
    await ctx.evidence.recordDenied(null, idNumber, { purpose, fields }, reason);
  } catch {
    // the read stays denied either way; the operator must know the log missed it
    ctx.logger.error({ reason }, 'a denied read could not be recorded in the access log');
  }
}

const allow = (basis: string): AccessDecision => ({ allowed: true, basis, reason: null });
const deny = (reason: string): AccessDecision => ({ allowed: false, basis: null, reason, message: APPLICATION_REFUSAL[reason] });

async function decide(
  deps: AccessDeps,
  ctx: GatewayContext,
  idNumber: string,
  purpose: Purpose,
  family: string[],
  derived: string | undefined,
): Promise<AccessDecision> {
  const viewer = ctx.viewer;
  if (viewer.role === 'applicant') {
    const self = viewer.idNumber;
    if (!self) return deny(DENIAL.notFamily);
    if (idNumber === self) return allow('applicant: own record');
    const link = await childLink(ctx, self, idNumber, purpose, 'applicant: own record');
    return link ? allow(`applicant: parent (${link})`) : deny(DENIAL.notFamily);
  }
  if (COUNTY_ROLES.includes(viewer.role)) {
    if (!viewer.county || purpose.countyCode !== viewer.county) return deny(DENIAL.county);
    const membership = await memberOf(deps, ctx, idNumber, purpose, derived);
    if (membership) return membership;
    if (deps.policy.policyOf(purpose.countyCode) === 'statutory') return allow(BASIS_REASON.statutory);
    const granters = await activeGranters(deps, ctx, purpose);
    if (granters.has(deps.subjectHash(idNumber))) return allow(BASIS_REASON.consent);
    // a parent's consent covers their child: only parents named in this same request are
    // candidates (a consent row holds a hash, from which no one can be looked up)
    for (const parent of family) {
      if (!granters.has(deps.subjectHash(parent))) continue;
      if (await childLink(ctx, parent, idNumber, purpose, 'consent check: granting resident'))
        return allow(`${BASIS_REASON.consent} of a parent`);
    }
    return deny(DENIAL.noConsent);
  }
  return deny(DENIAL.role);
}

/**
 * Null when the person is a member of a registered, open application of the purpose's county
 * (a derived member is added here, with its reason, when verification reached them through
 * department data); otherwise the denial.
 */
async function memberOf(
  deps: AccessDeps,
  ctx: GatewayContext,
  idNumber: string,
  purpose: Purpose,
  derived: string | undefined,
): Promise<AccessDecision | null> {
  const app = await applicationOf(deps, ctx, purpose);
  if (!app) return deny(DENIAL.noApplication);
  if (app.status === 'CLOSED') return deny(DENIAL.closed);
  if (!isReadable(app, deps.now())) return deny(DENIAL.expired);
  const hash = deps.subjectHash(idNumber);
  if (app.members.some((m) => m.subjectHash === hash)) return null;
  if (derived === undefined) return deny(DENIAL.notMember);
  await deps.applications.addDerivedMember(app.applicationId, app.countyCode, hash, derived);
  app.members.push({ subjectHash: hash, kind: 'DERIVED', reason: derived });
  return null;
}

/** The application a purpose cites, looked up once per request. */
export function applicationOf(
  deps: Pick<AccessDeps, 'applications'>,
  ctx: GatewayContext,
  purpose: Purpose,
): Promise<ApplicationRecord | null> {
  const state = stateOf(ctx);
  const key = `${purpose.applicationId}\u0000${purpose.countyCode}`;
  let p = state.applications.get(key);
  if (!p) {
    // applications live in the access log's database: when it cannot answer, nothing is read
    // (the same AUDIT_UNAVAILABLE a read that cannot be logged gets), never a guess
    p = deps.applications.get(purpose.applicationId, purpose.countyCode).catch(() => {
      throw new AuditUnavailableError();
    });
    state.applications.set(key, p);
  }
  return p;
}

/** Forgets this request's look-up of an application (after it registered or closed one). */
export function forgetApplication(ctx: GatewayContext, purpose: Purpose): void {
  stateOf(ctx).applications.delete(`${purpose.applicationId}\u0000${purpose.countyCode}`);
}

function activeGranters(deps: AccessDeps, ctx: GatewayContext, purpose: Purpose): Promise<Set<string>> {
  const state = stateOf(ctx);
  const key = `${purpose.applicationId}\u0000${purpose.countyCode}`;
  let p = state.granters.get(key);
  if (!p) {
    p = deps.consents.activeGranters(purpose.applicationId, purpose.countyCode);
    state.granters.set(key, p);
  }
  return p;
}

export type ChildLink = ParentChildLink;

/**
 * Whether `childId` is `parentId`'s child, by the departments' records (never by a token's
 * claim), decided by the one parent-child rule (src/evidence/parentChild.ts) that verification
 * uses too. The parent's own birth certificates are read first; the candidate's household
 * register is read only when one of them has the candidate's birth date (from the ID number),
 * so a stranger's data is practically never fetched; the parent's register only when the
 * certificate does not already decide it.
 */
export function childLink(
  ctx: GatewayContext,
  parentId: string,
  childId: string,
  purpose: Purpose,
  parentReadBasis: string,
): Promise<ChildLink | null> {
  const state = stateOf(ctx);
  const key = `${parentId}\u0000${personKey(childId, purpose)}`;
  let p = state.links.get(key);
  if (!p) {
    p = findChildLink(ctx, parentId, childId, purpose, parentReadBasis);
    state.links.set(key, p);
  }
  return p;
}

async function findChildLink(
  ctx: GatewayContext,
  parentId: string,
  childId: string,
  purpose: Purpose,
  parentReadBasis: string,
): Promise<ChildLink | null> {
  const child = validateIdNumber(childId);
  const parent = validateIdNumber(parentId);
  if (!child.ok || !parent.ok || child.birthDate <= parent.birthDate) return null;

  if (!allowedBasis(ctx, parentId, purpose)) ctx.evidence.setBasis(parentId, purpose, parentReadBasis);
  const certificates = await ctx.evidence.read('birthCertificates', parentId, {
    purpose,
    fields: ['birthDate', 'childName', 'fatherIdNumber', 'motherIdNumber'],
  });
  const sameDay = certificates.filter(
    (c) => c.birthDate === child.birthDate && (sameId(c.fatherIdNumber, parentId) || sameId(c.motherIdNumber, parentId)),
  );
  if (sameDay.length === 0) return null;

  if (!allowedBasis(ctx, childId, purpose)) ctx.evidence.setBasis(childId, purpose, 'authorization check: parent-child link');
  const [register] = await ctx.evidence.read('household', childId, { purpose, fields: ['householdNumber', 'name', 'relationToHeadCode'] });
  if (!register) return null;
  const byCertificate = parentChildLink(
    parentId,
    { name: register.name, birthDate: child.birthDate, register },
    { certificates: sameDay, register: null },
  );
  if (byCertificate) return byCertificate;
  const [own] = await ctx.evidence.read('household', parentId, { purpose, fields: ['householdNumber', 'relationToHeadCode'] });
  return parentChildLink(
    parentId,
    { name: register.name, birthDate: child.birthDate, register },
    { certificates: [], register: own ?? null },
  );
}
