// Query protection (graphql-armor for Apollo): depth, cost, aliases, directives and token
// limits sized to this schema, field suggestions blocked in production. A rejected query answers
// QUERY_TOO_COMPLEX with one fixed message: the limits themselves are never echoed, so a
// caller cannot tune an attack to sit just under them.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { GatewayContext } from '../context';
import { QueryTooComplexError } from '../errors';

/**
 * Measured on the largest legitimate query, PEOPLE_QUERY (50 people, every evidence field,
 * test/support/gateway.ts): depth 5, cost 481, 0 aliases, 0 directives, 251 tokens
 * (`npx tsx bench/armor-limits.ts` prints them). The limits leave about 3x headroom on cost
 * and 4x on tokens, room for a dozen aliased socialInsurance periods and @include/@skip,
 * and sit far below what a hostile query needs (50 levels, 500 aliases, 1 MB of tokens).
 */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxCost: 1500,
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
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...reject('cost') },
    maxAliases: { n: limits.maxAliases, ...reject('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reject('directives') },
    // armor's token plugin throws from parsingDidStart, which Apollo turns into a 500; graphql-js
    // has the same limit built in (parseOptions below), answered as a parse error
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: hideSuggestions, mask: '' },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: plugins,
    validationRules: validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
