// examples/ cannot rot: every examples/<name>.graphql is run, with examples/<name>.variables.json
// beside it where it takes variables, against a gateway with the built-in mock families, as the
// role its header comment names (`# Token: npm run token -- --role … [--county …] [--id-number …]`),
// and must answer without an error. Every query and mutation of the schema has its example.
// The examples name the built-in families as written down (school year SCHOOL_YEAR); the gateway
// serves them for the season open today, so each example is moved to that year as the
// quick-start's GET /__mock/scenarios would hand it out.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/auth/viewer';
import { openSchoolYear, SCHOOL_YEAR } from '../../mocks/data/families';
import { shiftYears } from '../../mocks/data/families/season';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ROOT } from '../support/process';

const DIR = join(ROOT, 'examples');

interface Example {
  name: string;
  text: string;
  operation: OperationDefinitionNode;
  claims: { role: Role; county?: string; idNumber?: string; sub?: string };
  variables: Record<string, unknown> | undefined;
}

/** One example as a developer reads it: its header, its one named operation, its variables. */
function load(name: string): Example {
  const text = readFileSync(join(DIR, `${name}.graphql`), 'utf8');
  const header = /^# Token: npm run token -- (.+)$/m.exec(text.split('\n')[0] ?? '');
  if (!header?.[1]) throw new Error(`examples/${name}.graphql: the first line must be "# Token: npm run token -- --role ROLE …"`);
  const { values } = parseArgs({
    args: header[1].split(/\s+/),
    options: { role: { type: 'string' }, county: { type: 'string' }, 'id-number': { type: 'string' }, sub: { type: 'string' } },
    strict: true,
  });
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new Error(`examples/${name}.graphql: unknown role`);
  const operations = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const variablesPath = join(DIR, `${name}.variables.json`);
  return {
    name,
    text,
    operation: operations.length === 1 ? operations[0]! : (undefined as never),
    claims: { role: values.role as Role, county: values.county, idNumber: values['id-number'], sub: values.sub },
    variables: existsSync(variablesPath) ? (JSON.parse(readFileSync(variablesPath, 'utf8')) as Record<string, unknown>) : undefined,
  };
}

// alphabetical, which also runs grantConsent before myConsents and revokeConsent
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => f.slice(0, -'.graphql'.length))
  .sort();

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

describe('examples/', () => {
  it('has one example per query and mutation of the schema, each named after its field', () => {
    const schema = gw.app.schema;
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => Object.keys(t?.getFields() ?? {}));
    expect(NAMES).toEqual([...fields].sort());
  });

  it('every file is one named operation whose first field is its name; variables beside it exactly when it takes some', () => {
    for (const name of NAMES) {
      const ex = load(name);
      expect(ex.operation, `examples/${name}.graphql: exactly one operation`).toBeDefined();
      expect(ex.operation.name?.value, `examples/${name}.graphql: a named operation`).toMatch(/^[A-Z]\w+$/);
      const first = ex.operation.selectionSet.selections[0];
      expect(first?.kind === Kind.FIELD ? first.name.value : undefined, `examples/${name}.graphql`).toBe(name);
      // the header says what it shows, beyond the token line
      expect(ex.text.split('\n')[1], `examples/${name}.graphql: a line on what it shows`).toMatch(/^# \S.{20,}/);
      const takes = (ex.operation.variableDefinitions ?? []).length > 0;
      expect(ex.variables !== undefined, `examples/${name}.variables.json ${takes ? 'is missing' : 'is not used'}`).toBe(takes);
    }
  });

  // in the order a county works: register the application, read and verify under it, close it
  const IN_ORDER = [
    'registerApplication',
    ...NAMES.filter((n) => n !== 'registerApplication' && n !== 'closeApplication'),
    'closeApplication',
  ];
  it.each(IN_ORDER)('%s runs without an error, as the role its header names', async (name) => {
    const ex = load(name);
    const years = openSchoolYear(new Date()) - SCHOOL_YEAR;
    const token = await gw.token(shiftYears({ ...ex.claims, sub: ex.claims.sub ?? `example-${ex.claims.role}` }, years));
    const res = await gw.graphql(ex.text, shiftYears(ex.variables, years), { token });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(res.body.data?.[name]).toBeDefined();
    expect(res.body.data?.[name]).not.toBeNull();
  });
});
