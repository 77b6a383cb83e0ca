// No value a caller sent comes back in an error message: a GraphQL request's document and
// variables may hold ID numbers and names, and an error message is what proxies, browser
// consoles and support tickets keep. Each case plants a marker in the caller's text and checks
// that the whole response body is free of it, while the message still says what kind of thing
// was wrong and where (line and column, the argument's path), with its contract code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/codes/idNumber';
import { startTestGateway, type TestGateway } from '../support/gateway';

const MARK = 'Zqx7Mark';
/** a valid-looking ID number the gateway must not repeat either */
const VALID_ID = makeIdNumber('370811', '1986-12-04', 789);
const ID_MARK = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('1') ? '2' : '1');

let gw: TestGateway;
let platform: string;
let auditor: string;
beforeAll(async () => {
  gw = await startTestGateway();
  platform = await gw.token({ role: 'county_platform', county: '370811' });
  auditor = await gw.token({ role: 'auditor' });
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

const PURPOSE = { applicationId: 'APP-NOECHO-1', countyCode: '370811' };

type Case = [label: string, query: string, variables: Record<string, unknown>, who: 'platform' | 'auditor', code: string, message: RegExp];
const CASES: Case[] = [
  [
    'syntax: an unexpected name',
    `{ person(idNumber: "x" purpose: {}) ${MARK} ( }`,
    {},
    'platform',
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Expected Name, found "\}"\.$/,
  ],
  [
    'syntax: an unterminated string',
    `{ person(idNumber: "${MARK}`,
    {},
    'platform',
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Unterminated string\.$/,
  ],
  [
    'syntax: a bad number',
    `{ people(idNumbers: [0${MARK}]) { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Invalid number, expected digit\.$/,
  ],
  [
    'syntax: an unexpected character',
    `{ person ${MARK}% }`,
    {},
    'platform',
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Unexpected character\.$/,
  ],
  [
    'syntax: a bad escape in a string',
    `{ person(idNumber: "\\u${MARK}") { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Invalid Unicode escape sequence\.$/,
  ],
  ['an unknown field', `{ ${MARK} }`, {}, 'platform', 'GRAPHQL_VALIDATION_FAILED', /^Cannot query this field on type "Query"\./],
  [
    'an unknown field on a type',
    `query($p: Purpose!) { person(idNumber: "1", purpose: $p) { ${MARK} } }`,
    { p: PURPOSE },
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^Cannot query this field on type "Person"\./,
  ],
  [
    'an unknown argument',
    `{ person(${MARK}: 1) { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^Unknown argument on field "Query\.person"\./,
  ],
  [
    'an unknown enum value',
    `{ accessLogs(filter: { outcome: ${MARK} }) { totalCount } }`,
    {},
    'auditor',
    'GRAPHQL_VALIDATION_FAILED',
    /^Value does not exist in "AccessOutcome" enum\./,
  ],
  ['an unknown type', `query($v: ${MARK}) { __typename }`, {}, 'platform', 'GRAPHQL_VALIDATION_FAILED', /^Unknown type\./],
  ['an unknown fragment', `{ ...${MARK} }`, {}, 'platform', 'GRAPHQL_VALIDATION_FAILED', /^Unknown fragment\.$/],
  ['a fragment on an unknown type', `{ ...F } fragment F on ${MARK} { x }`, {}, 'platform', 'GRAPHQL_VALIDATION_FAILED', /^Unknown type\./],
  ['an unknown directive', `{ __typename @${MARK} }`, {}, 'platform', 'GRAPHQL_VALIDATION_FAILED', /^Unknown directive\.$/],
  [
    'an unused variable',
    `query($${MARK}: Int) { __typename }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^A variable is never used\.$/,
  ],
  [
    'an unused fragment',
    `{ __typename } fragment ${MARK} on Query { __typename }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^A fragment is never used\.$/,
  ],
  [
    'conflicting aliases',
    `{ ${MARK}: __typename ${MARK}: accessLogs { totalCount } }`,
    {},
    'auditor',
    'GRAPHQL_VALIDATION_FAILED',
    /^Two fields share one response name \(alias\)/,
  ],
  [
    'a string literal where a list of strings is wanted',
    `{ people(idNumbers: "${ID_MARK}", purpose: { applicationId: "a", countyCode: "370811" }) { idNumber } }`,
    {},
    'platform',
    'BAD_USER_INPUT',
    /^idNumbers\[0\] is not a valid citizen ID number: it fails its check digit\.$/,
  ],
  [
    'a number where a string is wanted',
    `{ person(idNumber: 3${MARK.length}${'7'.repeat(5)}, purpose: { applicationId: "a", countyCode: "370811" }) { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^String cannot represent a non string value\.$/,
  ],
  [
    'an enum where a string is wanted',
    `{ person(idNumber: ${MARK}, purpose: { applicationId: "a", countyCode: "370811" }) { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^String cannot represent a non string value\.$/,
  ],
  [
    'an input field the type does not have (literal)',
    `{ person(idNumber: "1", purpose: { applicationId: "a", countyCode: "370811", ${MARK}: 1 }) { idNumber } }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^Field is not defined by type "Purpose"\./,
  ],
  [
    'a variable of the wrong type',
    `query($id: String!, $p: Purpose!) { person(idNumber: $id, purpose: $p) { idNumber } }`,
    { id: { [MARK]: ID_MARK }, p: PURPOSE },
    'platform',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: String cannot represent a non string value\.$/,
  ],
  [
    'a variable: an object where a string is wanted',
    `query($id: String!, $p: Purpose!) { person(idNumber: $id, purpose: $p) { idNumber } }`,
    { id: [ID_MARK, MARK], p: PURPOSE },
    'platform',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: String cannot represent a non string value\.$/,
  ],
  [
    'a variable: an input field the type does not have',
    `query($p: Purpose!) { person(idNumber: "1", purpose: $p) { idNumber } }`,
    { p: { ...PURPOSE, [MARK]: ID_MARK } },
    'platform',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: Field is not defined by type "Purpose"\./,
  ],
  [
    'a variable: a missing input field',
    `query($p: Purpose!) { person(idNumber: "1", purpose: $p) { idNumber } }`,
    { p: { applicationId: `${MARK}-${ID_MARK}` } },
    'platform',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: Field "countyCode" of required type "String!" was not provided\.$/,
  ],
  [
    'a variable: an unknown enum value',
    `query($o: AccessOutcome) { accessLogs(filter: { outcome: $o }) { totalCount } }`,
    { o: `${MARK}${ID_MARK}` },
    'auditor',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: Value does not exist in "AccessOutcome" enum\./,
  ],
  [
    'a variable: a number too large for Int',
    `query($n: Int) { accessLogs(first: $n) { totalCount } }`,
    { n: 1e20 },
    'auditor',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: Int cannot represent non 32-bit signed integer value\.$/,
  ],
  [
    'a variable: a string for Int',
    `query($n: Int) { accessLogs(first: $n) { totalCount } }`,
    { n: `${MARK}${ID_MARK}` },
    'auditor',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: Int cannot represent non-integer value\.$/,
  ],
  [
    'a variable: a bad Date',
    `query($d: DateTime) { accessLogs(filter: { from: $d }) { totalCount } }`,
    { d: `${MARK}${ID_MARK}` },
    'auditor',
    'BAD_USER_INPUT',
    /^A variable's value is invalid: DateTime must be ISO 8601/,
  ],
  [
    'an ID number that fails its check',
    `query($p: Purpose!) { person(idNumber: "${ID_MARK}", purpose: $p) { idNumber } }`,
    { p: PURPOSE },
    'platform',
    'BAD_USER_INPUT',
    /^idNumber is not a valid citizen ID number: it fails its check digit\.$/,
  ],
  [
    'an ID number that is not one at all',
    `query($p: Purpose!) { person(idNumber: "${MARK}${ID_MARK}", purpose: $p) { idNumber } }`,
    { p: PURPOSE },
    'platform',
    'BAD_USER_INPUT',
    /^idNumber is not a valid citizen ID number: it must be 18 characters\.$/,
  ],
  [
    'an ID number in the auditor search that is not one',
    `{ accessLogs(filter: { idNumber: "${MARK}${ID_MARK}" }) { totalCount } }`,
    {},
    'auditor',
    'BAD_USER_INPUT',
    /^filter\.idNumber is not a valid citizen ID number: it must be 18 characters\.$/,
  ],
  [
    'a variable: a bad enum value deep in an input: the path is named',
    `query($a: ApplicationInput!) { verifyApplication(input: $a) { __typename } }`,
    {
      a: {
        applicationId: 'APP-1',
        countyCode: '370811',
        schoolYear: 2025,
        stage: 'PRIMARY',
        child: { idNumber: VALID_ID, name: 'x' },
        guardians: [{ idNumber: VALID_ID, name: 'y', relation: MARK }],
      },
    },
    'platform',
    'BAD_USER_INPUT',
    /^A variable's value is invalid at "guardians\[0\]\.relation": Value does not exist in "GuardianRelation" enum\./,
  ],
  // in development a misspelt name still gets its suggestion: the schema's name, not the caller's text
  [
    'a misspelt field: the suggestion stays',
    `{ peopl${MARK} }`,
    {},
    'platform',
    'GRAPHQL_VALIDATION_FAILED',
    /^Cannot query this field on type "Query"\./,
  ],
  [
    'a misspelt enum value: the suggestion stays',
    `{ accessLogs(filter: { outcome: ALLOWE }) { totalCount } }`,
    {},
    'auditor',
    'GRAPHQL_VALIDATION_FAILED',
    /^Value does not exist in "AccessOutcome" enum\. Did you mean the enum value "ALLOWED"\?$/,
  ],
];

/** A request as a client library sends it, with an operationName or a body of its own. */
async function post(body: string, token: string) {
  const res = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('requests that are not GraphQL documents never carry what the caller sent', () => {
  it.each([
    [
      'an operationName the document does not hold',
      JSON.stringify({ query: '{ __typename }', operationName: MARK }),
      'OPERATION_RESOLUTION_FAILURE',
    ],
    ['a body that is not JSON', `{"query": "{ person(idNumber: \\"${ID_MARK}\\") ${MARK}`, 'BAD_REQUEST'],
    ['variables that are a string', JSON.stringify({ query: '{ __typename }', variables: `${MARK}${ID_MARK}` }), 'BAD_REQUEST'],
    ['a query that is not a string', JSON.stringify({ query: { [MARK]: ID_MARK } }), 'BAD_REQUEST'],
    ['extensions that are not an object', JSON.stringify({ query: '{ __typename }', extensions: `${MARK}` }), 'BAD_REQUEST'],
  ])('%s: %s', async (_label, body, code) => {
    const res = await post(body, platform);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe(code);
    expect(res.text).not.toContain(MARK);
    expect(res.text).not.toContain(ID_MARK);
  });
});

describe('errors never carry what the caller sent', () => {
  it.each(CASES)('%s', async (_label, query, variables, who, code, message) => {
    const res = await gw.graphql(query, variables, { token: who === 'platform' ? platform : auditor });
    const text = JSON.stringify(res.body);
    // the first error says what kind of thing was wrong, with its code and where
    const [first] = res.body.errors ?? [];
    expect({ code: first?.extensions?.code, message: first?.message }).toEqual({ code, message: expect.stringMatching(message) });
    expect(first.locations?.[0]).toEqual({ line: expect.any(Number), column: expect.any(Number) });
    expect(text).not.toContain(MARK);
    expect(text).not.toContain(ID_MARK);
    expect(text).not.toContain(ID_MARK.slice(0, 17));
  });
});
