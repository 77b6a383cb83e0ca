// The police connector: the department's raw pinyin payloads (test/fixtures/police/) map to the
// contract's records field for field; against the mock police department, batches split at
// the cap of 20 and every failure leaves as DepartmentUnavailableError.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { createPoliceConnector } from '../../connectors/police/client';
import { signRequest } from '../../connectors/signing';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { DatasetIndex } from '../../mocks/data/index';
import { departmentHandlers } from '../../mocks/handlers/index';
import { idCheckChar, makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { HouseholdRegistration, ResidencePermit } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const BASE = 'http://departments.test/police';

/** A valid ID number whose check character is X, to ask for it with a lower-case x. */
function idEndingInX(): string {
  for (let seq = 1; seq < 1000; seq++) {
    const first17 = `370811201803${String(10 + (seq % 18)).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
    if (idCheckChar(first17) === 'X') return first17 + 'X';
  }
  throw new Error('no X found');
}

const people = Array.from({ length: 44 }, (_, i) => makeIdNumber('370811', `19${80 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, 100 + i));
const xId = idEndingInX();
const unknown = makeIdNumber('370812', '1990-06-06', 7);

function household(id: string, i: number): HouseholdRegistration {
  return {
    idNumber: id,
    name: `测样${i}`,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    ethnicity: '汉族',
    nativePlace: '山东省济宁市任城区',
    regionCode: '370811',
    regionName: '任城区',
    address: `山东省济宁市任城区演示路${i}号`,
    issuingAuthority: '济宁市公安局任城分局',
    householdType: (['FAMILY', 'COLLECTIVE', 'COMMUNITY_PUBLIC', 'OTHER'] as const)[i % 4]!,
    householdNumber: `37081100${String(i).padStart(4, '0')}`,
    headOfHouseholdName: `测样${i - (i % 3)}`,
    relationToHeadCode: i % 3 === 0 ? '02' : '20',
    relationToHeadName: i % 3 === 0 ? '户主' : '子',
  };
}

/** Every nullable field empty: the police send '' and the contract says null. */
const sparse: HouseholdRegistration = {
  idNumber: xId,
  name: '演示空',
  gender: null,
  birthDate: null,
  ethnicity: null,
  nativePlace: null,
  regionCode: '370826',
  regionName: null,
  address: null,
  issuingAuthority: null,
  householdType: null,
  householdNumber: null,
  headOfHouseholdName: null,
  relationToHeadCode: null,
  relationToHeadName: null,
};

const households = [...people.map(household), sparse];
const { mock, server } = serveMockDepartments(dataset({ households }), (m) => departmentHandlers(m));
const connector = () => createPoliceConnector(departmentHttp('police', { policy: { retryBaseMs: 1 } }));

async function signedPost(path: string, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const url = new URL(BASE + path);
  const headers = signRequest({
    method: 'POST',
    pathWithQuery: url.pathname,
    body: text,
    appKey: DEV_APP_KEY,
    secret: devDepartmentSecret('police'),
  });
  return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: text });
}

// the family of test/fixtures/police/
const father = '370811198604120111';
const mother = '370811198809030224';
const son = '370811201803080313';
const collective = '37081119850202003X';
const migrant = '37082819901010006X';
const tenant = '37088319900707001X';
const nobody = '370812199006060076';

