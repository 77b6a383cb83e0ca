// 人社 human resources: payments asked in one paged batch call. The department's raw payloads
// (test/fixtures/humanResources/: MOHRSS indicator codes, YYYYMM periods, '' for no value) map
// to the contract field for field; against the mock department, paging and the 429 +
// Retry-After under load, which the connector waits out or gives up on.
import { http as route, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createHumanResourcesConnector, HUMAN_RESOURCES_MAX_PAGES } from '../../connectors/humanResources/client';
import type { components } from '../../connectors/humanResources/api.generated';
import { MockDepartments } from '../../mocks/departments';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { humanResourcesHandlers } from '../../mocks/handlers/humanResources';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { InsuranceType, SocialInsurancePayment } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const worker = makeIdNumber('370811', '1987-03-15', 51);
const freelancer = makeIdNumber('370828', '1990-10-10', 62);
const longServing = makeIdNumber('370881', '1975-06-30', 73);
const uninsured = makeIdNumber('370830', '1993-08-08', 84);

const TYPES: InsuranceType[] = ['PENSION', 'MEDICAL', 'UNEMPLOYMENT', 'WORK_INJURY', 'MATERNITY'];

const workerRows: SocialInsurancePayment[] = ['2024-11', '2024-12', '2025-01'].flatMap((period) =>
  TYPES.map((insuranceType) => ({
    idNumber: worker,
    name: '王测七',
    employerName: '济宁演示机械有限公司',
    period,
    insuranceType,
    regionCode: '370811',
  })),
);
// flexible employment: no employer, region unknown
const freelancerRows: SocialInsurancePayment[] = [
  { idNumber: freelancer, name: '李样八', employerName: null, period: '2025-02', insuranceType: 'PENSION', regionCode: null },
  { idNumber: freelancer, name: '李样八', employerName: null, period: '2025-02', insuranceType: 'MEDICAL', regionCode: '370828' },
];
// 120 months x 5 types = 600 rows: more than one page of 500
const longRows: SocialInsurancePayment[] = Array.from({ length: 120 }, (_, i) => {
  const y = 2015 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
}).flatMap((period) =>
  TYPES.map((insuranceType) => ({
    idNumber: longServing,
    name: '张演九',
    employerName: '济宁样例物流有限公司',
    period,
    insuranceType,
    regionCode: '370881',
  })),
);

const data = dataset({ socialInsurance: [...workerRows, ...freelancerRows, ...longRows] });
const { mock, server } = serveMockDepartments(data, (m) => departmentHandlers(m));
const connector = createHumanResourcesConnector(departmentHttp('humanResources'));

const byPeriodAndType = (a: SocialInsurancePayment, b: SocialInsurancePayment) =>
  a.period.localeCompare(b.period) || a.insuranceType.localeCompare(b.insuranceType);
const sorted = (rows: readonly SocialInsurancePayment[] | undefined) => [...(rows ?? [])].sort(byPeriodAndType);

/** A department whose rate limit is one request a second, served instead of the default one. */
function rateLimited(): MockDepartments {
  const strict = new MockDepartments(data, { humanResourcesPerSecond: 1 });
  server.use(...humanResourcesHandlers(strict));
  return strict;
}

