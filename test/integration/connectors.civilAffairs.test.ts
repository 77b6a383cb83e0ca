// 民政 civil affairs: marriages asked in one batch call. The department's raw payloads
// (test/fixtures/civilAffairs/: pinyin-initial fields, 'YYYY/MM/DD' dates, status words) map to
// the contract's MarriageRegistration field for field; the mock department stands in for
// batching and failures.
import { http as route, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { CIVIL_AFFAIRS_BATCH_CAP, createCivilAffairsConnector } from '../../connectors/civilAffairs/client';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { DEFAULT_POLICY, DepartmentHttp, type CallEvent } from '../../connectors/http';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments } from '../../mocks/departments';
import { civilAffairsHandlers } from '../../mocks/handlers/civilAffairs';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { MarriageRegistration } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const husband = makeIdNumber('370811', '1986-04-12', 31);
const many = Array.from({ length: 120 }, (_, i) => makeIdNumber('370829', '1985-01-01', i));
const { mock, server } = serveMockDepartments(dataset({}), (m) => departmentHandlers(m));
const connector = createCivilAffairsConnector(departmentHttp('civilAffairs'));

describe('civilAffairs connector, on raw department payloads', () => {
  // the people of test/fixtures/civilAffairs/
  const wang = '370811198604120111';
  const li = '370811198809030224';
  const zhao = '37081119850202003X';
  const qian = '37081119871212008X';
  const nobody = '370812199006060076';

  it('maps every field of every registration, for either spouse; a record naming neither is dropped', async () => {
    const fixture = useFixture(server, 'civilAffairs', 'marriages');
    const result = await connector.fetchers.marriages([wang, li, zhao, qian, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    const wangAndLi: MarriageRegistration = {
      husbandIdNumber: wang,
      husbandName: '王测一',
      wifeIdNumber: li,
      wifeName: '李样二',
      registeredOn: '2014-05-20',
      status: 'MARRIED',
    };
    // the register wrote the husband's check character x: the contract spells ID numbers with X
    const zhaoAndQian: MarriageRegistration = {
      husbandIdNumber: zhao,
      husbandName: '赵演三',
      wifeIdNumber: qian,
      wifeName: '钱测四',
      registeredOn: null,
      status: 'DIVORCED',
    };
    expect(result.get(wang)).toStrictEqual([wangAndLi]);
    expect(result.get(li)).toStrictEqual([wangAndLi]);
    expect(result.get(zhao)).toStrictEqual([
      zhaoAndQian,
      {
        husbandIdNumber: zhao,
        husbandName: '赵演三',
        wifeIdNumber: '37082819901010006X',
        wifeName: '周样六',
        registeredOn: '2019-01-01',
        status: 'MARRIED',
      },
    ]);
    expect(result.get(qian)).toStrictEqual([
      zhaoAndQian,
      {
        husbandIdNumber: '37082619800120007X',
        husbandName: '孙样五',
        wifeIdNumber: qian,
        wifeName: '钱测四',
        registeredOn: '2011-12-31',
        status: 'ANNULLED',
      },
    ]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

describe('civilAffairs connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'civilAffairs',
    fixture: 'marriages-x',
    idNumber: '37083219910404004X',
    fetch: (ids) => connector.fetchers.marriages(ids),
    expected: [
      {
        husbandIdNumber: '37088319900707001X',
        husbandName: '孙演七',
        wifeIdNumber: '37083219910404004X',
        wifeName: '陈演四',
        registeredOn: '2020-10-01',
        status: 'MARRIED',
      },
    ],
  });
});

describe('civilAffairs connector (POST /marriage/batch-query)', () => {
  it('splits a batch past the department cap of 50 into chunks', async () => {
    const result = await connector.fetchers.marriages(many);
    expect(result.size).toBe(120);
    expect(mock.stats.civilAffairs).toStrictEqual({ requests: 3, ids: 120 });
  });

  it('fails a batch only once every chunk has been answered: no call is left running unobserved', async () => {
    // three chunks: the first refused at once, the other two held until the test lets them go
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answered: number[] = [];
    server.use(
      route.post('*/civilAffairs/marriage/batch-query', async ({ request }) => {
        const { zjhmList } = (await request.json()) as { zjhmList: string[] };
        const chunk = many.indexOf(zjhmList[0]!) / CIVIL_AFFAIRS_BATCH_CAP;
        if (chunk > 0) await held;
        answered.push(chunk);
        if (chunk === 0) return HttpResponse.json({ success: false, code: 'E0400', message: '参数错误' }, { status: 400 });
        return HttpResponse.json({ success: true, code: '0000', message: '查询成功', result: [] });
      }),
    );
    const failures: CallEvent[] = [];
    const observed = createCivilAffairsConnector(
      new DepartmentHttp(
        {
          department: 'civilAffairs',
          baseUrl: 'http://departments.test/civilAffairs',
          appKey: DEV_APP_KEY,
          secret: devDepartmentSecret('civilAffairs'),
          policy: DEFAULT_POLICY,
        },
        (e) => e.outcome !== 'ok' && failures.push(e),
      ),
    );
    let settled = false;
    const batch = observed.fetchers.marriages(many).finally(() => (settled = true));
    // the first chunk's call has failed for good; let every promise that follows from it run
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    const err = await rejectionOf(batch);
    expect(err).toMatchObject({ department: 'civilAffairs', failure: 'status', httpStatus: 400 });
    expect(answered.sort()).toEqual([0, 1, 2]);
  });

  it('passes the request deadline through: a spent deadline asks nothing', async () => {
    const err = await rejectionOf(connector.fetchers.marriages([husband], { deadline: Date.now() - 1 }));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect((err as DepartmentUnavailableError).failure).toBe('timeout');
    expect(mock.stats.civilAffairs.requests).toBe(0);
  });

  it('carries every marriage of the built-in data set through its published shape', async () => {
    const builtin = new MockDepartments(buildBuiltinDataset().dataset);
    server.use(...civilAffairsHandlers(builtin));
    const ids = [...new Set(builtin.dataset.marriages.flatMap((m) => [m.husbandIdNumber, m.wifeIdNumber]))];
    const result = await connector.fetchers.marriages(ids);
    for (const id of ids) expect(result.get(id)).toStrictEqual(builtin.index.marriages(id));
  });

  it('refuses a request signed with the wrong secret (401)', async () => {
    const wrong = createCivilAffairsConnector(departmentHttp('civilAffairs', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.marriages([husband]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ department: 'civilAffairs', failure: 'status', httpStatus: 401 });
  });

  it('answers 400 in its own envelope for a request outside its published shape', async () => {
    const http = departmentHttp('civilAffairs');
    const err = await rejectionOf(
      http.call({ operation: 'probe', method: 'POST', path: '/marriage/batch-query', body: { zjhmList: [] }, parse: (x) => x }),
    );
    expect(err).toMatchObject({ failure: 'status', httpStatus: 400 });
  });

  it('turns a payload that breaks the published shape into failure "malformed"', async () => {
    mock.setFault('civilAffairs', { malformed: true });
    const err = await rejectionOf(connector.fetchers.marriages([husband]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect((err as DepartmentUnavailableError).failure).toBe('malformed');
  });

  it('gives up with DepartmentUnavailableError when the department is down (503), after its retries', async () => {
    mock.setFault('civilAffairs', { down: true, status: 503 });
    const err = await rejectionOf(connector.fetchers.marriages([husband]));
    expect(err).toMatchObject({ department: 'civilAffairs', failure: 'status', httpStatus: 503 });
    expect(mock.stats.civilAffairs.requests).toBe(3);
  });
});
