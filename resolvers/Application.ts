// Applications: register, close, look up. Thin: arguments are checked here, the rules of who
// may do what (county, members, parent-child links) and the access-log entries are the
// service's (src/applications/service.ts).
import { closeApplication, lookUpApplication, registerApplication } from '../src/applications/service';
import { BadUserInputError } from '../src/errors';
import { checkCountyCode } from '../src/evidence/validate';
import type { Purpose } from '../src/evidence/reader';
import type { Resolvers } from '../src/generated/graphql';
import { checkApplication } from '../src/verification/verify';

const ID_NUMBER_LIKE = /\d{17}[\dXx]/;

/** A reason an auditor reads: short, and never a place to write an ID number. */
function checkReason(value: string): string {
  const reason = value.trim();
  if (reason === '' || reason.length > 200) throw new BadUserInputError('reason must be 1 to 200 characters.', 'reason');
  if (ID_NUMBER_LIKE.test(reason)) throw new BadUserInputError('reason must not hold an ID number.', 'reason');
  return reason;
}

/** The top-level applicationId and countyCode arguments, named as the caller wrote them. */
function checkApplicationKey(args: { applicationId: string; countyCode: string }): Purpose {
  const applicationId = args.applicationId.trim();
  if (applicationId === '' || applicationId.length > 64)
    throw new BadUserInputError('applicationId must be 1 to 64 characters.', 'applicationId');
  return { applicationId, countyCode: checkCountyCode(args.countyCode, 'countyCode') };
}

export const applicationResolvers: Resolvers = {
  Query: {
    application: (_root, args, ctx) => lookUpApplication(ctx, checkApplicationKey(args)),
  },
  Mutation: {
    registerApplication: async (_root, args, ctx) => (await registerApplication(ctx, checkApplication(args.input))).record,
    closeApplication: (_root, args, ctx) => closeApplication(ctx, checkApplicationKey(args), checkReason(args.reason)),
  },
};
