// 公安 (Public Security): households (户籍) and residence permits (居住证), each a batch
// endpoint capped at 20 ID numbers per call. A batch is split into chunks of 20 that are
// asked in parallel (DepartmentHttp's concurrency cap still bounds them).
import type { HouseholdRegistration, ResidencePermit } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { toHouseholdRegistration, toResidencePermit } from './mapping';

type Schemas = components['schemas'];

/** The police API refuses more than this many ID numbers per call (400). */
export const POLICE_BATCH_CAP = 20;

const api = loadOpenApi(import.meta.url);
const validateHjxx = api.validator<Schemas['HjxxBatchResponse']>('HjxxBatchResponse');
const validateJzz = api.validator<Schemas['JzzBatchResponse']>('JzzBatchResponse');

/** The envelope can carry a business failure under HTTP 200; that is no answer either. */
function records<T>(envelope: { code: string; data: { records: T[] } }): T[] {
  if (envelope.code !== '0000') throw new Error('police answered with a business error code');
  return envelope.data.records;
}

export function createPoliceConnector(http: DepartmentHttp): DepartmentConnector<'household' | 'residencePermits'> {
  /** Both endpoints take `sfzhList` and answer a flat list of records, each naming its person in `gmsfhm`. */
  function endpoint<T extends { gmsfhm: string }, R>(operation: string, path: string, parse: (json: unknown) => T[], map: (r: T) => R) {
    return batchFetch<T[], T, R>({
      department: 'police',
      cap: POLICE_BATCH_CAP,
      ask: (sfzhList, _page, opts) =>
        http.call({ operation, method: 'POST', path, body: { sfzhList } satisfies Schemas['SfzhBatchRequest'], parse }, opts),
      rows: (answer) => answer,
      subjects: (record) => [record.gmsfhm],
      map,
    });
  }
  const households = endpoint('hjxx.batch', '/v1/hjxx/batch', (json) => records(validateHjxx(json)), toHouseholdRegistration);

  return {
    department: 'police',
    fetchers: {
      async household(idNumbers, opts): Promise<Map<string, HouseholdRegistration[]>> {
        const result = await households(idNumbers, opts);
        // one registration per person: should the register ever answer twice, the first stands
        for (const [id, list] of result) if (list.length > 1) result.set(id, list.slice(0, 1));
        return result;
      },
      residencePermits: endpoint<Schemas['JzzRecord'], ResidencePermit>(
        'jzz.batch',
        '/v1/jzz/batch',
        (json) => records(validateJzz(json)),
        toResidencePermit,
      ),
    },
  };
}
