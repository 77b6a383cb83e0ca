// Registering, closing and looking up applications: who may, what must hold, and the access-log
// entry of each act. The resolvers and verifyApplication call these; reads under an application
// are decided in src/auth/access.ts (membership), which reads the same store.
import { createHash } from 'node:crypto';
import { applicationOf, childLink, forgetApplication } from '../auth/access';
import { securityOf } from '../auth/index';
import { COUNTY_ROLES, type Role } from '../auth/viewer';
import type { AccessAction, AccessOutcome } from '../audit/types';
import type { GatewayContext } from '../context';
import { AuditUnavailableError, BadUserInputError, ForbiddenError, RateLimitedError } from '../errors';
import type { Purpose } from '../evidence/reader';
import type { ApplicationFacts } from '../verification/rules/types';
import { seasonEnd, type ApplicationMember, type ApplicationRecord } from './store';

/** Roles that register and close applications for their county; an applicant registers only their own child's. */
export const REGISTRAR_ROLES: readonly Role[] = ['county_platform', 'help_desk'];

export const REFUSAL = {
  otherCounty: "Applications are registered and closed only in the caller's own county.",
  role: 'This role may not register or close applications.',
  notLinked: "The departments' records do not link the child to the signed-in applicant and to every guardian named.",
  notGuardian: 'An applicant registers only an application naming them as a guardian.',
  otherMembers: 'This applicationId is already registered in this county with other members or another school year or stage.',
  seasonOver: 'The enrollment season of input.schoolYear has ended in this county.',
  unknown: 'No application of this applicationId is registered in this county.',
} as const;

/** One accountable act in the access log: registration or closure, allowed or refused. */
async function recordAct(
  ctx: GatewayContext,
  action: AccessAction,
  purpose: Purpose,
  idNumber: string | null,
  outcome: AccessOutcome,
  reason: string,
): Promise<void> {
  await ctx.app.audit.record([
    {
      action,
      at: new Date().toISOString(),
      requestId: ctx.requestId,
      actorSubject: ctx.viewer.sub,
      actorRole: ctx.viewer.role,
      actorCounty: ctx.viewer.county,
      applicationId: purpose.applicationId,
      countyCode: purpose.countyCode,
      idNumber,
      department: null,
      evidence: null,
      fields: [],
      outcome,
      source: null,
      reason,
    },
  ]);
}

/** A refusal is recorded before it is thrown; a log that cannot record it does not turn it into a success. */
async function refuse(ctx: GatewayContext, action: AccessAction, purpose: Purpose, idNumber: string | null, err: Error): Promise<never> {
  await recordAct(ctx, action, purpose, idNumber, 'DENIED', err.message).catch(() =>
    ctx.logger.error({ action }, 'a refused application act could not be recorded in the access log'),
  );
  throw err;
}

/** The same registration: child, guardians, school year and stage (by keyed hash, order-free). */
function digestOf(ctx: GatewayContext, facts: ApplicationFacts): string {
  const h = ctx.app.subjectHash;
  const guardians = facts.guardians.map((g) => h(g.idNumber)).sort();
  return createHash('sha256')
    .update(JSON.stringify([facts.schoolYear, facts.stage, h(facts.child.idNumber), guardians]))
    .digest('hex');
}

export type Registration = { record: ApplicationRecord; created: boolean };

/**
 * Registers the application, or returns the same registration made before. Refusals (another
 * county, another role, other members, a child the departments do not link to an applicant)
 * are one error and one DENIED entry each; a department down while an applicant registers is
 * DEPARTMENT_UNAVAILABLE with nothing registered.
 */
