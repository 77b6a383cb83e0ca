// The naive baseline of scenario 1: what a gateway without DataLoader, batching or cache
// costs the departments. Each evidence field of each person is its own department call
// (Person resolvers call the fetchers directly, one ID at a time), and anything that still
// goes through the evidence layer (verifyApplication) gets fetchers that split every batch
// into single-ID calls, behind no cache.
import type { GraphQLSchema } from 'graphql';
import type { BatchFetch, EvidenceFetchers } from '../connectors/types';
import { buildResolvers } from '../resolvers/index';
import type { GatewayContext } from '../src/context';
import { EVIDENCE, EVIDENCE_NAMES, type EvidenceName } from '../src/evidence/kinds';
import type { PersonParent } from '../src/evidence/person';
import { buildExecutableSchema } from '../src/schema';

/** Every batch becomes one call per ID number, all at once. */
export function oneCallPerId(fetchers: EvidenceFetchers): EvidenceFetchers {
  const out = {} as Record<EvidenceName, BatchFetch<unknown>>;
  for (const name of EVIDENCE_NAMES) {
    const f = fetchers[name] as BatchFetch<unknown>;
    out[name] = async (ids, opts) => {
      const parts = await Promise.all(ids.map((id) => f([id], opts)));
      const merged = new Map<string, unknown[]>();
      parts.forEach((m, i) => merged.set(ids[i]!, m.get(ids[i]!) ?? []));
      return merged;
    };
  }
  return out as EvidenceFetchers;
}

/** Person resolvers with no loader: each field asks its department for this one person. */
function naivePerson() {
  const person: Record<string, unknown> = { idNumber: (p: PersonParent) => p.idNumber };
  for (const name of EVIDENCE_NAMES) {
    person[name] = async (p: PersonParent, args: { from?: string | null; to?: string | null }, ctx: GatewayContext) => {
      const fetch = ctx.app.fetchers[name] as unknown as BatchFetch<Record<string, unknown>>;
      const rows = (await fetch([p.idNumber], { deadline: ctx.deadline })).get(p.idNumber) ?? [];
      const provenance = { department: EVIDENCE[name].department, retrievedAt: new Date().toISOString(), fromCache: false };
      const out = rows
        .filter(
          (r) => name !== 'socialInsurance' || ((!args.from || String(r.period) >= args.from) && (!args.to || String(r.period) <= args.to)),
        )
        .map((r) => ({ ...r, provenance }));
      return name === 'household' ? (out[0] ?? null) : out;
    };
  }
  return person;
}

/** Our Query and Mutation, with the naive Person. */
export function naiveSchema(): GraphQLSchema {
  const [ours] = buildResolvers();
  return buildExecutableSchema([{ ...ours, Person: naivePerson() }]);
}
