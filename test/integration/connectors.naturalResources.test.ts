// The natural-resources connector: the register's raw payloads (test/fixtures/naturalResources/:
// pinyin fields, 'YYYY-MM-DD HH:mm:ss' times, absent keys for no value) map to the contract field
// for field, co-owners included, and a joint title reaches both spouses; against the mock
// register, results past 50 come in parallel pages.
import { http as route, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { createNaturalResourcesConnector, PROPERTY_MAX_PAGES, PROPERTY_PAGE_SIZE } from '../../connectors/naturalResources/client';
import type { components } from '../../connectors/naturalResources/api.generated';
import { signRequest } from '../../connectors/signing';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { DatasetIndex } from '../../mocks/data/index';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { PropertyCertificate } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const BASE = 'http://departments.test/naturalResources';

const husband = makeIdNumber('370811', '1986-04-12', 11);
const wife = makeIdNumber('370811', '1988-09-30', 22);
const investor = makeIdNumber('370883', '1975-01-20', 33);
const partner = makeIdNumber('370812', '1979-07-07', 44);
const landlord = makeIdNumber('370829', '1960-02-02', 55);

const cert = (n: number) => `鲁(2021)济宁市不动产权第${String(n).padStart(7, '0')}号`;

const joint: PropertyCertificate = {
  holderName: '测丈夫',
  holderIdNumber: husband,
  certificateNumber: cert(1),
  rightType: '国有建设用地使用权/房屋所有权',
  rightNature: '出让/市场化商品房',
  registeredOn: '2021-06-18',
  regionCode: '370811',
  location: '任城区样本路88号演示小区5号楼2单元301室',
  usage: '住宅',
  status: '抵押',
  coOwnership: { mode: 'JOINT', coOwners: [{ name: '测妻子', idNumber: wife, share: null }] },
};

const byShares: PropertyCertificate = {
  holderName: '样投资',
  holderIdNumber: investor,
  certificateNumber: cert(2),
  rightType: '国有建设用地使用权/房屋所有权',
  rightNature: '出让/存量房',
  registeredOn: '2019-11-02',
  regionCode: '370883',
  location: '邹城市演示街12号',
  usage: '商业',
  status: '正常',
  coOwnership: {
    mode: 'BY_SHARES',
    coOwners: [
      { name: '样合伙', idNumber: partner, share: '40%' },
      { name: '样无证', idNumber: null, share: '1/10' },
    ],
  },
};

const sole: PropertyCertificate = {
  holderName: '测妻子',
  holderIdNumber: wife,
  certificateNumber: cert(3),
  rightType: '房屋所有权',
  rightNature: null,
  registeredOn: '2015-03-09',
  regionCode: '370812',
  location: '兖州区演示巷3号',
  usage: '住宅',
  status: '正常',
  coOwnership: { mode: 'SOLE', coOwners: [] },
};

/** Everything the register may leave out: absent keys there, null here. */
const bare: PropertyCertificate = {
  holderName: '演示空',
  holderIdNumber: partner,
  certificateNumber: cert(4),
  rightType: null,
  rightNature: null,
  registeredOn: null,
  regionCode: '370812',
  location: null,
  usage: null,
  status: null,
  coOwnership: null,
};

/** 120 titles: 3 pages of 50, 50 and 20. */
const portfolio: PropertyCertificate[] = Array.from({ length: 120 }, (_, i) => ({
  ...sole,
  holderName: '演房东',
  holderIdNumber: landlord,
  certificateNumber: cert(1000 + i),
  location: `嘉祥县样本路${i + 1}号`,
  regionCode: '370829',
}));

const { mock, server } = serveMockDepartments(dataset({ properties: [joint, byShares, sole, bare, ...portfolio] }), (m) =>
  departmentHandlers(m),
);
const connector = () => createNaturalResourcesConnector(departmentHttp('naturalResources', { policy: { retryBaseMs: 1 } }));

describe('naturalResources connector, on raw department payloads', () => {
  // the people of test/fixtures/naturalResources/
  const wang = '370811198604120111';
  const li = '370811198809030224';
  const sun = '37088319900707001X';
  const nobody = '370812199006060076';

  it('maps every title field and co-owner; a joint title listed once reaches both spouses; absent keys are null', async () => {
    const fixture = useFixture(server, 'naturalResources', 'titles');
    const result = await connector().fetchers.properties([wang, li, sun, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    const jointTitle: PropertyCertificate = {
      holderName: '王测一',
      holderIdNumber: wang,
      certificateNumber: '鲁(2021)济宁市不动产权第0012345号',
      rightType: '国有建设用地使用权/房屋所有权',
      rightNature: '出让/市场化商品房',
      registeredOn: '2021-06-18',
      regionCode: '370811',
      location: '任城区样本路88号演示小区5号楼2单元301室',
      usage: '住宅',
      status: '抵押',
      coOwnership: { mode: 'JOINT', coOwners: [{ name: '李样二', idNumber: li, share: null }] },
    };
    expect(result.get(wang)).toStrictEqual([jointTitle]);
    expect(result.get(li)).toStrictEqual([
      jointTitle,
      {
        holderName: '李样二',
        holderIdNumber: li,
        certificateNumber: '鲁(2019)济宁市不动产权第0007788号',
        rightType: null,
        rightNature: null,
        registeredOn: null,
        regionCode: '370811',
        location: null,
        usage: null,
        status: null,
        coOwnership: null,
      },
    ] satisfies PropertyCertificate[]);
    // registered a second before midnight: the date is the register's, not shifted by any zone;
    // matched as ...x for the ...X asked, and every ID number spelled with X in the contract
    expect(result.get(sun)).toStrictEqual([
      {
        holderName: '孙演七',
        holderIdNumber: sun,
        certificateNumber: '鲁(2015)邹城市不动产权第0000456号',
        rightType: '国有建设用地使用权/房屋所有权',
        rightNature: '出让/存量房',
        registeredOn: '2015-03-09',
        regionCode: '370883',
        location: '邹城市演示大道66号',
        usage: '商业',
        status: '正常',
        coOwnership: {
          mode: 'BY_SHARES',
          coOwners: [
            { name: '样亲属', idNumber: null, share: '1/3' },
            { name: '赵演三', idNumber: '37081119850202003X', share: '1/3' },
          ],
        },
      },
    ] satisfies PropertyCertificate[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

/**
 * A register that pages as `page(n)` says, each answer within its published shape: for pages
 * that do not add up, which no consistent data set makes the mock produce.
 */
function pagedRegister(page: (n: number) => { total: number; pageSize: number; titles: number[] }) {
  const asked: number[] = [];
  server.use(
    route.post('*/naturalResources/api/bdc/query', async ({ request }) => {
      const { idNumbers, pageNo } = (await request.json()) as { idNumbers: string[]; pageNo: number };
      asked.push(pageNo);
      const { total, pageSize, titles } = page(pageNo);
      const list = titles.map((n) => ({
        bdcqzh: cert(n),
        qlrmc: '演房东',
        qlrzjh: idNumbers[0]!,
        zlqh: '370829',
        matchedIdNumbers: [idNumbers[0]!],
      }));
      return HttpResponse.json({ total, pageNo, pageSize, list } satisfies components['schemas']['BdcQueryPage']);
    }),
  );
  return asked;
}

describe('naturalResources connector: titles in pages', () => {
  const lessor = '37082919600202002X';

  it('asks the pages after the first at the page size the register answers with', async () => {
    const fixture = useFixture(server, 'naturalResources', 'titles-paged');
    const result = await connector().fetchers.properties([lessor]);
    expect(fixture.unmatched).toEqual([]);
    expect(fixture.served).toEqual([1, 1]);
    expect(result.get(lessor)!.map((t) => [t.certificateNumber, t.registeredOn, t.status])).toStrictEqual([
      ['鲁(2018)嘉祥县不动产权第0000101号', '2018-01-05', '正常'],
      ['鲁(2018)嘉祥县不动产权第0000102号', '2018-01-05', '查封'],
      ['鲁(2019)嘉祥县不动产权第0000203号', '2019-07-01', '注销'],
    ]);
  });

  it('refuses pages that hold fewer titles than the register announced: DEPARTMENT_UNAVAILABLE (incomplete)', async () => {
    const asked = pagedRegister((n) => ({ total: 3, pageSize: 2, titles: n === 1 ? [1, 2] : [] }));
    const err = await rejectionOf(connector().fetchers.properties([landlord]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'naturalResources', failure: 'incomplete' });
    expect(asked).toEqual([1, 2]);
  });

  it('refuses pages read across a change: a title removed in between moves another onto a page already read', async () => {
    // page 1 saw titles 1 and 2 of 4; title 1 was then cancelled, so page 2 of the 3 left holds only title 4
    const asked = pagedRegister((n) => (n === 1 ? { total: 4, pageSize: 2, titles: [1, 2] } : { total: 3, pageSize: 2, titles: [4] }));
    const err = await rejectionOf(connector().fetchers.properties([landlord]));
    expect(err).toMatchObject({ department: 'naturalResources', failure: 'incomplete' });
    expect(asked.sort()).toEqual([1, 2]);
  });

  it('refuses pages that list one title twice, so that another is missing', async () => {
    const asked = pagedRegister((n) => ({ total: 3, pageSize: 2, titles: n === 1 ? [1, 2] : [2] }));
    const err = await rejectionOf(connector().fetchers.properties([landlord]));
    expect(err).toMatchObject({ department: 'naturalResources', failure: 'incomplete' });
    expect(asked.sort()).toEqual([1, 2]);
  });

  it(`refuses a total past ${PROPERTY_MAX_PAGES} pages after the first, rather than asking for them`, async () => {
    const asked = pagedRegister(() => ({ total: PROPERTY_MAX_PAGES * PROPERTY_PAGE_SIZE + 1, pageSize: PROPERTY_PAGE_SIZE, titles: [1] }));
    const err = await rejectionOf(connector().fetchers.properties([landlord]));
    expect(err).toMatchObject({ department: 'naturalResources', failure: 'incomplete' });
    expect(asked).toEqual([1]);
  });
});

describe('naturalResources connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'naturalResources',
    fixture: 'titles-x',
    idNumber: '37082919600202002X',
    fetch: (ids) => connector().fetchers.properties(ids),
    expected: [
      {
        holderName: '样出租',
        holderIdNumber: '37082919600202002X',
        certificateNumber: '鲁(2018)微山县不动产权第0004567号',
        rightType: '宅基地使用权/房屋所有权',
        rightNature: null,
        registeredOn: '2018-11-02',
        regionCode: '370826',
        location: '微山县演示镇样本村18号',
        usage: '住宅',
        status: '正常',
        coOwnership: { mode: 'SOLE', coOwners: [] },
      },
    ],
  });
});

describe('naturalResources connector', () => {
  it('fetches 120 titles as page 1, then pages 2 and 3 in parallel', async () => {
    const result = await connector().fetchers.properties([landlord, wife]);
    expect(mock.stats.naturalResources).toEqual({ requests: 3, ids: 6 });
    expect(result.get(landlord)).toStrictEqual(portfolio);
    expect(result.get(wife)).toStrictEqual([joint, sole]);
  });

  it('the mock refuses a page larger than 50 with 400', async () => {
    const body = JSON.stringify({ idNumbers: [landlord], pageNo: 1, pageSize: 51 });
    const url = new URL(`${BASE}/api/bdc/query`);
    const headers = signRequest({
      method: 'POST',
      pathWithQuery: url.pathname,
      body,
      appKey: DEV_APP_KEY,
      secret: devDepartmentSecret('naturalResources'),
    });
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, errCode: 'PARAM_INVALID' });
  });

  it('a wrong signing secret fails as DepartmentUnavailableError', async () => {
    const wrong = createNaturalResourcesConnector(departmentHttp('naturalResources', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.properties([husband]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ department: 'naturalResources', failure: 'status', httpStatus: 401 });
  });

  it('a malformed page fails as DepartmentUnavailableError with failure malformed', async () => {
    mock.setFault('naturalResources', { malformed: true });
    const err = await rejectionOf(connector().fetchers.properties([husband]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'malformed' });
  });

  it('503 is retried, then fails as DepartmentUnavailableError', async () => {
    mock.setFault('naturalResources', { down: true, status: 503 });
    const err = await rejectionOf(connector().fetchers.properties([husband]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 503 });
    expect(mock.stats.naturalResources.requests).toBe(3);
  });

  it('round-trips every title of the built-in data set', async () => {
    const { dataset: builtin } = buildBuiltinDataset();
    const saved = mock.index;
    mock.index = new DatasetIndex(builtin);
    try {
      const ids = [
        ...new Set(builtin.properties.flatMap((p) => [p.holderIdNumber, ...(p.coOwnership?.coOwners.map((o) => o.idNumber) ?? [])])),
      ].filter((id): id is string => id !== null);
      const result = await connector().fetchers.properties(ids);
      for (const id of ids) expect(result.get(id)).toStrictEqual([...mock.index.properties(id)]);
    } finally {
      mock.index = saved;
    }
  });
});
