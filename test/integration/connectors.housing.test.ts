// The housing connector: the department's raw payloads (test/fixtures/housing/: snake_case,
// JSON nulls, ISO date-times with any offset) map to the contract field for field, each answer
// attributed by the requested cert_no; against the mock department, N people cost one call per
// endpoint and every failure leaves as DepartmentUnavailableError.
import { describe, expect, it } from 'vitest';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { createHousingConnector } from '../../connectors/housing/client';
import { signRequest } from '../../connectors/signing';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { DatasetIndex } from '../../mocks/data/index';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { LeaseFiling, PurchaseContract, SubsidizedHousingContract } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const BASE = 'http://departments.test/housing';

const buyer = makeIdNumber('370811', '1987-05-05', 11);
const spouse = makeIdNumber('370811', '1989-10-10', 22);
const child = makeIdNumber('370811', '2019-03-03', 33);
const tenant = makeIdNumber('370826', '1991-08-08', 44);
const lessor = makeIdNumber('370826', '1966-06-06', 55);
const nobody = makeIdNumber('370832', '1993-03-13', 66);

const { mock, server } = serveMockDepartments(dataset({}), (m) => departmentHandlers(m));
const connector = () => createHousingConnector(departmentHttp('housing', { policy: { retryBaseMs: 1 } }));
const everyone = [buyer, spouse, child, tenant, lessor, nobody];