describe('police connector, on raw department payloads', () => {
  it('maps every household field: codes, YYYYMMDD dates, "" and absent keys as null, unknown fields ignored', async () => {
    const fixture = useFixture(server, 'police', 'households');
    const result = await connector().fetchers.household([father, mother, son, collective, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    expect(result.get(father)).toStrictEqual([
      {
        idNumber: father,
        name: '王测一',
        gender: 'MALE',
        birthDate: '1986-04-12',
        ethnicity: '汉族',
        nativePlace: '山东省济宁市任城区',
        regionCode: '370811',
        regionName: '任城区',
        address: '山东省济宁市任城区样本路88号演示小区5号楼2单元301室',
        issuingAuthority: '济宁市公安局任城分局',
        householdType: 'FAMILY',
        householdNumber: '370811000123',
        headOfHouseholdName: '王测一',
        relationToHeadCode: '02',
        relationToHeadName: '户主',
      },
    ] satisfies HouseholdRegistration[]);
    // gender 9 (unstated) carries none; '' , a blank and an absent key are all "no value"
    expect(result.get(mother)).toStrictEqual([
      {
        idNumber: mother,
        name: '李样二',
        gender: null,
        birthDate: null,
        ethnicity: null,
        nativePlace: null,
        regionCode: '370811',
        regionName: '任城区',
        address: null,
        issuingAuthority: null,
        householdType: null,
        householdNumber: null,
        headOfHouseholdName: '王测一',
        relationToHeadCode: null,
        relationToHeadName: null,
      },
    ] satisfies HouseholdRegistration[]);
    expect(result.get(son)).toStrictEqual([
      {
        idNumber: son,
        name: '王测小一',
        gender: 'MALE',
        birthDate: '2018-03-08',
        ethnicity: '回族',
        nativePlace: '山东省济宁市任城区',
        regionCode: '370811',
        regionName: '任城区',
        address: '山东省济宁市任城区样本路88号演示小区5号楼2单元301室',
        issuingAuthority: '济宁市公安局任城分局',
        householdType: 'FAMILY',
        householdNumber: '370811000123',
        headOfHouseholdName: '王测一',
        relationToHeadCode: '20',
        relationToHeadName: '子',
      },
    ] satisfies HouseholdRegistration[]);
    // gender 0 (unknown) carries none; a collective household; the register wrote the check character x
    expect(result.get(collective)).toStrictEqual([
      {
        idNumber: collective,
        name: '赵演三',
        gender: null,
        birthDate: '1985-02-02',
        ethnicity: '汉族',
        nativePlace: '河南省商丘市演示县',
        regionCode: '370811',
        regionName: '任城区',
        address: '山东省济宁市任城区样本街道集体户',
        issuingAuthority: '济宁市公安局任城分局',
        householdType: 'COLLECTIVE',
        householdNumber: '370811900007',
        headOfHouseholdName: '济宁演示机械有限公司集体户',
        relationToHeadCode: '99',
        relationToHeadName: '其他',
      },
    ] satisfies HouseholdRegistration[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });

  it('maps residence permits, several per person, "" as null', async () => {
    const fixture = useFixture(server, 'police', 'residence-permits');
    const result = await connector().fetchers.residencePermits([migrant, tenant, nobody]);
    expect(fixture.served).toEqual([1]);
    const first: ResidencePermit = {
      idNumber: migrant,
      name: '周样六',
      gender: 'FEMALE',
      ethnicity: '回族',
      registeredResidence: '河南省商丘市演示县样本乡',
      currentAddress: '山东省济宁市任城区样本街道演示小区3号楼',
      issuingAuthority: '济宁市公安局任城分局',
      validFrom: '2023-03-01',
      validUntil: '2024-02-29',
      regionCode: '370811',
    };
    expect(result.get(migrant)).toStrictEqual([first, { ...first, validFrom: '2024-03-01', validUntil: '2025-02-28' }]);
    expect(result.get(tenant)).toStrictEqual([
      {
        idNumber: tenant,
        name: '孙演七',
        gender: null,
        ethnicity: null,
        registeredResidence: null,
        currentAddress: null,
        issuingAuthority: null,
        validFrom: null,
        validUntil: null,
        regionCode: '370883',
      },
    ] satisfies ResidencePermit[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

describe('police connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'police',
    fixture: 'households-x',
    idNumber: '37081119871212008X',
    fetch: (ids) => connector().fetchers.household(ids),
    expected: [
      {
        idNumber: '37081119871212008X',
        name: '钱测四',
        gender: 'FEMALE',
        birthDate: '1987-12-12',
        ethnicity: '汉族',
        nativePlace: '山东省济宁市任城区',
        regionCode: '370811',
        regionName: '任城区',
        address: '山东省济宁市任城区演示路6号',
        issuingAuthority: '济宁市公安局任城分局',
        householdType: 'FAMILY',
        householdNumber: '370811000456',
        headOfHouseholdName: '钱测四',
        relationToHeadCode: '02',
        relationToHeadName: '户主',
      },
    ],
  });
});

describe('police connector', () => {
  it('asks 45 ID numbers in 3 calls of at most 20, each answered under the number asked', async () => {
    // 44 registered, one registered under an X check character asked with x, one unknown, duplicates
    const asked = [...people, xId.toLowerCase(), unknown, people[0]!, people[5]!];
    const result = await connector().fetchers.household(asked);

    expect(mock.stats.police).toEqual({ requests: 3, ids: 46 });
    expect([...result.keys()].sort()).toEqual([...new Set(asked)].sort());
    people.forEach((id, i) => expect(result.get(id)).toStrictEqual([household(id, i)]));
    expect(result.get(xId.toLowerCase())).toStrictEqual([sparse]);
    expect(result.get(unknown)).toEqual([]);
  });

  it('asks nothing for an empty batch', async () => {
    const result = await connector().fetchers.household([]);
    expect(result.size).toBe(0);
    expect(mock.stats.police.requests).toBe(0);
  });

  it('the mock refuses more than 20 ID numbers with 400 and its error envelope', async () => {
    const res = await signedPost('/v1/hjxx/batch', { sfzhList: [...people.slice(0, 21)] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: '4002', data: null });
    expect(mock.stats.police.ids).toBe(0);

    const bad = await signedPost('/v1/jzz/batch', { sfzh: people[0] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: '4001' });
  });

  it('a wrong signing secret fails at once as DepartmentUnavailableError (401, not retried)', async () => {
    const wrong = createPoliceConnector(departmentHttp('police', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.household([people[0]!]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ department: 'police', failure: 'status', httpStatus: 401 });
    expect(mock.stats.police.requests).toBe(1);
  });

  it('a malformed answer fails as DepartmentUnavailableError with failure malformed', async () => {
    mock.setFault('police', { malformed: true });
    const err = await rejectionOf(connector().fetchers.residencePermits([people[0]!]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'malformed' });
  });

  it('a business error code under HTTP 200 is no answer either', async () => {
    server.use(http.post('*/police/v1/hjxx/batch', () => HttpResponse.json({ code: '5001', message: '系统繁忙', data: { records: [] } })));
    const err = await rejectionOf(connector().fetchers.household([people[0]!]));
    expect(err).toMatchObject({ failure: 'malformed' });
  });

  it('503 is retried, then fails as DepartmentUnavailableError', async () => {
    mock.setFault('police', { down: true, status: 503 });
    const err = await rejectionOf(connector().fetchers.household([people[0]!]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 503 });
    expect(mock.stats.police.requests).toBe(3); // the first try and DEFAULT_POLICY's 2 retries
  });

  it('round-trips every household and permit of the built-in data set', async () => {
    const { dataset: builtin } = buildBuiltinDataset();
    const saved = mock.index;
    mock.index = new DatasetIndex(builtin);
    try {
      const ids = [...new Set([...builtin.households.map((h) => h.idNumber), ...builtin.residencePermits.map((p) => p.idNumber)])];
      const c = connector();
      const [hh, rp] = await Promise.all([c.fetchers.household(ids), c.fetchers.residencePermits(ids)]);
      for (const id of ids) {
        const h = mock.index.households(id);
        expect(hh.get(id)).toStrictEqual(h ? [h] : []);
        expect(rp.get(id)).toStrictEqual([...mock.index.residencePermits(id)]);
      }
      expect(mock.stats.police.requests).toBe(2 * Math.ceil(ids.length / 20));
    } finally {
      mock.index = saved;
    }
  });
});
