// 民政 civil affairs: marriages asked in one batch call, mapped from the department's
// pinyin-initial fields to the contract's MarriageRegistration.
import { describe, expect, it } from 'vitest';
import { createCivilAffairsConnector } from '../../connectors/civilAffairs/client';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments } from '../../mocks/departments';
import { civilAffairsHandlers } from '../../mocks/handlers/civilAffairs';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { MarriageRegistration } from '../../src/evidence/records';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const husband = makeIdNumber('370811', '1986-04-12', 31);
const wife = makeIdNumber('370811', '1988-09-03', 42);
const divorcedHusband = makeIdNumber('370826', '1980-01-20', 15);
const divorcedWife = makeIdNumber('370826', '1982-11-02', 26);
const annulledWife = makeIdNumber('370883', '1990-07-07', 88);
const annulledHusband = makeIdNumber('370883', '1989-02-14', 77);
const single = makeIdNumber('370812', '1992-05-05', 13);

const married: MarriageRegistration = {
  husbandIdNumber: husband,
  husbandName: '王测一',
  wifeIdNumber: wife,
  wifeName: '李样二',
  registeredOn: '2014-05-20',
  status: 'MARRIED',
};
const divorced: MarriageRegistration = {
  husbandIdNumber: divorcedHusband,
  husbandName: '赵演三',
  wifeIdNumber: divorcedWife,
  wifeName: '钱测四',
  registeredOn: null,
  status: 'DIVORCED',
};
const annulled: MarriageRegistration = {
  husbandIdNumber: annulledHusband,
  husbandName: '孙样五',
  wifeIdNumber: annulledWife,
  wifeName: '周演六',
  registeredOn: '2011-12-31',
  status: 'ANNULLED',
};
// the divorced husband remarried: one person, two registrations
const remarried: MarriageRegistration = {
  husbandIdNumber: divorcedHusband,
  husbandName: '赵演三',
  wifeIdNumber: annulledWife,
  wifeName: '周演六',
  registeredOn: '2019-01-01',
  status: 'MARRIED',
};

const { mock, server } = serveMockDepartments(dataset({ marriages: [married, divorced, annulled, remarried] }), (m) =>
  departmentHandlers(m),
);
const connector = createCivilAffairsConnector(departmentHttp('civilAffairs'));

describe('civilAffairs connector (POST /marriage/batch-query)', () => {
  it('maps every field of every registration back to the contract, for either spouse, in one call', async () => {
    const result = await connector.fetchers.marriages([husband, wife, divorcedHusband, annulledWife, single, husband]);
    expect([...result.keys()].sort()).toStrictEqual([husband, wife, divorcedHusband, annulledWife, single].sort());
    expect(result.get(husband)).toStrictEqual([married]);
    expect(result.get(wife)).toStrictEqual([married]);
    expect(result.get(divorcedHusband)).toStrictEqual([divorced, remarried]);
    expect(result.get(annulledWife)).toStrictEqual([annulled, remarried]);
    expect(result.get(single)).toStrictEqual([]);
    expect(mock.stats.civilAffairs).toStrictEqual({ requests: 1, ids: 5 });
  });

  it('splits a batch past the department cap of 50 into chunks', async () => {
    const many = Array.from({ length: 120 }, (_, i) => makeIdNumber('370829', '1985-01-01', i));
    const result = await connector.fetchers.marriages(many);
    expect(result.size).toBe(120);
    expect(mock.stats.civilAffairs).toStrictEqual({ requests: 3, ids: 120 });
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
