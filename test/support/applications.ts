// Reads need a registered application naming the person (README, "Who may see what"). Every
// test that reads people as a county registers one first, through this one helper, over HTTP
// as a county platform would: registerApplicationFor(gw, token, scenario) -> the purpose.
import type { Purpose } from '../../src/evidence/reader';
import { openSchoolYear } from '../../mocks/data/families';
import { makeIdNumber } from '../../src/codes/idNumber';

/** What an application names: a built-in scenario, or any family shaped like one. */
export interface ApplicationFamily {
  key?: string;
  countyCode: string;
  schoolYear?: number;
  stage?: 'PRIMARY' | 'JUNIOR';
  child: { idNumber: string; name: string };
  guardians: { idNumber: string; name: string; relation: 'FATHER' | 'MOTHER' | 'OTHER' }[];
}

interface Speaks {
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null },
  ): Promise<{ status: number; body: { data?: any; errors?: any[] } }>;
}

export const REGISTER_APPLICATION = `mutation Register($input: ApplicationInput!) {
  registerApplication(input: $input) { applicationId countyCode status schoolYear stage registeredRole expiresAt members { kind subjectHash reason } }
}`;

let counter = 0;

/**
 * Registers an application for the family (a fresh applicationId unless one is given) and
 * returns its purpose; fails the test with the gateway's errors when it is refused.
 */
export async function registerApplicationFor(
  gw: Speaks,
  token: string,
  family: ApplicationFamily,
  opts: { applicationId?: string; schoolYear?: number; countyCode?: string } = {},
): Promise<Purpose> {
  const applicationId =
    opts.applicationId ?? `APP-${family.key ?? 'family'}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
  const countyCode = opts.countyCode ?? family.countyCode;
  const input = {
    applicationId,
    countyCode,
    schoolYear: opts.schoolYear ?? family.schoolYear ?? openSchoolYear(new Date()),
    stage: family.stage ?? 'PRIMARY',
    child: { idNumber: family.child.idNumber, name: family.child.name },
    guardians: family.guardians.map((g) => ({ idNumber: g.idNumber, name: g.name, relation: g.relation })),
  };
  const res = await gw.graphql(REGISTER_APPLICATION, { input }, { token });
  if (res.body.errors?.length || !res.body.data?.registerApplication)
    throw new Error(`registerApplication refused: ${JSON.stringify(res.body.errors?.map((e: any) => [e.extensions?.code, e.message]))}`);
  return { applicationId, countyCode };
}

/**
 * Any people (not one family) read in one request: an application holds a child and at most
 * four guardians, so they are registered five to an application (the first of each five as the
 * child) and asked for through one aliased `people` field per application. Returns the query
 * and its variables for the given selection.
 */
export async function registerPeople(
  gw: Speaks,
  token: string,
  countyCode: string,
  people: readonly { idNumber: string; name: string }[],
  selection: string,
): Promise<{ query: string; variables: Record<string, unknown> }> {
  const variables: Record<string, unknown> = {};
  const fields: string[] = [];
  const declarations: string[] = [];
  for (let i = 0; i * 5 < people.length; i++) {
    const group = people.slice(i * 5, i * 5 + 5);
    const [child, ...guardians] = group;
    const purpose = await registerApplicationFor(gw, token, {
      key: `group${i}`,
      countyCode,
      child: child!,
      guardians: guardians.map((g) => ({ ...g, relation: 'OTHER' as const })),
    });
    variables[`ids${i}`] = group.map((p) => p.idNumber);
    variables[`p${i}`] = purpose;
    declarations.push(`$ids${i}: [String!]!, $p${i}: Purpose!`);
    fields.push(`g${i}: people(idNumbers: $ids${i}, purpose: $p${i}) { ${selection} }`);
  }
  return { query: `query Groups(${declarations.join(', ')}) { ${fields.join('\n')} }`, variables };
}

const registered = new WeakMap<object, Map<string, Promise<Purpose>>>();

/**
 * The purpose of `applicationId` for the family, registered by the family's county platform on
 * first use in this gateway (later calls reuse it): for tests that ask for one family many times.
 */
export function applicationFor(
  gw: Speaks & { token(claims: { role: 'county_platform'; county: string }): Promise<string> },
  family: ApplicationFamily,
  applicationId = `APP-${family.key ?? 'family'}`,
): Promise<Purpose> {
  let byId = registered.get(gw);
  if (!byId) registered.set(gw, (byId = new Map()));
  let p = byId.get(applicationId);
  if (!p) {
    p = gw
      .token({ role: 'county_platform', county: family.countyCode })
      .then((token) => registerApplicationFor(gw, token, family, { applicationId }));
    byId.set(applicationId, p);
  }
  return p;
}

/** POST /graphql of a gateway started as a process, for the helpers above. */
export function overHttp(graphqlUrl: string): Speaks {
  return {
    async graphql(query, variables, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await fetch(graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
    },
  };
}

/** A family as GET /__mock/scenarios lists it (its applicationInput), for a gateway on the real clock: this season's school year. */
export function familyOfSummary(s: { key: string }): ApplicationFamily {
  const { applicationInput } = s as { key: string; applicationInput?: ApplicationFamily };
  if (!applicationInput) throw new Error('the scenario lists no applicationInput');
  const { schoolYear: _past, ...input } = applicationInput;
  return { ...input, key: s.key };
}

/**
 * A guesser at work: `n` made-up families (valid ID numbers no department has a record of), each
 * registered as an application by `token` in `countyCode` and read (household) under it; every
 * read finds nobody. Returns the families' ID numbers.
 */
export async function readGuessedFamilies(
  gw: Speaks & { mock: { dataset: { households: { idNumber: string }[] } }; scenarios: { schoolYear: number }[] },
  token: string,
  countyCode: string,
  n: number,
): Promise<{ child: string; father: string; mother: string }[]> {
  const known = new Set(gw.mock.dataset.households.map((h) => h.idNumber));
  const fresh = (birth: string, seq: number) => {
    for (let s = seq; ; s += 2) {
      const id = makeIdNumber(countyCode, birth, s);
      if (!known.has(id)) return id;
    }
  };
  const families = [];
  for (let i = 0; i < n; i++) {
    const f = {
      child: fresh(`2020-0${i + 1}-1${i}`, 601),
      father: fresh(`1987-0${i + 1}-2${i}`, 701),
      mother: fresh(`1989-0${i + 1}-2${i}`, 802),
    };
    const input = {
      applicationId: `APP-GUESS-${counter++}-${i}`,
      countyCode,
      schoolYear: gw.scenarios[0]!.schoolYear,
      stage: 'PRIMARY',
      child: { idNumber: f.child, name: '赵演' },
      guardians: [
        { idNumber: f.father, name: '赵测', relation: 'FATHER' },
        { idNumber: f.mother, name: '钱样', relation: 'MOTHER' },
      ],
    };
    const reg = await gw.graphql(REGISTER_APPLICATION, { input }, { token });
    if (reg.body.errors?.length)
      throw new Error(`registerApplication refused: ${JSON.stringify(reg.body.errors.map((e: any) => e.extensions?.code))}`);
    const read = await gw.graphql(
      'query P($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { household { name } } }',
      { ids: [f.child, f.father, f.mother], purpose: { applicationId: input.applicationId, countyCode } },
      { token },
    );
    if (read.body.errors?.length || read.body.data.people.some((p: any) => p.household !== null))
      throw new Error('a guessed family was not read as nobody');
    families.push(f);
  }
  return families;
}
