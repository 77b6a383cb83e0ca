// 市场监管 market regulation: individual businesses by operator and enterprises by legal
// representative, one call per endpoint, each with its own date format.
import { describe, expect, it } from 'vitest';
import { createMarketRegulationConnector } from '../../connectors/marketRegulation/client';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments } from '../../mocks/departments';
import { marketRegulationHandlers } from '../../mocks/handlers/marketRegulation';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeCreditCode } from '../../src/codes/creditCode';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { EnterpriseLicense, EnterpriseLicenseRecord, IndividualBusinessLicense } from '../../src/evidence/records';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const operator = makeIdNumber('370811', '1983-05-05', 91);
const representative = makeIdNumber('370883', '1979-09-09', 82);
const nobody = makeIdNumber('370826', '1994-04-14', 73);

const shop: IndividualBusinessLicense = {
  operatorName: '王测十',
  operatorIdNumber: operator,
  creditCode: makeCreditCode({ registrationAuthority: '9', entityType: '2', regionCode: '370811', orgCode: 'MA3CYANG1' }),
  // midnight in Beijing is the previous day in UTC: the round trip proves the time zone is right
  establishedOn: '2019-03-05',
  businessAddress: '济宁市任城区演示路 8 号',
  regionCode: '370811',
};
const stall: IndividualBusinessLicense = {
  operatorName: '王测十',
  operatorIdNumber: operator,
  creditCode: makeCreditCode({ registrationAuthority: '9', entityType: '2', regionCode: '370812', orgCode: 'MA3CYANG2' }),
  establishedOn: null,
  businessAddress: null,
  regionCode: '370812',
};
const company: EnterpriseLicenseRecord = {
  enterpriseName: '济宁样例商贸有限公司',
  creditCode: makeCreditCode({ registrationAuthority: '9', entityType: '1', regionCode: '370883', orgCode: 'MA3CYANG3' }),
  licenseName: '济宁样例商贸有限公司',
  legalRepresentativeName: '李样十一',
  legalRepresentativeIdNumber: representative,
  registeredOn: '2016-12-31',
  registeredAddress: '邹城市演示大道 66 号',
  regionCode: '370883',
};
// the shop's operator also represents a company with sparse registration data
const sparse: EnterpriseLicenseRecord = {
  enterpriseName: '济宁演示科技有限公司',
  creditCode: makeCreditCode({ registrationAuthority: '9', entityType: '1', regionCode: '370811', orgCode: 'MA3CYANG4' }),
  licenseName: null,
  legalRepresentativeName: '王测十',
  legalRepresentativeIdNumber: operator,
  registeredOn: null,
  registeredAddress: null,
  regionCode: '370811',
};

const contract = ({ legalRepresentativeIdNumber: _, ...licence }: EnterpriseLicenseRecord): EnterpriseLicense => licence;

const { mock, server } = serveMockDepartments(dataset({ individualBusinesses: [shop, stall], enterprises: [company, sparse] }), (m) =>
  departmentHandlers(m),
);
const connector = createMarketRegulationConnector(departmentHttp('marketRegulation'));

describe('marketRegulation connector (POST /gsxx/gtgsh/query, POST /gsxx/qyfr/query)', () => {
  it('maps every field of individual businesses and enterprises back to the contract, one call per endpoint', async () => {
    const ids = [operator, representative, nobody, operator];
    const [businesses, enterprises] = await Promise.all([
      connector.fetchers.individualBusinesses(ids),
      connector.fetchers.enterprises(ids),
    ]);

    expect(businesses.get(operator)).toStrictEqual([shop, stall]);
    expect(businesses.get(representative)).toStrictEqual([]);
    expect(businesses.get(nobody)).toStrictEqual([]);

    expect(enterprises.get(representative)).toStrictEqual([contract(company)]);
    expect(enterprises.get(operator)).toStrictEqual([contract(sparse)]);
    expect(enterprises.get(nobody)).toStrictEqual([]);
    expect(enterprises.get(representative)![0]).not.toHaveProperty('legalRepresentativeIdNumber');

    expect(mock.stats.marketRegulation).toStrictEqual({ requests: 2, ids: 6 });
  });

  it('splits a batch past the department cap of 100', async () => {
    const many = Array.from({ length: 150 }, (_, i) => makeIdNumber('370832', '1980-01-01', i));
    const result = await connector.fetchers.enterprises(many);
    expect(result.size).toBe(150);
    expect(mock.stats.marketRegulation).toStrictEqual({ requests: 2, ids: 150 });
  });

  it('carries every licence of the built-in data set through its published shape', async () => {
    const builtin = new MockDepartments(buildBuiltinDataset().dataset);
    server.use(...marketRegulationHandlers(builtin));
    const ids = [
      ...new Set([
        ...builtin.dataset.individualBusinesses.map((b) => b.operatorIdNumber),
        ...builtin.dataset.enterprises.map((e) => e.legalRepresentativeIdNumber),
      ]),
    ];
    const [businesses, enterprises] = await Promise.all([
      connector.fetchers.individualBusinesses(ids),
      connector.fetchers.enterprises(ids),
    ]);
    for (const id of ids) {
      expect(businesses.get(id)).toStrictEqual(builtin.index.individualBusinesses(id));
      expect(enterprises.get(id)).toStrictEqual(builtin.index.enterprises(id).map(contract));
    }
  });

  it('refuses a request signed with the wrong secret (401)', async () => {
    const wrong = createMarketRegulationConnector(departmentHttp('marketRegulation', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.individualBusinesses([operator]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 401 });
  });

  it("answers 400 in its own envelope for a body that uses the other endpoint's field", async () => {
    const err = await rejectionOf(
      departmentHttp('marketRegulation').call({
        operation: 'probe',
        method: 'POST',
        path: '/gsxx/qyfr/query',
        body: { jyzsfzhList: [operator] },
        parse: (x) => x,
      }),
    );
    expect(err).toMatchObject({ failure: 'status', httpStatus: 400 });
  });

  it('turns a payload that breaks the published shape into failure "malformed", on both endpoints', async () => {
    mock.setFault('marketRegulation', { malformed: true });
    for (const fetch of [connector.fetchers.individualBusinesses, connector.fetchers.enterprises]) {
      const err = await rejectionOf(fetch([operator]));
      expect(err).toBeInstanceOf(DepartmentUnavailableError);
      expect((err as DepartmentUnavailableError).failure).toBe('malformed');
    }
  });

  it('gives up with DepartmentUnavailableError when the department is down (503)', async () => {
    mock.setFault('marketRegulation', { down: true, status: 503 });
    const err = await rejectionOf(connector.fetchers.enterprises([representative]));
    expect(err).toMatchObject({ department: 'marketRegulation', failure: 'status', httpStatus: 503 });
  });
});
