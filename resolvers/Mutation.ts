// Mutation: operator actions. Thin: check the argument, then ask the service.
// (Who may call them is decided by the authorization rules, not here.)
import type { MutationResolvers } from '../src/generated/graphql';
import { checkIdNumber } from '../src/evidence/validate';

export const Mutation: MutationResolvers = {
  evictPersonCache: async (_root, args, ctx) => {
    const idNumber = checkIdNumber(args.idNumber, 'idNumber');
    // accountable like a read: recorded before anything is evicted
    const by = { subject: ctx.viewer.sub, role: ctx.viewer.role, county: ctx.viewer.county, requestId: ctx.requestId };
    await ctx.app.audit.recordAct({ action: 'EVICT_CACHE', by, idNumber, reason: 'cached evidence evicted' });
    return { evicted: await ctx.app.cache.evictPerson(idNumber) };
  },
};
