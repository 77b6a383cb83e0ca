// 民政 civil affairs: marriage registrations through one batch endpoint that takes at most
// 50 ID numbers a call, so a larger batch is split into chunks asked in parallel.
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { chunk, emptyResult, type DepartmentConnector } from '../types';
import type { MarriageRegistration } from '../../src/evidence/records';
import type { components } from './api.generated';
import { namesPerson, toMarriageRegistration } from './mapping';

type Schemas = components['schemas'];

/** zjhmList maxItems in the department's openapi.yaml */
export const CIVIL_AFFAIRS_BATCH_CAP = 50;

const api = loadOpenApi(import.meta.url);
const parseBatch = api.validator<Schemas['MarriageBatchQueryResponse']>('MarriageBatchQueryResponse');

export function createCivilAffairsConnector(http: DepartmentHttp): DepartmentConnector<'marriages'> {
  return {
    department: 'civilAffairs',
    fetchers: {
      async marriages(idNumbers, opts) {
        const ids = [...new Set(idNumbers)];
        const out = emptyResult<MarriageRegistration>(ids);
        const answers = await Promise.all(
          chunk(ids, CIVIL_AFFAIRS_BATCH_CAP).map((zjhmList) => {
            const body: Schemas['MarriageBatchQueryRequest'] = { zjhmList };
            return http.call(
              { operation: 'marriages.batch', method: 'POST', path: '/marriage/batch-query', body, parse: parseBatch },
              opts,
            );
          }),
        );
        for (const answer of answers) {
          for (const { queryZjhm, records } of answer.result) {
            const list = out.get(queryZjhm);
            if (!list) continue; // an ID we did not ask about
            for (const r of records) if (namesPerson(r, queryZjhm)) list.push(toMarriageRegistration(r));
          }
        }
        return out;
      },
    },
  };
}
