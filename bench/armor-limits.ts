// Prints what graphql-armor measures on the largest legitimate queries, so the limits in
// src/resilience/armor.ts can be checked against the schema as it grows:
// `npx tsx bench/armor-limits.ts`.
import { parse, validate, type ValidationContext } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { buildExecutableSchema } from '../src/schema';
import { QUERY_LIMITS, queryCost } from '../src/resilience/armor';
import { PEOPLE_QUERY, PERSON_QUERY } from '../test/support/gateway';

const schema = buildExecutableSchema();
const AUDITOR_PAGE = `query Page($first: Int) { accessLogs(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { seq chainId at action requestId actorSubject actorRole actorCounty applicationId countyCode subjectHash department evidence fields outcome source reason hash prevHash } } } }`;
const VERIFY = `query V($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId category zeroProof ageEligible checks { name status department detail } missingEvidence points { total items { name points } } } }`;

function measure(name: string, query: string, variables: Record<string, unknown> = {}): void {
  const seen: Record<string, number> = {};
  const accept = (key: string) => ({
    onAccept: [
      (_c: ValidationContext | null, d: { n: number }) => {
        seen[key] = d.n;
      },
    ],
    propagateOnRejection: false,
    onReject: [
      (_c: ValidationContext | null) => {
        seen[key] = -1;
      },
    ],
  });
  const doc = parse(query);
  const errors = validate(schema, doc, [
    maxDepthRule({ n: 1000, flattenFragments: true, ...accept('depth') }),
    maxAliasesRule({ n: 1000, ...accept('aliases') }),
    maxDirectivesRule({ n: 1000, ...accept('directives') }),
  ]);
  seen.cost = queryCost(schema, doc, undefined, variables);
  const parser = new MaxTokensParserWLexer(query, { n: 1e6 });
  parser.parseDocument();
  const valid = errors.filter((e) => !/Cannot query field|Unknown/.test(e.message)).length === 0;
  console.log(
    `${name.padEnd(16)} depth ${seen.depth}  cost ${seen.cost}  aliases ${seen.aliases}  directives ${seen.directives}  tokens ${parser.tokenCount}${valid ? '' : '  (query does not validate: ' + errors[0]?.message + ')'}`,
  );
}

const fifty = Array.from({ length: 50 }, (_, i) => String(i));
measure('PEOPLE_QUERY', PEOPLE_QUERY, { ids: fifty });
measure('accessLogs 100', AUDITOR_PAGE, { first: 100 });
measure('accessLogs 200', AUDITOR_PAGE, { first: 200 });
measure('PERSON_QUERY', PERSON_QUERY);
measure('verifyApplication', VERIFY);
console.log('limits          ', JSON.stringify(QUERY_LIMITS));
