// The rewriting of graphql-js's messages on its own, for the shapes an HTTP test cannot easily
// produce: a variable's value written to look like the message's own structure, and a message
// no rewrite foresees (its quoted text is kept only when it is a name of the schema).
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaNamesOf, withoutCallerText } from '../../src/errorMessages';

const names = schemaNamesOf(
  buildSchema(`
    type Query { person(idNumber: String!, purpose: Purpose!): Person }
    type Person { idNumber: String }
    input Purpose { applicationId: ID!, countyCode: String! }
    enum Outcome { ALLOWED DENIED }
  `),
);
const MARK = 'Zqx7Mark';

describe('withoutCallerText', () => {
  it('a variable value that holds "; " and a fake path: only the reason and the real path remain', () => {
    const message = `Variable "$p" got invalid value { countyCode: "${MARK}; at \\"p.x\\"; Field \\"${MARK}\\"" } at "p.countyCode"; String cannot represent a non string value: { a: "${MARK}" }`;
    const safe = withoutCallerText(message, names);
    expect(safe).toBe(`A variable's value is invalid at "countyCode": String cannot represent a non string value.`);
  });

  it('a variable of required type not provided: the type stays, the variable name goes', () => {
    expect(withoutCallerText(`Variable "$${MARK}" of required type "Purpose!" was not provided.`, names)).toBe(
      'A variable of required type "Purpose!" was not provided.',
    );
  });

  it('a message no rewrite foresees: quoted schema names stay, any other quoted text goes', () => {
    const safe = withoutCallerText(`Something about "${MARK}" on "Query.person" with "Outcome" and "[Purpose!]!".`, names);
    expect(safe).toBe('Something about (a name the schema does not define) on "Query.person" with "Outcome" and "[Purpose!]!".');
  });

  it('a field name that is also a schema name is still not repeated where the caller wrote it', () => {
    // "idNumber" is a field of Person, not of Query: echoing it would tell a prober it exists somewhere
    expect(withoutCallerText('Cannot query field "idNumber" on type "Query".', names)).toBe('Cannot query this field on type "Query".');
  });

  it('a literal of the wrong type with its inner reason: both rewritten', () => {
    expect(
      withoutCallerText(
        `Expected value of type "Outcome", found "${MARK}"; Enum "Outcome" cannot represent non-enum value: "${MARK}".`,
        names,
      ),
    ).toBe('Expected value of type "Outcome". Enum "Outcome" cannot represent non-enum value.');
  });

  it('syntax errors: the kind of token, never the token', () => {
    expect(withoutCallerText(`Syntax Error: Unexpected Name "${MARK}".`, names)).toBe('Syntax Error: Unexpected Name.');
    expect(withoutCallerText(`Syntax Error: Expected ":", found String "${MARK}".`, names)).toBe(
      'Syntax Error: Expected ":", found String.',
    );
    expect(withoutCallerText('Syntax Error: Expected Name, found "}".', names)).toBe('Syntax Error: Expected Name, found "}".');
    expect(withoutCallerText(`Syntax Error: Invalid character escape sequence: "\\${MARK[0]}".`, names)).toBe(
      'Syntax Error: Invalid character escape sequence.',
    );
  });
});
