// Query protection (graphql-armor for Apollo): depth, cost, aliases, directives and token
// limits sized to this schema, field suggestions blocked in production. A rejected query answers
// QUERY_TOO_COMPLEX with one fixed message: the limits themselves are never echoed, so a
// caller cannot tune an attack to sit just under them.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../audit/queries';
import type { GatewayContext } from '../context';
import { QueryTooComplexError } from '../errors';
import { operationOf } from '../evidence/fields';
import { MAX_PEOPLE_PER_QUERY } from '../evidence/validate';

/**
 * Measured on the largest legitimate queries (`npx tsx bench/armor-limits.ts` prints them):
 * PEOPLE_QUERY (50 people, every evidence field, test/support/gateway.ts) has depth 5, cost
 * 1400, 0 aliases, 0 directives, 251 tokens; an auditor's page of 200 access-log entries with
 * every field costs 402 (100: 202). The limits leave room for a verification beside a family
 * query and 4x on tokens, and sit far below what a hostile query needs (50 levels, 500
 * aliases, 1 MB of tokens, two families of 50 in one request, five pages of 200).
 */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxCost: 2000,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 1000,
} as const;

export type QueryLimits = { [K in keyof typeof QUERY_LIMITS]: number };

export const QUERY_TOO_COMPLEX_MESSAGE = 'The query is too complex; ask for less in one request.';

/** The message graphql-js's own token limit (parseOptions.maxTokens) writes; mapped in formatError. */
export const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:an|at) \d+ tokens/;

export interface QueryProtection {
  plugins: ApolloServerPlugin<GatewayContext>[];
  validationRules: ValidationRule[];
  /** graphql-js stops lexing past this many tokens: cheaper than armor's parser proxy, and a clean parse error */
  parseOptions: { maxTokens: number };
}

/**
 * Armor's rules report one QueryTooComplexError each (never its numbers) instead of throwing.
 * `hideSuggestions` (production) drops graphql-js's "Did you mean …?", a map of the schema.
 */
export function queryProtection(
  limits: QueryLimits = QUERY_LIMITS,
  observe?: (rule: string) => void,
  { hideSuggestions = true }: { hideSuggestions?: boolean } = {},
): QueryProtection {
  const reject = (rule: string) => ({
    exposeLimits: false,
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, _err: GraphQLError) => {
        observe?.(rule);
        ctx?.reportError(new QueryTooComplexError(QUERY_TOO_COMPLEX_MESSAGE));
      },
    ],
  });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reject('depth') },
    // armor's cost model counts every scalar of every row (a page of 100 entries "costs" 100 x
    // 20 fields) and cannot see `first: $n`: ours (queryCost below) counts objects, with list
    // sizes taken from the arguments and variables that set them
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...reject('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reject('directives') },
    // armor's token plugin throws from parsingDidStart, which Apollo turns into a 500; graphql-js
    // has the same limit built in (parseOptions below), answered as a parse error
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: hideSuggestions, mask: '' },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: [...plugins, costLimitPlugin(limits.maxCost, observe)],
    validationRules: validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

// ------------------------------------------------------------------ cost

