// The housing connector against the mock housing department: snake_case payloads with JSON
// nulls map back to the contract field for field, each answer is attributed by the requested
// cert_no, and N people cost one call per endpoint.
import { http, HttpResponse } from 'msw';
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
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const BASE = 'http://departments.test/housing';

const buyer = makeIdNumber('370811', '1987-05-05', 11);
const spouse = makeIdNumber('370811', '1989-10-10', 22);
const child = makeIdNumber('370811', '2019-03-03', 33);
const tenant = makeIdNumber('370826', '1991-08-08', 44);
const lessor = makeIdNumber('370826', '1966-06-06', 55);
const nobody = makeIdNumber('370832', '1993-03-13', 66);

const jointPurchase: PurchaseContract = {
  contractNumber: 'WQ370811202300123',
  buyerName: '测买方',
  buyerIdNumber: buyer,
  coOwnership: { mode: 'JOINT', coOwners: [{ name: '测配偶', idNumber: spouse, share: null }] },
  signedAt: '2023-04-18',
  agreedDeliveryDate: '2024-12-31',
  regionCode: '370811',
  location: '任城区样本大道66号演示苑9号楼1单元602室',
  plannedUsage: '住宅',
};

const sharedPurchase: PurchaseContract = {
  contractNumber: 'CL370811202100045',
  buyerName: '测配偶',
  buyerIdNumber: spouse,
  coOwnership: { mode: 'BY_SHARES', coOwners: [{ name: '样亲属', idNumber: null, share: '1/3' }] },
  signedAt: '2021-01-09',
  agreedDeliveryDate: null,
  regionCode: '370811',
  location: '任城区演示路2号',
  plannedUsage: '商业',
};

/** Every nullable field empty: the department sends null. */
const barePurchase: PurchaseContract = {
  contractNumber: 'WQ370826202200007',
  buyerName: '演示空',
  buyerIdNumber: tenant,
  coOwnership: null,
  signedAt: null,
  agreedDeliveryDate: null,
  regionCode: '370826',
  location: null,
  plannedUsage: null,
};

const lease: LeaseFiling = {
  filingNumber: 'ZLBA-370826-2024-000318',
  lessorName: '样出租',
  lessorIdNumber: lessor,
  lesseeName: '演租客',
  lesseeIdNumber: tenant,
  regionCode: '370826',
  location: '微山县演示镇样本村18号',
  propertyCertificateNumber: '鲁(2018)微山县不动产权第0004567号',
  leaseStart: '2024-03-01',
  leaseEnd: '2026-02-28',
};

const bareLease: LeaseFiling = {
  filingNumber: 'ZLBA-370826-2022-000011',
  lessorName: null,
  lessorIdNumber: null,
  lesseeName: '演租客',
  lesseeIdNumber: tenant,
  regionCode: '370826',
  location: null,
  propertyCertificateNumber: null,
  leaseStart: null,
  leaseEnd: null,
};

const subsidized: SubsidizedHousingContract = {
  regionCode: '370811',
  address: '任城区演示公租房小区3号楼104室',
  members: [
    { relationToPrimaryApplicant: '本人', name: '测配偶', idNumber: spouse },
    { relationToPrimaryApplicant: '子女', name: '测孩子', idNumber: child },
    { relationToPrimaryApplicant: null, name: '测无关系', idNumber: buyer },
  ],
  contractStatus: '履约中',
  reviewStatus: '审核通过',
  contractStart: '2022-07-01',
  subsidyType: '公租房实物配租',
  contractEnd: '2025-06-30',
  applicationCertificateNumber: 'BZF2022-0815',
};

const bareSubsidized: SubsidizedHousingContract = {
  regionCode: '370826',
  address: null,
  members: [{ relationToPrimaryApplicant: '本人', name: '演租客', idNumber: tenant }],
  contractStatus: null,
  reviewStatus: null,
  contractStart: null,
  subsidyType: null,
  contractEnd: null,
  applicationCertificateNumber: null,
};

const { mock, server } = serveMockDepartments(
  dataset({
    purchaseContracts: [jointPurchase, sharedPurchase, barePurchase],
    leaseFilings: [lease, bareLease],
    subsidizedHousing: [subsidized, bareSubsidized],
  }),
  (m) => departmentHandlers(m),
);
const connector = () => createHousingConnector(departmentHttp('housing', { policy: { retryBaseMs: 1 } }));
const everyone = [buyer, spouse, child, tenant, lessor, nobody];

describe('housing connector', () => {
  it('maps every purchase-contract field and co-owner back to the contract', async () => {
    const result = await connector().fetchers.purchaseContracts([...everyone, buyer]);
    expect(mock.stats.housing).toEqual({ requests: 1, ids: 6 });
    expect(result.get(buyer)).toStrictEqual([jointPurchase]);
    expect(result.get(spouse)).toStrictEqual([jointPurchase, sharedPurchase]);
    expect(result.get(tenant)).toStrictEqual([barePurchase]);
    for (const id of [child, lessor, nobody]) expect(result.get(id)).toEqual([]);
  });

  it('maps lease filings to the lessee only', async () => {
    const result = await connector().fetchers.leaseFilings(everyone);
    expect(result.get(tenant)).toStrictEqual([lease, bareLease]);
    for (const id of [buyer, spouse, child, lessor, nobody]) expect(result.get(id)).toEqual([]);
  });

  it('maps subsidized housing to every member', async () => {
    const result = await connector().fetchers.subsidizedHousing(everyone);
    for (const id of [buyer, spouse, child]) expect(result.get(id)).toStrictEqual([subsidized]);
    expect(result.get(tenant)).toStrictEqual([bareSubsidized]);
    expect(result.get(lessor)).toEqual([]);
  });

  it('N people cost one call per endpoint', async () => {
    const c = connector();
    await Promise.all([c.fetchers.purchaseContracts(everyone), c.fetchers.leaseFilings(everyone), c.fetchers.subsidizedHousing(everyone)]);
    expect(mock.stats.housing).toEqual({ requests: 3, ids: 3 * everyone.length });
  });

  it('takes the signing day in China time whatever offset the department writes', async () => {
    server.use(
      http.post('*/housing/open/v2/sale_contracts/query', () =>
        HttpResponse.json({
          ret_code: 0,
          ret_msg: 'ok',
          data: {
            results: [
              {
                cert_no: buyer,
                records: [
                  {
                    contract_no: 'X1',
                    buyer_name: '测买方',
                    buyer_cert_no: buyer,
                    ownership_mode: null,
                    co_owners: [],
                    sign_time: '2023-04-30T20:30:00Z',
                    delivery_date: null,
                    house_region_code: '370811',
                    house_address: null,
                    planned_use: null,
                  },
                ],
              },
            ],
          },
        }),
      ),
    );
    const result = await connector().fetchers.purchaseContracts([buyer]);
    expect(result.get(buyer)?.[0]?.signedAt).toBe('2023-05-01');
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
