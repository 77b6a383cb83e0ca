// Person: each evidence field is one read through the evidence layer (batched, cached,
// audited). A department that cannot answer makes its field null with
// DEPARTMENT_UNAVAILABLE; the other fields still resolve.
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../src/context';
import { selectedFields } from '../src/evidence/fields';
import type { EvidenceName } from '../src/evidence/kinds';
import type { PersonParent } from '../src/evidence/person';
import { checkIdNumber, checkPeriod, checkPurpose } from '../src/evidence/validate';
import type { PersonResolvers } from '../src/generated/graphql';

function read<N extends EvidenceName>(name: N, person: PersonParent, ctx: GatewayContext, info: GraphQLResolveInfo) {
  return ctx.evidence.read(name, person.idNumber, { purpose: person.purpose, fields: selectedFields(info) });
}

export const Person: PersonResolvers = {
  // a supergraph's reference: the key (ID number and purpose) the shield rule of _entities checked
  __resolveReference: (ref): PersonParent => ({
    idNumber: checkIdNumber(ref.idNumber, 'representations.idNumber'),
    purpose: checkPurpose(ref.purpose, 'representations.purpose'),
  }),
  idNumber: (p) => p.idNumber,
  household: async (p, _a, ctx, info) => (await read('household', p, ctx, info))[0] ?? null,
  residencePermits: (p, _a, ctx, info) => read('residencePermits', p, ctx, info),
  properties: (p, _a, ctx, info) => read('properties', p, ctx, info),
  purchaseContracts: (p, _a, ctx, info) => read('purchaseContracts', p, ctx, info),
  leaseFilings: (p, _a, ctx, info) => read('leaseFilings', p, ctx, info),
  subsidizedHousing: (p, _a, ctx, info) => read('subsidizedHousing', p, ctx, info),
  individualBusinesses: (p, _a, ctx, info) => read('individualBusinesses', p, ctx, info),
  enterprises: (p, _a, ctx, info) => read('enterprises', p, ctx, info),
  socialInsurance: async (p, args, ctx, info) => {
    const from = checkPeriod(args.from, 'from');
    const to = checkPeriod(args.to, 'to');
    const rows = await read('socialInsurance', p, ctx, info);
    // periods are YYYY-MM, so string order is time order
    return rows.filter((r) => (!from || r.period >= from) && (!to || r.period <= to));
  },
  marriages: (p, _a, ctx, info) => read('marriages', p, ctx, info),
  birthCertificates: (p, _a, ctx, info) => read('birthCertificates', p, ctx, info),
};
