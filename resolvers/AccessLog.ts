// The auditor's two queries, handed straight to the audit service (src/audit): it validates
// the filter (BAD_USER_INPUT), hashes an ID number before searching, and walks the chains.
// totalCount is a function on the page, so the default resolver counts only when asked. A search
// by a person is itself recorded by the service (SEARCH_LOG), the same call the console makes.
import type { GatewayContext } from '../src/context';
import type { AccessLogEntry as StoredEntry } from '../src/audit/canonical';
import { evidenceOf, fieldsOf, readsOf } from '../src/audit/reads';
import type { AccessLogConnection, AuditIntegrity, QueryAccessLogsArgs, Resolvers } from '../src/generated/graphql';

export async function accessLogs(_root: unknown, args: Partial<QueryAccessLogsArgs>, ctx: GatewayContext): Promise<AccessLogConnection> {
  const by = { subject: ctx.viewer.sub, role: ctx.viewer.role, county: ctx.viewer.county, requestId: ctx.requestId };
  const page = await ctx.app.audit.searchAccessLogs(by, args.filter, { first: args.first, after: args.after });
  return page as unknown as AccessLogConnection;
}

export function auditIntegrity(_root: unknown, _args: unknown, ctx: GatewayContext): Promise<AuditIntegrity> {
  return ctx.app.audit.integrity();
}

/** An entry's reads the same way whatever its format (src/audit/reads.ts). */
export const AccessLogEntry: Resolvers['AccessLogEntry'] = {
  evidence: (e) => evidenceOf(e as unknown as StoredEntry),
  fields: (e) => fieldsOf(e as unknown as StoredEntry),
  reads: (e) => readsOf(e as unknown as StoredEntry),
};
