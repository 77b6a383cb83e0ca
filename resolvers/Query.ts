// Query: thin. Arguments are checked here (before any department is called); everything
// else is the services' work.
import type { QueryResolvers } from '../src/generated/graphql';
import type { PersonParent } from '../src/evidence/person';
import { checkIdNumber, checkIdNumberList, checkPurpose } from '../src/evidence/validate';
import { accessAlertsOf } from './AccessAlerts';
import { accessLogs, auditIntegrity } from './AccessLog';
import { verifyApplication } from '../src/verification/verify';

export const Query: QueryResolvers = {
  person: (_root, args): PersonParent => ({ idNumber: checkIdNumber(args.idNumber, 'idNumber'), purpose: checkPurpose(args.purpose) }),
  people: (_root, args): PersonParent[] => {
    const purpose = checkPurpose(args.purpose);
    return checkIdNumberList(args.idNumbers, 'idNumbers').map((idNumber) => ({ idNumber, purpose }));
  },
  verifyApplication: (_root, args, ctx) => verifyApplication(args.input, ctx),
  accessLogs,
  auditIntegrity,
  accessAlerts: accessAlertsOf,
};
