// The peer's family query, derived from the composed supergraph: every department lookup of
// the seven documents in one GraphQL operation, as our `people` query asks every evidence
// field. Batch lookups take the family's ID numbers in one call; health, which has no batch
// endpoint, is asked once per person (aliases): 13 department calls for a family of three,
// as ours makes. Each lookup selects every field of its success answer (the union member
// for status 200), and `__typename`, so an error answer is seen as one.
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
} from 'graphql';
import type { GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { DEPARTMENTS } from '../../src/evidence/kinds';

export interface PeerQuery {
  query: string;
  /** the variables of one request for these ID numbers (signature headers are the peer's own values) */
  variables(ids: string[]): Record<string, unknown>;
  /** department calls one request makes for a family of `persons` people */
  calls(persons: number): number;
}

const MAX_DEPTH = 6;
/** The first page, as large as each department allows (as our connectors ask it). */
const PAGING: Record<string, Record<string, number>> = {
  naturalResources_bdcQuery: { pageNo: 1, pageSize: 50 },
  humanResources_queryPayments: { pageNum: 1, pageSize: 500 },
};

function selection(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  return `{ ${fields
    .map((f) => {
      const t = getNamedType(f.type);
      if (!isObjectType(t)) return f.name;
      return depth < MAX_DEPTH ? `${f.name} ${selection(t, depth + 1)}` : '';
    })
    .filter(Boolean)
    .join(' ')} }`;
}

function successMember(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const t = getNamedType(field.type);
  if (isObjectType(t)) return t;
  if (!isUnionType(t)) throw new Error(`${field.name}: answers ${t.name}, neither object nor union`);
  const ok = t.astNode?.directives
    ?.filter((d) => d.name.value === 'statusCodeTypeName')
    .map((d) => Object.fromEntries(d.arguments!.map((a) => [a.name.value, 'value' in a.value ? String(a.value.value) : ''])))
    .find((a) => a.statusCode === '200');
  const member = t.getTypes().find((m) => m.name.endsWith(`_${ok?.typeName}`)) ?? t.getTypes()[0]!;
  void schema;
  return member;
}

export function peerFamilyQuery(supergraphSdl: string): PeerQuery {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => DEPARTMENTS.some((d) => f.name.startsWith(`${d}_`)));
  const defs: string[] = [];
  const parts: string[] = [];
  const builders: ((ids: string[], vars: Record<string, unknown>) => void)[] = [];
  let perPerson = 0;
  let batched = 0;
  for (const f of fields) {
    const argsOf = new Map(f.args.map((a) => [a.name, a]));
    const headerArgs = ['X_Timestamp', 'X_Nonce'].filter((n) => argsOf.has(n));
    for (const h of headerArgs) defs.push(`$${h}_${f.name}: ${argsOf.get(h)!.type.toString()}`);
    const headerCall = headerArgs.map((h) => `${h}: $${h}_${f.name}`);
    const select = `{ __typename ... on ${successMember(schema, f).name} ${selection(successMember(schema, f), 1)} }`;
    const input = argsOf.get('input');
    if (input) {
      const inputType = getNamedType(input.type);
      if (!isInputObjectType(inputType)) throw new Error(`${f.name}: input is not an input object`);
      const list = Object.values(inputType.getFields()).find((x) => isListType(isNonNullType(x.type) ? x.type.ofType : x.type));
      if (!list) throw new Error(`${f.name}: no list of ID numbers in ${inputType.name}`);
      defs.push(`$input_${f.name}: ${input.type.toString()}`);
      parts.push(`${f.name}(${[...headerCall, `input: $input_${f.name}`].join(', ')}) ${select}`);
      // a required enum of one value (housing's cert_type "111") takes that value
      const fixed: Record<string, unknown> = { ...PAGING[f.name] };
      for (const x of Object.values(inputType.getFields())) {
        const t = getNamedType(x.type);
        if (isNonNullType(x.type) && isEnumType(t) && t.getValues().length === 1) fixed[x.name] = t.getValues()[0]!.name;
      }
      builders.push((ids, vars) => (vars[`input_${f.name}`] = { ...fixed, [list.name]: ids }));
      batched++;
      continue;
    }
    // one call per person: an alias each, for up to three people (a family)
    const personArg = f.args.find((a) => !headerArgs.includes(a.name) && isNonNullType(a.type));
    if (!personArg) throw new Error(`${f.name}: neither a batch input nor a person argument`);
    for (let i = 0; i < 3; i++) {
      defs.push(`$${personArg.name}${i}_${f.name}: ${personArg.type.toString()}`);
      parts.push(
        `p${i}_${f.name}: ${f.name}(${[...headerCall, `${personArg.name}: $${personArg.name}${i}_${f.name}`].join(', ')}) @include(if: $person${i}) ${select}`,
      );
    }
    // a family of fewer than three leaves the last aliases out (@include), with a valid value
    builders.push((ids, vars) => [0, 1, 2].forEach((i) => (vars[`${personArg.name}${i}_${f.name}`] = ids[i] ?? ids[0])));
    perPerson++;
  }
  defs.push('$person0: Boolean!', '$person1: Boolean!', '$person2: Boolean!');
  const query = `query PeerFamily(${defs.join(', ')}) { ${parts.join(' ')} }`;
  return {
    query,
    variables(ids) {
      if (ids.length > 3) throw new Error('the peer query asks health for at most three people');
      const vars: Record<string, unknown> = { person0: ids.length > 0, person1: ids.length > 1, person2: ids.length > 2 };
      // fixed values: the unsigned path checks no signature, and a response cache keys on variables
      const now = '1751328000000';
      for (const f of fields) {
        if (f.args.some((a) => a.name === 'X_Timestamp')) vars[`X_Timestamp_${f.name}`] = now;
        if (f.args.some((a) => a.name === 'X_Nonce')) vars[`X_Nonce_${f.name}`] = 'feedfacecafebeef';
      }
      for (const b of builders) b(ids, vars);
      return vars;
    },
    calls: (persons) => batched + perPerson * persons,
  };
}