export async function registerApplication(ctx: GatewayContext, facts: ApplicationFacts): Promise<Registration> {
  const viewer = ctx.viewer;
  const purpose: Purpose = { applicationId: facts.applicationId, countyCode: facts.countyCode };
  const child = facts.child.idNumber;
  const isApplicant = viewer.role === 'applicant';
  if (!isApplicant && !REGISTRAR_ROLES.includes(viewer.role))
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new ForbiddenError(REFUSAL.role));
  if (!isApplicant && viewer.county !== facts.countyCode)
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new ForbiddenError(REFUSAL.otherCounty));
  if (isApplicant && !facts.guardians.some((g) => g.idNumber === viewer.idNumber))
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new ForbiddenError(REFUSAL.notGuardian));

  const digest = digestOf(ctx, facts);
  const existing = await applicationOf(ctx.app, ctx, purpose);
  if (existing) {
    if (existing.digest === digest) return { record: existing, created: false };
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new BadUserInputError(REFUSAL.otherMembers, 'input.applicationId'));
  }

  const monthDay = ctx.app.config.applications.seasonEnd[facts.countyCode] ?? ctx.app.config.applications.seasonEnd.default!;
  const expiresAt = seasonEnd(facts.schoolYear, monthDay);
  if (Date.parse(expiresAt) <= ctx.app.now().getTime())
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new BadUserInputError(REFUSAL.seasonOver, 'input.schoolYear'));

  const budget = await ctx.app.budgets.takeRegistration(viewer.sub);
  if (!budget.allowed) return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new RateLimitedError(budget.retryAfterSeconds));

  if (isApplicant) {
    // every guardian named must be the child's parent by the departments' records (the one
    // parent-child rule); a department that cannot answer rejects here, before anything is stored
    const links = await Promise.all(
      facts.guardians.map((g) =>
        childLink(
          ctx,
          g.idNumber,
          child,
          purpose,
          g.idNumber === viewer.idNumber ? 'applicant: own record' : 'registration check: named guardian',
        ),
      ),
    );
    if (links.some((l) => l === null)) return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new ForbiddenError(REFUSAL.notLinked));
  }

  const h = ctx.app.subjectHash;
  const members: ApplicationMember[] = [
    { subjectHash: h(child), kind: 'CHILD', reason: null },
    ...facts.guardians.map((g) => ({ subjectHash: h(g.idNumber), kind: 'GUARDIAN' as const, reason: null })),
  ];
  try {
    await recordAct(ctx, 'REGISTER_APPLICATION', purpose, child, 'ALLOWED', `registered by ${viewer.role}: ${members.length} members`);
  } catch {
    throw new AuditUnavailableError();
  }
  const stored = await ctx.app.applications.insert({
    applicationId: facts.applicationId,
    countyCode: facts.countyCode,
    schoolYear: facts.schoolYear,
    stage: facts.stage,
    registeredBy: viewer.sub,
    registeredRole: viewer.role,
    expiresAt,
    digest,
    members,
  });
  forgetApplication(ctx, purpose);
  // two registrations raced: the first one stored stands, the other is judged against it
  if (!stored.created && stored.record.digest !== digest)
    return refuse(ctx, 'REGISTER_APPLICATION', purpose, child, new BadUserInputError(REFUSAL.otherMembers, 'input.applicationId'));
  if (isApplicant) {
    // registering is the applicant's authorization (群众授权): a consent county reads on it
    const consents = securityOf(ctx.app.schema)?.access.consents;
    await consents?.grant(h(viewer.idNumber!), facts.applicationId, facts.countyCode);
  }
  return stored;
}

/** Closes an application of the caller's county; nothing is read under it afterwards. */
export async function closeApplication(ctx: GatewayContext, purpose: Purpose, reason: string): Promise<ApplicationRecord> {
  const viewer = ctx.viewer;
  if (!REGISTRAR_ROLES.includes(viewer.role)) return refuse(ctx, 'CLOSE_APPLICATION', purpose, null, new ForbiddenError(REFUSAL.role));
  if (viewer.county !== purpose.countyCode) return refuse(ctx, 'CLOSE_APPLICATION', purpose, null, new ForbiddenError(REFUSAL.otherCounty));
  const app = await applicationOf(ctx.app, ctx, purpose);
  if (!app) return refuse(ctx, 'CLOSE_APPLICATION', purpose, null, new BadUserInputError(REFUSAL.unknown, 'applicationId'));
  if (app.status === 'CLOSED') return app;
  try {
    await recordAct(ctx, 'CLOSE_APPLICATION', purpose, null, 'ALLOWED', `closed by ${viewer.role}: ${reason}`);
  } catch {
    throw new AuditUnavailableError();
  }
  const closed = await ctx.app.applications.close(purpose.applicationId, purpose.countyCode, viewer.sub, reason);
  forgetApplication(ctx, purpose);
  return closed!;
}

/** County roles see their county's applications, auditors every county's. */
export async function lookUpApplication(ctx: GatewayContext, purpose: Purpose): Promise<ApplicationRecord | null> {
  if (COUNTY_ROLES.includes(ctx.viewer.role) && ctx.viewer.county !== purpose.countyCode) throw new ForbiddenError(REFUSAL.otherCounty);
  if (!COUNTY_ROLES.includes(ctx.viewer.role) && ctx.viewer.role !== 'auditor') throw new ForbiddenError();
  return applicationOf(ctx.app, ctx, purpose);
}

/**
 * verifyApplication's side: an application already registered must be the one verified (same
 * members, school year and stage); one not registered is registered when the caller may.
 */
export async function ensureRegistered(ctx: GatewayContext, facts: ApplicationFacts): Promise<void> {
  const purpose: Purpose = { applicationId: facts.applicationId, countyCode: facts.countyCode };
  const existing = await applicationOf(ctx.app, ctx, purpose);
  if (existing) {
    if (existing.digest !== digestOf(ctx, facts))
      await refuse(ctx, 'READ', purpose, facts.child.idNumber, new BadUserInputError(REFUSAL.otherMembers, 'input'));
    return;
  }
  if (REGISTRAR_ROLES.includes(ctx.viewer.role) && ctx.viewer.county === facts.countyCode) await registerApplication(ctx, facts);
}