describe('humanResources connector, on raw department payloads', () => {
  // the people of test/fixtures/humanResources/
  const employee = '370811198604120111';
  const civilServant = '370811198809030224';
  const flexible = '37082819901010006X';
  const nobody = '370812199006060076';

  it('maps every field of every row: aae140 codes folded to the contract types, YYYYMM periods, "" as null', async () => {
    const fixture = useFixture(server, 'humanResources', 'payments');
    const result = await connector.fetchers.socialInsurance([employee, civilServant, flexible, nobody]);
    expect(fixture.served).toEqual([1]);
    expect(fixture.unmatched).toEqual([]);
    const employed = (period: string, insuranceType: InsuranceType): SocialInsurancePayment => ({
      idNumber: employee,
      name: '王测一',
      employerName: '济宁演示机械有限公司',
      period,
      insuranceType,
      regionCode: '370811',
    });
    expect(result.get(employee)).toStrictEqual(
      ['2025-01', '2024-12'].flatMap((period) =>
        (['PENSION', 'UNEMPLOYMENT', 'MEDICAL', 'WORK_INJURY', 'MATERNITY'] as const).map((t) => employed(period, t)),
      ),
    );
    // 120: the civil-service pension is a pension
    expect(result.get(civilServant)).toStrictEqual([
      {
        idNumber: civilServant,
        name: '李样二',
        employerName: '济宁市演示事务服务中心',
        period: '2025-01',
        insuranceType: 'PENSION',
        regionCode: '370811',
      },
      {
        idNumber: civilServant,
        name: '李样二',
        employerName: '济宁市演示事务服务中心',
        period: '2025-01',
        insuranceType: 'MEDICAL',
        regionCode: '370811',
      },
    ] satisfies SocialInsurancePayment[]);
    // 170 and 390: the residents' schemes; no employer, one row with no region
    expect(result.get(flexible)).toStrictEqual([
      { idNumber: flexible, name: '周样六', employerName: null, period: '2025-02', insuranceType: 'PENSION', regionCode: null },
      { idNumber: flexible, name: '周样六', employerName: null, period: '2025-02', insuranceType: 'MEDICAL', regionCode: '370828' },
    ] satisfies SocialInsurancePayment[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

type PaymentQueryResponse = components['schemas']['PaymentQueryResponse'];

/**
 * A department that pages as `page(n)` says, each answer within its published shape: for
 * histories whose pages do not add up, which no consistent data set makes the mock produce.
 */
function pagedDepartment(page: (n: number) => { total: number; pageSize: number; rows: number }) {
  const asked: number[] = [];
  server.use(
    route.post('*/humanResources/si/v2/payments', async ({ request }) => {
      const { aac002List, pageNum } = (await request.json()) as { aac002List: string[]; pageNum: number };
      asked.push(pageNum);
      const { total, pageSize, rows } = page(pageNum);
      const list = Array.from({ length: rows }, (_, i) => ({
        aac002: aac002List[0]!,
        aac003: '张演九',
        aab004: '济宁样例物流有限公司',
        aae002: `${2000 + Math.floor(((pageNum - 1) * pageSize + i) / 12)}${String((((pageNum - 1) * pageSize + i) % 12) + 1).padStart(2, '0')}`,
        aae140: '110' as const,
        aab301: '370881',
      }));
      return HttpResponse.json({ code: '0', msg: '成功', data: { total, pageNum, pageSize, list } } satisfies PaymentQueryResponse);
    }),
  );
  return asked;
}

describe('humanResources connector: a history in pages', () => {
  const sun = '37082619800120007X';

  it('follows the pages one after another, at the page size the department answers with', async () => {
    const fixture = useFixture(server, 'humanResources', 'payments-paged');
    const result = await connector.fetchers.socialInsurance([sun]);
    expect(fixture.unmatched).toEqual([]);
    expect(fixture.served).toEqual([1, 1, 1]);
    const paid = (period: string, insuranceType: InsuranceType): SocialInsurancePayment => ({
      idNumber: sun,
      name: '孙样五',
      employerName: '微山演示渔业合作社',
      period,
      insuranceType,
      regionCode: '370826',
    });
    expect(result.get(sun)).toStrictEqual([
      paid('2025-03', 'PENSION'),
      paid('2025-03', 'MEDICAL'),
      paid('2025-02', 'PENSION'),
      paid('2025-02', 'MEDICAL'),
      paid('2025-01', 'PENSION'),
    ]);
  });

  it('refuses a history whose last page comes back empty: DEPARTMENT_UNAVAILABLE (incomplete), not 500 of 1000 rows', async () => {
    const asked = pagedDepartment((n) => ({ total: 1000, pageSize: 500, rows: n === 1 ? 500 : 0 }));
    const err = await rejectionOf(connector.fetchers.socialInsurance([longServing]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'humanResources', failure: 'incomplete' });
    expect(asked).toEqual([1, 2]);
  });

  it(`refuses a history longer than ${HUMAN_RESOURCES_MAX_PAGES} pages after its first page, rather than returning the first ${HUMAN_RESOURCES_MAX_PAGES}`, async () => {
    const asked = pagedDepartment(() => ({ total: HUMAN_RESOURCES_MAX_PAGES + 1, pageSize: 1, rows: 1 }));
    const err = await rejectionOf(connector.fetchers.socialInsurance([longServing]));
    expect(err).toMatchObject({ department: 'humanResources', failure: 'incomplete' });
    expect(asked).toEqual([1]);
  });

  it('refuses a history whose total moved while its pages were read', async () => {
    // a month was booked between the two reads: page 2 no longer starts where page 1 ended
    const asked = pagedDepartment((n) => ({ total: n === 1 ? 4 : 5, pageSize: 2, rows: 2 }));
    const err = await rejectionOf(connector.fetchers.socialInsurance([longServing]));
    expect(err).toMatchObject({ department: 'humanResources', failure: 'incomplete' });
    expect(asked).toEqual([1, 2]);
  });
});

describe('humanResources connector: ID numbers ending in X', () => {
  const chen = '37083219910404004X';
  itAnswersEitherSpellingOfX({
    server,
    department: 'humanResources',
    fixture: 'payments-x',
    idNumber: chen,
    fetch: (ids) => connector.fetchers.socialInsurance(ids),
    expected: (['PENSION', 'MEDICAL'] as const).map((insuranceType) => ({
      idNumber: chen,
      name: '陈演四',
      employerName: '梁山演示纺织有限公司',
      period: '2025-03',
      insuranceType,
      regionCode: '370832',
    })),
  });
});

describe('humanResources connector (POST /si/v2/payments)', () => {
  it('maps every field of every payment back to the contract, nulls included, in one call', async () => {
    const result = await connector.fetchers.socialInsurance([worker, freelancer, uninsured, worker]);
    expect([...result.keys()].sort()).toStrictEqual([worker, freelancer, uninsured].sort());
    expect(sorted(result.get(worker))).toStrictEqual(sorted(workerRows));
    expect(sorted(result.get(freelancer))).toStrictEqual(sorted(freelancerRows));
    expect(result.get(uninsured)).toStrictEqual([]);
    expect(mock.stats.humanResources).toStrictEqual({ requests: 1, ids: 3 });
  });

  it('follows the pages until data.total is read', async () => {
    const result = await connector.fetchers.socialInsurance([longServing, worker]);
    expect(sorted(result.get(longServing))).toStrictEqual(sorted(longRows));
    expect(sorted(result.get(worker))).toStrictEqual(sorted(workerRows));
    expect(mock.stats.humanResources.requests).toBe(2);
  });

  it('waits out a 429 Retry-After and succeeds on the retry', async () => {
    const strict = rateLimited();
    await connector.fetchers.socialInsurance([worker]);
    const started = Date.now();
    const result = await connector.fetchers.socialInsurance([freelancer]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sorted(result.get(freelancer))).toStrictEqual(sorted(freelancerRows));
    expect(strict.stats.humanResources.requests).toBe(3); // ok, 429, ok
  });

  it('gives up with failure "rate_limited" when Retry-After is longer than it will wait', async () => {
    const strict = rateLimited();
    const impatient = createHumanResourcesConnector(departmentHttp('humanResources', { policy: { maxRetryAfterMs: 500 } }));
    await impatient.fetchers.socialInsurance([worker]);
    const err = await rejectionOf(impatient.fetchers.socialInsurance([freelancer]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ department: 'humanResources', failure: 'rate_limited', httpStatus: 429 });
    expect(strict.stats.humanResources.requests).toBe(2);
  });

  it('gives up with failure "rate_limited" when its retries run out', async () => {
    const strict = rateLimited();
    const noRetries = createHumanResourcesConnector(departmentHttp('humanResources', { policy: { retries: 0 } }));
    await noRetries.fetchers.socialInsurance([worker]);
    const err = await rejectionOf(noRetries.fetchers.socialInsurance([freelancer]));
    expect(err).toMatchObject({ failure: 'rate_limited', httpStatus: 429 });
    expect(strict.stats.humanResources.requests).toBe(2);
  });

  it('carries every payment of the built-in data set through its published shape', async () => {
    const builtin = new MockDepartments(buildBuiltinDataset().dataset);
    server.use(...humanResourcesHandlers(builtin));
    const ids = [...new Set(builtin.dataset.socialInsurance.map((p) => p.idNumber))];
    const result = await connector.fetchers.socialInsurance(ids);
    for (const id of ids) expect(sorted(result.get(id))).toStrictEqual(sorted(builtin.index.socialInsurance(id)));
  });

  it('refuses a request signed with the wrong secret (401)', async () => {
    const wrong = createHumanResourcesConnector(departmentHttp('humanResources', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.socialInsurance([worker]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 401 });
  });

  it('answers 400 in its own envelope for a page size past its maximum', async () => {
    const err = await rejectionOf(
      departmentHttp('humanResources').call({
        operation: 'probe',
        method: 'POST',
        path: '/si/v2/payments',
        body: { aac002List: [worker], pageSize: 1000 },
        parse: (x) => x,
      }),
    );
    expect(err).toMatchObject({ failure: 'status', httpStatus: 400 });
  });

  it('turns a payload that breaks the published shape into failure "malformed"', async () => {
    mock.setFault('humanResources', { malformed: true });
    const err = await rejectionOf(connector.fetchers.socialInsurance([worker]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect((err as DepartmentUnavailableError).failure).toBe('malformed');
  });

  it('gives up with DepartmentUnavailableError when the department is down (503)', async () => {
    mock.setFault('humanResources', { down: true, status: 503 });
    const err = await rejectionOf(connector.fetchers.socialInsurance([worker]));
    expect(err).toMatchObject({ department: 'humanResources', failure: 'status', httpStatus: 503 });
    expect(mock.stats.humanResources.requests).toBe(3);
  });
});