describe('housing connector, on raw department payloads', () => {
  // the people of test/fixtures/housing/
  const wang = '370811198604120111';
  const li = '370811198809030224';
  const son = '370811201803080313';
  const zhou = '37082819901010006X';
  const nobody = '370812199006060076';

  it('maps every purchase-contract field and co-owner; the signing day is the day in China', async () => {
    const fixture = useFixture(server, 'housing', 'sale-contracts');
    const result = await connector().fetchers.purchaseContracts([wang, li, zhou, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    const joint: PurchaseContract = {
      contractNumber: 'WQ370811202300123',
      buyerName: '王测一',
      buyerIdNumber: wang,
      coOwnership: { mode: 'JOINT', coOwners: [{ name: '李样二', idNumber: li, share: null }] },
      // 2023-04-30T20:30:00Z is 04:30 on 1 May in Jining
      signedAt: '2023-05-01',
      agreedDeliveryDate: '2024-12-31',
      regionCode: '370811',
      location: '任城区样本大道66号演示苑9号楼1单元602室',
      plannedUsage: '住宅',
    };
    expect(result.get(wang)).toStrictEqual([joint]);
    expect(result.get(li)).toStrictEqual([
      joint,
      {
        contractNumber: 'CL370811202100045',
        buyerName: '李样二',
        buyerIdNumber: li,
        coOwnership: { mode: 'BY_SHARES', coOwners: [{ name: '样亲属', idNumber: null, share: '1/3' }] },
        signedAt: '2021-01-09',
        agreedDeliveryDate: null,
        regionCode: '370811',
        location: '任城区演示路2号',
        plannedUsage: '商业',
      },
    ] satisfies PurchaseContract[]);
    // answered under cert_no ...x for the ...X asked; the contract spells ID numbers with X
    expect(result.get(zhou)).toStrictEqual([
      {
        contractNumber: 'WQ370828202200007',
        buyerName: '周样六',
        buyerIdNumber: zhou,
        coOwnership: null,
        signedAt: null,
        agreedDeliveryDate: null,
        regionCode: '370828',
        location: null,
        plannedUsage: null,
      },
    ] satisfies PurchaseContract[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });

  it('maps every lease-filing field, nulls kept as null', async () => {
    const fixture = useFixture(server, 'housing', 'lease-filings');
    const result = await connector().fetchers.leaseFilings([zhou, wang]);
    expect(fixture.served).toEqual([1]);
    expect(result.get(zhou)).toStrictEqual([
      {
        filingNumber: 'ZLBA-370826-2024-000318',
        lessorName: '样出租',
        lessorIdNumber: '37082919600202002X',
        lesseeName: '周样六',
        lesseeIdNumber: zhou,
        regionCode: '370826',
        location: '微山县演示镇样本村18号',
        propertyCertificateNumber: '鲁(2018)微山县不动产权第0004567号',
        leaseStart: '2024-03-01',
        leaseEnd: '2026-02-28',
      },
      {
        filingNumber: 'ZLBA-370826-2022-000011',
        lessorName: null,
        lessorIdNumber: null,
        lesseeName: '周样六',
        lesseeIdNumber: zhou,
        regionCode: '370826',
        location: null,
        propertyCertificateNumber: null,
        leaseStart: null,
        leaseEnd: null,
      },
    ] satisfies LeaseFiling[]);
    expect(result.get(wang)).toStrictEqual([]);
  });

  it('maps every subsidized-housing field to each member asked', async () => {
    const fixture = useFixture(server, 'housing', 'affordable-housing');
    const result = await connector().fetchers.subsidizedHousing([li, son, zhou]);
    expect(fixture.served).toEqual([1]);
    const rental: SubsidizedHousingContract = {
      regionCode: '370811',
      address: '任城区演示公租房小区3号楼104室',
      members: [
        { relationToPrimaryApplicant: '本人', name: '李样二', idNumber: li },
        { relationToPrimaryApplicant: '子女', name: '王测小一', idNumber: son },
        { relationToPrimaryApplicant: null, name: '王测一', idNumber: wang },
      ],
      contractStatus: '履约中',
      reviewStatus: '审核通过',
      contractStart: '2022-07-01',
      subsidyType: '公租房实物配租',
      contractEnd: '2025-06-30',
      applicationCertificateNumber: 'BZF2022-0815',
    };
    expect(result.get(li)).toStrictEqual([rental]);
    expect(result.get(son)).toStrictEqual([rental]);
    expect(result.get(zhou)).toStrictEqual([
      {
        regionCode: '370826',
        address: null,
        members: [{ relationToPrimaryApplicant: '本人', name: '周样六', idNumber: zhou }],
        contractStatus: null,
        reviewStatus: null,
        contractStart: null,
        subsidyType: null,
        contractEnd: null,
        applicationCertificateNumber: null,
      },
    ] satisfies SubsidizedHousingContract[]);
  });
});

describe('housing connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'housing',
    fixture: 'lease-filings-x',
    idNumber: '37083219910404004X',
    fetch: (ids) => connector().fetchers.leaseFilings(ids),
    expected: [
      {
        filingNumber: 'ZLBA-370832-2023-000052',
        lessorName: '梁山演示置业有限公司',
        lessorIdNumber: null,
        lesseeName: '陈演四',
        lesseeIdNumber: '37083219910404004X',
        regionCode: '370832',
        location: '梁山县样本街道演示公寓2号楼',
        propertyCertificateNumber: null,
        leaseStart: '2023-09-01',
        leaseEnd: '2025-08-31',
      },
    ],
  });
});

describe('housing connector', () => {
  it('N people cost one call per endpoint', async () => {
    const c = connector();
    await Promise.all([c.fetchers.purchaseContracts(everyone), c.fetchers.leaseFilings(everyone), c.fetchers.subsidizedHousing(everyone)]);
    expect(mock.stats.housing).toEqual({ requests: 3, ids: 3 * everyone.length });
  });

  it('the mock refuses a body without cert_type with 400', async () => {
    const body = JSON.stringify({ cert_nos: [buyer] });
    const url = new URL(`${BASE}/open/v2/lease_filings/query`);
    const headers = signRequest({
      method: 'POST',
      pathWithQuery: url.pathname,
      body,
      appKey: DEV_APP_KEY,
      secret: devDepartmentSecret('housing'),
    });
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ret_code: 40001, data: null });
  });

  it('a wrong signing secret fails as DepartmentUnavailableError', async () => {
    const wrong = createHousingConnector(departmentHttp('housing', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.leaseFilings([tenant]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ department: 'housing', failure: 'status', httpStatus: 401 });
  });

  it('a malformed answer fails as DepartmentUnavailableError with failure malformed', async () => {
    mock.setFault('housing', { malformed: true });
    const err = await rejectionOf(connector().fetchers.subsidizedHousing([tenant]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'malformed' });
  });

  it('503 is retried, then fails as DepartmentUnavailableError', async () => {
    mock.setFault('housing', { down: true, status: 503 });
    const err = await rejectionOf(connector().fetchers.purchaseContracts([buyer]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 503 });
    expect(mock.stats.housing.requests).toBe(3);
  });

  it('round-trips every housing record of the built-in data set', async () => {
    const { dataset: builtin } = buildBuiltinDataset();
    const saved = mock.index;
    mock.index = new DatasetIndex(builtin);
    try {
      const ids = [...new Set(builtin.households.map((h) => h.idNumber))];
      const c = connector();
      const [pc, lf, sh] = await Promise.all([
        c.fetchers.purchaseContracts(ids),
        c.fetchers.leaseFilings(ids),
        c.fetchers.subsidizedHousing(ids),
      ]);
      for (const id of ids) {
        expect(pc.get(id)).toStrictEqual([...mock.index.purchaseContracts(id)]);
        expect(lf.get(id)).toStrictEqual([...mock.index.leaseFilings(id)]);
        expect(sh.get(id)).toStrictEqual([...mock.index.subsidizedHousing(id)]);
      }
      expect(mock.stats.housing.requests).toBe(3);
    } finally {
      mock.index = saved;
    }
  });
});
