// Mutation: operator actions. Thin: check the argument, then ask the service.
// (Who may call them is decided by the authorization rules, not here.)
import type { MutationResolvers } from '../src/generated/graphql';
import { checkIdNumber } from '../src/evidence/validate';

export const Mutation: MutationResolvers = {
  evictPersonCache: async (_root, args, ctx) => ({ evicted: await ctx.app.cache.evictPerson(checkIdNumber(args.idNumber, 'idNumber')) }),
};
