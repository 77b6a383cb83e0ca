// Person: each evidence field is one read through the evidence layer (batched, cached,
// audited). A department that cannot answer makes its field null with
// DEPARTMENT_UNAVAILABLE; the other fields still resolve.
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../src/context';
import { selectedFields } from '../src/evidence/fields';
import { EVIDENCE_NAMES, type EvidenceName } from '../src/evidence/kinds';
import type { PersonParent } from '../src/evidence/person';
import { checkIdNumber, checkPeriod, checkPurpose } from '../src/evidence/validate';
import type { PersonResolvers } from '../src/generated/graphql';

function read<N extends EvidenceName>(name: N, person: PersonParent, ctx: GatewayContext, info: GraphQLResolveInfo) {
  return ctx.evidence.read(name, person.idNumber, { purpose: person.purpose, fields: selectedFields(info) });
}

type ListName = Exclude<EvidenceName, 'household' | 'socialInsurance'>;
/** Every list field of the EVIDENCE registry reads its kind as it is; the two below shape theirs. */
const lists = Object.fromEntries(
  EVIDENCE_NAMES.filter((n): n is ListName => n !== 'household' && n !== 'socialInsurance').map((name) => [
    name,
    (p: PersonParent, _a: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => read(name, p, ctx, info),
  ]),
) as Required<Pick<PersonResolvers, ListName>>;

export const Person: PersonResolvers = {
  ...lists,
  // a supergraph's reference: the key (ID number and purpose) the shield rule of _entities checked
  __resolveReference: (ref): PersonParent => ({
    idNumber: checkIdNumber(ref.idNumber, 'representations.idNumber'),
    purpose: checkPurpose(ref.purpose, 'representations.purpose'),
  }),
  idNumber: (p) => p.idNumber,
  // one household register per person
  household: async (p, _a, ctx, info) => (await read('household', p, ctx, info))[0] ?? null,
  socialInsurance: async (p, args, ctx, info) => {
    const from = checkPeriod(args.from, 'from');
    const to = checkPeriod(args.to, 'to');
    const rows = await read('socialInsurance', p, ctx, info);
    // periods are YYYY-MM, so string order is time order
    return rows.filter((r) => (!from || r.period >= from) && (!to || r.period <= to));
  },
};
