// selectedFields: what the access log records as the fields read under one evidence field. It is
// remembered per document node, so these check that the memory never gives one query's fields to
// another: other documents, aliases, a field selected twice, fragments, and callers that change
// the list they got.
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../../src/evidence/fields';

const schema = buildSchema(`
  type Query { person: Person }
  type Person { idNumber: String, payments: [Payment] }
  type Payment { period: String, employerName: String, employer: Employer, provenance: String }
  type Employer { name: String, code: String }
`);

/** Runs a document; returns, per response key of `payments`, the fields each call saw. */
async function fieldsSeen(document: ReturnType<typeof parse>): Promise<Record<string, string[]>> {
  const seen: Record<string, string[]> = {};
  const rootValue = {
    person: () => ({
      idNumber: 'x',
      payments: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        const fields = selectedFields(info);
        seen[info.path.key as string] = fields;
        // a caller doing what it likes with its copy
        fields.push('injected');
        return [];
      },
    }),
  };
  const result = await execute({ schema, document, rootValue });
  expect(result.errors).toBeUndefined();
  for (const k of Object.keys(seen)) seen[k] = seen[k]!.filter((f) => f !== 'injected');
  return seen;
}

describe('selectedFields', () => {
  it('names leaf fields with their path, through fragments and inline fragments, never provenance', async () => {
    const doc = parse(`
      query { person { payments { period ... on Payment { employer { name } } ...F provenance } } }
      fragment F on Payment { employerName employer { code } }
    `);
    expect(await fieldsSeen(doc)).toEqual({ payments: ['employer.code', 'employer.name', 'employerName', 'period'] });
  });

  it('answers the same for the same document asked again, whatever the first caller did with its list', async () => {
    const doc = parse(`{ person { payments { period } } }`);
    expect(await fieldsSeen(doc)).toEqual({ payments: ['period'] });
    expect(await fieldsSeen(doc)).toEqual({ payments: ['period'] });
  });

  it('keeps each document its own: the same text shape with other fields is not answered from memory', async () => {
    expect(await fieldsSeen(parse(`{ person { payments { period } } }`))).toEqual({ payments: ['period'] });
    expect(await fieldsSeen(parse(`{ person { payments { period employerName } } }`))).toEqual({
      payments: ['employerName', 'period'],
    });
  });

  it('gives each alias its own fields, and a field selected twice the union of both selections', async () => {
    const doc = parse(
      `{ person { a: payments { period } b: payments { employerName } payments { period } payments { employer { name } } } }`,
    );
    expect(await fieldsSeen(doc)).toEqual({
      a: ['period'],
      b: ['employerName'],
      payments: ['employer.name', 'period'],
    });
    // and again, now from memory
    expect(await fieldsSeen(doc)).toEqual({ a: ['period'], b: ['employerName'], payments: ['employer.name', 'period'] });
  });
});
