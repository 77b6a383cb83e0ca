// Prints what graphql-armor measures on the largest legitimate queries, so the limits in
// src/resilience/armor.ts can be checked against the schema as it grows:
// `npx tsx bench/armor-limits.ts`.
import { parse, validate, type ValidationContext } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { buildExecutableSchema } from '../src/schema';
import { QUERY_LIMITS } from '../src/resilience/armor';
import { PEOPLE_QUERY, PERSON_QUERY } from '../test/support/gateway';

const schema = buildExecutableSchema();
const VERIFY = `query V($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId category zeroProof ageEligible checks { name status department detail } missingEvidence points { total items { name points } } } }`;

function measure(name: string, query: string): void {
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
    costLimitRule({ maxCost: 1e9, ...accept('cost') }),
    maxAliasesRule({ n: 1000, ...accept('aliases') }),
    maxDirectivesRule({ n: 1000, ...accept('directives') }),
  ]);
  const parser = new MaxTokensParserWLexer(query, { n: 1e6 });
  parser.parseDocument();
  const valid = errors.filter((e) => !/Cannot query field|Unknown/.test(e.message)).length === 0;
  console.log(
    `${name.padEnd(16)} depth ${seen.depth}  cost ${seen.cost}  aliases ${seen.aliases}  directives ${seen.directives}  tokens ${parser.tokenCount}${valid ? '' : '  (query does not validate: ' + errors[0]?.message + ')'}`,
  );
}

measure('PEOPLE_QUERY', PEOPLE_QUERY);
measure('PERSON_QUERY', PERSON_QUERY);
measure('verifyApplication', VERIFY);
console.log('limits          ', JSON.stringify(QUERY_LIMITS));
