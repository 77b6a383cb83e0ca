// 公安 (Public Security): households (户籍) and residence permits (居住证), each a batch
// endpoint capped at 20 ID numbers per call. A batch is split into chunks of 20 that are
// asked in parallel (DepartmentHttp's concurrency cap still bounds them).
import type { HouseholdRegistration, ResidencePermit } from '../../src/evidence/records';
import type { CallOptions, DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { chunk, emptyResult, type DepartmentConnector } from '../types';
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

/** Police records spell a trailing check character X in upper case; callers may not. */
const key = (id: string) => id.toUpperCase();

export function createPoliceConnector(http: DepartmentHttp): DepartmentConnector<'household' | 'residencePermits'> {
  async function batch<T extends { gmsfhm: string }, R>(
    idNumbers: readonly string[],
    opts: CallOptions | undefined,
    endpoint: { operation: string; path: string; parse: (json: unknown) => T[]; map: (r: T) => R },
  ): Promise<Map<string, R[]>> {
    const unique = [...new Set(idNumbers)];
    const result = emptyResult<R>(unique);
    if (unique.length === 0) return result;
    const requested = new Map(unique.map((id) => [key(id), id]));
    const answers = await Promise.all(
      chunk(unique, POLICE_BATCH_CAP).map((sfzhList) =>
        http.call(
          {
            operation: endpoint.operation,
            method: 'POST',
            path: endpoint.path,
            body: { sfzhList } satisfies Schemas['SfzhBatchRequest'],
            parse: endpoint.parse,
          },
          opts,
        ),
      ),
    );
    for (const record of answers.flat()) {
      // a record for an ID nobody asked about is never attributed to anyone
      const id = requested.get(key(record.gmsfhm));
      if (id !== undefined) result.get(id)!.push(endpoint.map(record));
    }
    return result;
  }

  return {
    department: 'police',
    fetchers: {
      async household(idNumbers, opts): Promise<Map<string, HouseholdRegistration[]>> {
        const result = await batch(idNumbers, opts, {
          operation: 'hjxx.batch',
          path: '/v1/hjxx/batch',
          parse: (json) => records(validateHjxx(json)),
          map: toHouseholdRegistration,
        });
        // one registration per person: should the register ever answer twice, the first stands
        for (const [id, list] of result) if (list.length > 1) result.set(id, list.slice(0, 1));
        return result;
      },
      residencePermits(idNumbers, opts): Promise<Map<string, ResidencePermit[]>> {
        return batch(idNumbers, opts, {
          operation: 'jzz.batch',
          path: '/v1/jzz/batch',
          parse: (json) => records(validateJzz(json)),
          map: toResidencePermit,
        });
      },
    },
  };
}
