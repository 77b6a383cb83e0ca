// 卫健 health: no batch endpoint, so one GET per parent's ID number, in parallel; a certificate
// naming the same person as father and as mother comes back once. The department's raw payloads
// (test/fixtures/health/: YYYYMMDD dates, JSON null for a missing parent) map to the contract
// field for field; the mock department stands in for failures.
import { describe, expect, it } from 'vitest';
import { createHealthConnector } from '../../connectors/health/client';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { MockDepartments } from '../../mocks/departments';
import { healthHandlers } from '../../mocks/handlers/health';
import { departmentHandlers } from '../../mocks/handlers/index';
import { makeIdNumber } from '../../src/codes/idNumber';
import { DepartmentUnavailableError } from '../../src/errors';
import type { BirthCertificate } from '../../src/evidence/records';
import { itAnswersEitherSpellingOfX, useFixture } from './connectors.fixtures';
import { dataset, departmentHttp, rejectionOf, serveMockDepartments } from './connectors.harness';

const father = makeIdNumber('370811', '1985-02-02', 11);
const mother = makeIdNumber('370811', '1987-12-12', 22);
const singleMother = makeIdNumber('370832', '1991-04-04', 44);
// a data-entry slip at the hospital: the same ID number in both parents' boxes
const sameInBoth = makeIdNumber('370827', '1984-06-06', 55);

const firstChild: BirthCertificate = {
  certificateNumber: 'Q370123456',
  childName: '王测小一',
  birthDate: '2019-03-08',
  fatherName: '王测一',
  fatherIdNumber: father,
  motherName: '李样二',
  motherIdNumber: mother,
};
const secondChild: BirthCertificate = { ...firstChild, certificateNumber: 'R370234567', childName: '王测小二', birthDate: '2021-11-30' };
const fatherUnknown: BirthCertificate = {
  certificateNumber: 'S370345678',
  childName: '陈演小三',
  birthDate: '2018-08-31',
  fatherName: null,
  fatherIdNumber: null,
  motherName: '陈演四',
  motherIdNumber: singleMother,
};
const slip: BirthCertificate = {
  certificateNumber: 'T370456789',
  childName: '刘样小五',
  birthDate: '2020-01-01',
  fatherName: '刘样五',
  fatherIdNumber: sameInBoth,
  motherName: '刘样五',
  motherIdNumber: sameInBoth,
};

const { mock, server } = serveMockDepartments(dataset({ birthCertificates: [firstChild, secondChild, fatherUnknown, slip] }), (m) =>
  departmentHandlers(m),
);
const connector = createHealthConnector(departmentHttp('health'));

describe('health connector, on raw department payloads', () => {
  // the people of test/fixtures/health/
  const wang = '370811198604120111';
  const li = '370811198809030224';
  const chen = '37083219910404004X';
  const sun = '37082619800120007X';
  const nobody = '370812199006060076';

  it('maps every certificate field, one call per parent; a certificate matched as father and as mother comes once', async () => {
    const fixture = useFixture(server, 'health', 'birth-certificates');
    const result = await connector.fetchers.birthCertificates([wang, li, chen, sun, nobody]);
    expect(fixture.served).toEqual([1, 1, 1, 1, 1]);
    expect(fixture.unmatched).toEqual([]);
    const first: BirthCertificate = {
      certificateNumber: 'Q370123456',
      childName: '王测小一',
      birthDate: '2018-03-08',
      fatherName: '王测一',
      fatherIdNumber: wang,
      motherName: '李样二',
      motherIdNumber: li,
    };
    const second: BirthCertificate = { ...first, certificateNumber: 'R370234567', childName: '王测小二', birthDate: '2021-11-30' };
    expect(result.get(wang)).toStrictEqual([first, second]);
    expect(result.get(li)).toStrictEqual([first, second]);
    // the certificate writes the mother's check character x: the contract spells it X
    expect(result.get(chen)).toStrictEqual([
      {
        certificateNumber: 'S370345678',
        childName: '陈演小三',
        birthDate: '2018-08-31',
        fatherName: null,
        fatherIdNumber: null,
        motherName: '陈演四',
        motherIdNumber: chen,
      },
    ] satisfies BirthCertificate[]);
    expect(result.get(sun)).toStrictEqual([
      {
        certificateNumber: 'T370456789',
        childName: '孙样小五',
        birthDate: '2020-01-01',
        fatherName: '孙样五',
        fatherIdNumber: sun,
        motherName: '孙样五',
        motherIdNumber: sun,
      },
    ] satisfies BirthCertificate[]);
    expect(result.get(nobody)).toStrictEqual([]);
  });
});

describe('health connector: ID numbers ending in X', () => {
  itAnswersEitherSpellingOfX({
    server,
    department: 'health',
    fixture: 'birth-certificates',
    idNumber: '37083219910404004X',
    fetch: (ids) => connector.fetchers.birthCertificates(ids),
    expected: [
      {
        certificateNumber: 'S370345678',
        childName: '陈演小三',
        birthDate: '2018-08-31',
        fatherName: null,
        fatherIdNumber: null,
        motherName: '陈演四',
        motherIdNumber: '37083219910404004X',
      },
    ],
  });
});

describe('health connector (GET /birth-certificates?parentIdNumber=)', () => {
  it('keeps within the concurrency cap and still asks once per ID number', async () => {
    const serial = createHealthConnector(departmentHttp('health', { policy: { concurrency: 1 } }));
    const result = await serial.fetchers.birthCertificates([father, mother, singleMother]);
    expect(result.get(singleMother)).toStrictEqual([fatherUnknown]);
    expect(mock.stats.health.requests).toBe(3);
  });

  it('carries every certificate of the built-in data set through its published shape', async () => {
    const builtin = new MockDepartments(buildBuiltinDataset().dataset);
    server.use(...healthHandlers(builtin));
    const ids = [...new Set(builtin.dataset.birthCertificates.flatMap((c) => [c.fatherIdNumber, c.motherIdNumber]))].filter(
      (x): x is string => x !== null,
    );
    const result = await connector.fetchers.birthCertificates(ids);
    for (const id of ids) expect(result.get(id)).toStrictEqual(builtin.index.birthCertificates(id));
  });

  it('refuses a request signed with the wrong secret (401)', async () => {
    const wrong = createHealthConnector(departmentHttp('health', { secret: 'not-the-secret' }));
    const err = await rejectionOf(wrong.fetchers.birthCertificates([father]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect(err).toMatchObject({ failure: 'status', httpStatus: 401 });
  });

  it('answers 400 in its own envelope when parentIdNumber is not an ID number', async () => {
    const err = await rejectionOf(
      departmentHttp('health').call({
        operation: 'probe',
        method: 'GET',
        path: '/birth-certificates',
        query: { parentIdNumber: 'abc' },
        parse: (x) => x,
      }),
    );
    expect(err).toMatchObject({ failure: 'status', httpStatus: 400 });
  });

  it('turns a payload that breaks the published shape into failure "malformed"', async () => {
    mock.setFault('health', { malformed: true });
    const err = await rejectionOf(connector.fetchers.birthCertificates([father, mother]));
    expect(err).toBeInstanceOf(DepartmentUnavailableError);
    expect((err as DepartmentUnavailableError).failure).toBe('malformed');
  });

  it('gives up with DepartmentUnavailableError when the department is down (503)', async () => {
    mock.setFault('health', { down: true, status: 503 });
    const err = await rejectionOf(connector.fetchers.birthCertificates([father]));
    expect(err).toMatchObject({ department: 'health', failure: 'status', httpStatus: 503 });
  });
});
