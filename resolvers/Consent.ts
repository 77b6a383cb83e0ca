// Consent (群众授权): an applicant grants, revokes and lists their own consents. Thin: who may
// call these is the permission rules' business (applicants only); the store keys every row by
// the keyed hash of the signed-in resident's ID number, taken from the verified token.
import type { GraphQLResolveInfo } from 'graphql';
import { securityOf } from '../src/auth/index';
import type { ConsentStore } from '../src/auth/consentStore';
import type { GatewayContext } from '../src/context';
import { BadUserInputError, ForbiddenError } from '../src/errors';
import { checkCountyCode } from '../src/evidence/validate';
import type { Resolvers } from '../src/generated/graphql';

function subjectOf(ctx: GatewayContext): string {
  // the rules admit only applicants, whose token always carries a checked ID number
  if (ctx.viewer.role !== 'applicant' || !ctx.viewer.idNumber) throw new ForbiddenError();
  return ctx.app.subjectHash(ctx.viewer.idNumber);
}

function storeOf(info: GraphQLResolveInfo): ConsentStore {
  const security = securityOf(info.schema);
  if (!security) throw new Error('consent store not configured');
  return security.access.consents;
}

function checkApplicationId(value: string): string {
  const id = value.trim();
  if (id === '' || id.length > 64) throw new BadUserInputError('applicationId must be 1 to 64 characters.', 'applicationId');
  return id;
}

export const consentResolvers: Resolvers = {
  Query: {
    myConsents: (_root, _args, ctx, info) => storeOf(info).listBySubject(subjectOf(ctx)),
  },
  Mutation: {
    grantConsent: (_root, args, ctx, info) =>
      storeOf(info).grant(subjectOf(ctx), checkApplicationId(args.applicationId), checkCountyCode(args.countyCode, 'countyCode')),
    revokeConsent: async (_root, args, ctx, info) => {
      const revoked = await storeOf(info).revoke(subjectOf(ctx), checkApplicationId(args.applicationId));
      if (!revoked) throw new BadUserInputError('There is no consent for this application to revoke.', 'applicationId');
      return revoked;
    },
  },
};
