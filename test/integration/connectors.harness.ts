// Shared by the connectors.<department>.test.ts files: a data set in the contract's names, the
// mock departments served in process by msw, and a DepartmentHttp signed like the gateway's.
import type { HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { DEFAULT_POLICY, DepartmentHttp, type DepartmentPolicy } from '../../connectors/http';
import { MockDepartments, type MockOptions } from '../../mocks/departments';
import type { Department } from '../../src/evidence/kinds';
import type { Dataset } from '../../src/evidence/records';
import { emptyDataset } from '../../mocks/data/index';

export function dataset(patch: Partial<Dataset>): Dataset {
  return {
    ...emptyDataset(),
    ...patch,
  };
}

export function departmentHttp(department: Department, opts: { secret?: string; policy?: Partial<DepartmentPolicy> } = {}): DepartmentHttp {
  return new DepartmentHttp({
    department,
    baseUrl: `http://departments.test/${department}`,
    appKey: DEV_APP_KEY,
    secret: opts.secret ?? devDepartmentSecret(department),
    policy: { ...DEFAULT_POLICY, ...opts.policy },
  });
}

/** Serves `handlers(mock)` for the file's tests; stats and faults are cleared after each test. */
export function serveMockDepartments(
  data: Dataset,
  handlers: (mock: MockDepartments) => HttpHandler[],
  options: MockOptions = {},
): { mock: MockDepartments; server: SetupServer } {
  const mock = new MockDepartments(data, options);
  const server = setupServer(...handlers(mock));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return { mock, server };
}

/** Awaits a rejection and returns it, so a test can look at its failure and status. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}