/**
 * How many objects the answer may hold: the work a query asks for. Each object (a Person, an
 * evidence record, an access-log entry, an edge) costs 1, multiplied by how many of it the
 * list around it may hold; a scalar costs nothing beyond its object, because it is a column of
 * a row already fetched (the token limit bounds how many a query may name). List sizes:
 *   - `first` (access-log pages): its value, literal or variable (DEFAULT_PAGE_SIZE when
 *     absent; clamped to MAX_PAGE_SIZE, past which the resolver refuses the argument itself);
 *   - `idNumbers` (people) and `representations` (_entities): the number given, clamped to
 *     MAX_PEOPLE_PER_QUERY likewise;
 *   - any other list: 1, since its length is the department's record count, not the caller's.
 * Fragments are inlined where they are spread (each fragment's cost computed once), so neither
 * a fragment nor an alias hides work; fragments may nest at most MAX_FRAGMENT_NESTING deep.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const found = operationOf(schema, document, operationName);
  if (!found) return 0;
  const { operation, root, fragments } = found;
  const memo = new Map<string, number>();
  const vars = variables ?? {};

  const listSize = (field: FieldNode, def: GraphQLField<unknown, unknown>): number => {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value === 'first') {
        const n = intOf(arg.value, vars);
        return Math.min(Math.max(n ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
      }
      // people's ID numbers, and the entity path's representations (one person each)
      if (arg.name.value === 'idNumbers' || arg.name.value === 'representations') {
        const n = lengthOf(arg.value, vars);
        return Math.min(Math.max(n ?? 1, 1), MAX_PEOPLE_PER_QUERY);
      }
    }
    // a paged field asked without `first` answers its default page
    return def.args.some((a) => a.name === 'first') ? DEFAULT_PAGE_SIZE : 1;
  };

  /** page: the size a connection's `first` gave, applied to its `edges` */
  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, nesting: number, page?: number): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__') || !sel.selectionSet) continue;
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!def) continue;
        const type = getNamedType(def.type);
        if (!isCompositeType(type)) continue;
        if (def.args.some((a) => a.name === 'first')) {
          // a connection: one object, its page of `first` edges inside
          cost += 1 + selectionCost(sel.selectionSet, type, nesting, listSize(sel, def));
          continue;
        }
        const n = isList(def.type) ? (name === 'edges' && page !== undefined ? page : listSize(sel, def)) : 1;
        cost += n * (1 + selectionCost(sel.selectionSet, type, nesting));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        cost += selectionCost(sel.selectionSet, type && isCompositeType(type) ? type : parent, nesting, page);
      } else {
        if (nesting >= MAX_FRAGMENT_NESTING) return Infinity;
        const name = sel.name.value;
        let c = memo.get(name);
        if (c === undefined) {
          const f = fragments.get(name);
          const type = f ? schema.getType(f.typeCondition.name.value) : undefined;
          c = f && type && isCompositeType(type) ? selectionCost(f.selectionSet, type, nesting + 1, page) : 0;
          if (page === undefined) memo.set(name, c);
        }
        cost += c;
      }
    }
    return cost;
  };

  return selectionCost(operation.selectionSet, root, 0);
}

/** Fragments spread inside fragments, at most this deep: more is a way to hide work, not to write a query. */
export const MAX_FRAGMENT_NESTING = 5;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function intOf(value: ValueNode, vars: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = vars[value.name.value];
    return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
  }
  return undefined;
}

function lengthOf(value: ValueNode, vars: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const v = vars[value.name.value];
    return Array.isArray(v) ? v.length : typeof v === 'string' ? 1 : undefined;
  }
  return 1;
}

/**
 * queryCost walks the whole document; Apollo hands every request of the same query the same
 * cached document, so the cost is remembered per document, operation and the only things
 * queryCost reads from the variables (a number's value, a list's length, a string as one):
 * another `first` or another number of ID numbers is another entry, never a stale one.
 */
const costMemory = new WeakMap<DocumentNode, Map<string, number>>();
/** entries per document: a caller varying `first` should not grow memory without bound */
const COST_ENTRIES_PER_DOCUMENT = 64;

function rememberedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const shape = Object.entries(variables ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : Array.isArray(v) ? `[${v.length}]` : typeof v === 'string' ? 's' : '-'}`)
    .sort()
    .join('\u0000');
  const key = `${operationName ?? ''}\u0001${shape}`;
  let known = costMemory.get(document);
  const hit = known?.get(key);
  if (hit !== undefined) return hit;
  const cost = queryCost(schema, document, operationName, variables);
  if (!known) costMemory.set(document, (known = new Map<string, number>()));
  if (known.size >= COST_ENTRIES_PER_DOCUMENT) known.clear();
  // one schema per gateway: the document's cost cannot change under it
  known.set(key, cost);
  return cost;
}

/** Refuses a resolved operation whose cost (with its variables) is over the limit, before anything executes. */
function costLimitPlugin(maxCost: number, observe?: (rule: string) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const cost = rememberedCost(rc.schema, rc.document, rc.operationName, rc.request.variables);
          if (cost <= maxCost) return;
          observe?.('cost');
          throw new GraphQLError(QUERY_TOO_COMPLEX_MESSAGE, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
        },
      };
    },
  };
}
