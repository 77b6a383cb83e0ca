// 市场监管 market regulation: individual businesses by operator and enterprises by legal
// representative, one call per endpoint, each with its own date format. The department's raw
// payloads (test/fixtures/marketRegulation/: epoch milliseconds of Beijing midnight, 'YYYY年MM月DD日',
// '' for no value) map to the contract field for field; the mock stands in for batching and failures.
import { describe, expect, it } from 'vitest';
import { createMarketRegulationConnector } from '../../connectors/marketRegulation/client';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments } from '../../mocks/departments';
import { marketRegulationHandlers } from '../../mocks/handlers/marketRegulation';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { EnterpriseLicense, EnterpriseLicenseRecord, IndividualBusinessLicense } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const operator = makeIdNumber('370811', '1983-05-05', 91);
const representative = makeIdNumber('370883', '1979-09-09', 82);

const { mock, server } = serveMockDepartments(dataset({}), (m) => departmentHandlers(m));
const connector = createMarketRegulationConnector(departmentHttp('marketRegulation'));

/** The legal representative's ID number is how the mock finds an enterprise, not a contract field. */
const contract = ({ legalRepresentativeIdNumber: _, ...licence }: EnterpriseLicenseRecord): EnterpriseLicense => licence;

describe('marketRegulation connector, on raw department payloads', () => {
  // the people of test/fixtures/marketRegulation/
  const wang = '370811198604120111';
  const li = '370811198809030224';
  const sun = '37088319900707001X';
  const nobody = '370812199006060076';

  it('maps every individual-business field: epoch ms as the Beijing date, "" and null as null; an item naming another operator is dropped', async () => {
    const fixture = useFixture(server, 'marketRegulation', 'individual-businesses');
    const result = await connector.fetchers.individualBusinesses([wang, sun, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    expect(result.get(wang)).toStrictEqual([
      {
        operatorName: '王测一',
        operatorIdNumber: wang,
        creditCode: '92370811MA3CYANG1E',
        // 1551715200000 is 2019-03-04T16:00Z: midnight of the 5th in Beijing
        establishedOn: '2019-03-05',
        businessAddress: '济宁市任城区演示路 8 号',
        regionCode: '370811',
      },
      {
        operatorName: '王测一',
        operatorIdNumber: wang,
        creditCode: '92370812MA3CYANG20',
        establishedOn: null,
        businessAddress: null,
        regionCode: '370812',
      },
    ] satisfies IndividualBusinessLicense[]);
    // the register wrote the operator's check character x: the contract spells it X
    expect(result.get(sun)).toStrictEqual([
      {
        operatorName: '孙演七',
        operatorIdNumber: sun,
        creditCode: '92370883MA3CYANG54',
        establishedOn: '2021-11-30',
        businessAddress: '邹城市演示大道 66 号',
        regionCode: '370883',
      },
    ] satisfies IndividualBusinessLicense[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });

  it('maps every enterprise field: YYYY年MM月DD日 dates, "" as null, the legal representative\'s ID number kept out', async () => {
    const fixture = useFixture(server, 'marketRegulation', 'enterprises');
    const result = await connector.fetchers.enterprises([li, wang, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(result.get(li)).toStrictEqual([
      {
        enterpriseName: '济宁样例商贸有限公司',
        creditCode: '91370883MA3CYANG31',
        licenseName: '济宁样例商贸有限公司',
        legalRepresentativeName: '李样二',
        registeredOn: '2016-12-31',
        registeredAddress: '邹城市演示大道 66 号',
        regionCode: '370883',
      },
    ] satisfies EnterpriseLicense[]);
    expect(result.get(wang)).toStrictEqual([
      {
        enterpriseName: '济宁演示科技有限公司',
        creditCode: '91370811MA3CYANG4T',
        licenseName: null,
        legalRepresentativeName: '王测一',
        registeredOn: null,
        registeredAddress: null,
        regionCode: '370811',
      },
    ] satisfies EnterpriseLicense[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

describe('marketRegulation connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'marketRegulation',
    fixture: 'enterprises-x',
    idNumber: '37082919600202002X',
    fetch: (ids) => connector.fetchers.enterprises(ids),
    expected: [
      {
        enterpriseName: '嘉祥样本农业有限公司',
        creditCode: '91370829MA3CYANG64',
        licenseName: '嘉祥样本农业有限公司',
        legalRepresentativeName: '样出租',
        registeredOn: '2012-04-18',
        registeredAddress: '嘉祥县演示路1号',
        regionCode: '370829',
      },
    ],
  });
});

describe('marketRegulation connector (POST /gsxx/gtgsh/query, POST /gsxx/qyfr/query)', () => {
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
