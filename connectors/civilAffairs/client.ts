// 民政 civil affairs: marriage registrations through one batch endpoint that takes at most
// 50 ID numbers a call, so a larger batch is split into chunks asked in parallel. The answer
// comes per queried number; a record counts for that person only when it names them.
import type { MarriageRegistration } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { namesPerson, toMarriageRegistration, type MarriageRecord } from './mapping';

type Schemas = components['schemas'];

/** zjhmList maxItems in the department's openapi.yaml */
export const CIVIL_AFFAIRS_BATCH_CAP = 50;

const api = loadOpenApi(import.meta.url);
const parseBatch = api.validator<Schemas['MarriageBatchQueryResponse']>('MarriageBatchQueryResponse');

export function createCivilAffairsConnector(http: DepartmentHttp): DepartmentConnector<'marriages'> {
  return {
    department: 'civilAffairs',
    fetchers: {
      marriages: batchFetch<Schemas['MarriageBatchQueryResponse'], { queried: string; record: MarriageRecord }, MarriageRegistration>({
        department: 'civilAffairs',
        cap: CIVIL_AFFAIRS_BATCH_CAP,
        ask: (zjhmList, _page, opts) =>
          http.call(
            {
              operation: 'marriages.batch',
              method: 'POST',
              path: '/marriage/batch-query',
              body: { zjhmList } satisfies Schemas['MarriageBatchQueryRequest'],
              parse: parseBatch,
            },
            opts,
          ),
        rows: (answer) => answer.result.flatMap(({ queryZjhm, records }) => records.map((record) => ({ queried: queryZjhm, record }))),
        subjects: ({ queried, record }) => (namesPerson(record, queried) ? [queried] : []),
        map: ({ record }) => toMarriageRegistration(record),
      }),
    },
  };
}
