// myAccessLog: a parent sees who read their data and their children's (applicants only, by the
// permission rules). The family comes from the departments (src/auth/ownFamily.ts), the entries
// from the access log (src/audit/ownLog.ts); the look itself is recorded before anything is shown.
import { GraphQLError } from 'graphql';
import type { AccessRecord } from '../src/audit/types';
import { checkOwnLogPage, OWN_LOG_PURPOSE, toOwnEntry } from '../src/audit/ownLog';
import { ownFamily } from '../src/auth/ownFamily';
import type { GatewayContext } from '../src/context';
import { AuditUnavailableError } from '../src/errors';
import type { MyAccessLogConnection, QueryMyAccessLogArgs, Resolvers } from '../src/generated/graphql';

/** The audit store's own failures answer AUDIT_UNAVAILABLE; our errors pass as they are. */
async function fromAuditStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    throw new AuditUnavailableError();
  }
}

async function myAccessLog(_root: unknown, args: Partial<QueryMyAccessLogArgs>, ctx: GatewayContext): Promise<MyAccessLogConnection> {
  checkOwnLogPage(args);
  const { viewer } = ctx;
  const family = await ownFamily(ctx);
  const page = await fromAuditStore(() =>
    ctx.app.audit.ownAccessLog(
      family.subjects.map((s) => s.subjectHash),
      args,
    ),
  );
  const look: AccessRecord = {
    action: 'VIEW_OWN_LOG',
    at: new Date().toISOString(),
    requestId: ctx.requestId,
    actorSubject: viewer.sub,
    actorRole: viewer.role,
    actorCounty: viewer.county,
    applicationId: OWN_LOG_PURPOSE.applicationId,
    countyCode: OWN_LOG_PURPOSE.countyCode,
    idNumber: viewer.idNumber,
    department: null,
    evidence: null,
    fields: ['myAccessLog'],
    outcome: 'ALLOWED',
    source: null,
    reason: `entries shown: ${page.edges.length}; children linked: ${family.children}`,
  };
  await fromAuditStore(() => ctx.app.audit.record([look]));
  const bySubject = new Map(family.subjects.map((s) => [s.subjectHash, s]));
  return {
    edges: page.edges.map(({ cursor, node }) => ({ cursor, node: toOwnEntry(node, bySubject.get(node.subjectHash!)!, viewer.sub) })),
    pageInfo: page.pageInfo,
  };
}

export const myAccessLogResolvers: Resolvers = { Query: { myAccessLog } };
