// 市场监管 market regulation: two batch endpoints (individual businesses by operator, enterprises
// by legal representative), at most 100 ID numbers a call. Their items are one flat list, each
// saying which requested ID it matched (cxsfzh).
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { chunk, emptyResult, type DepartmentConnector } from '../types';
import type { EnterpriseLicense, IndividualBusinessLicense } from '../../src/evidence/records';
import type { components } from './api.generated';
import { toEnterpriseLicense, toIndividualBusinessLicense } from './mapping';

type Schemas = components['schemas'];

/** jyzsfzhList / fddbrsfzhList maxItems in the department's openapi.yaml */
export const MARKET_REGULATION_BATCH_CAP = 100;

const api = loadOpenApi(import.meta.url);
const parseGtgsh = api.validator<Schemas['GtgshQueryResponse']>('GtgshQueryResponse');
const parseQyfr = api.validator<Schemas['QyfrQueryResponse']>('QyfrQueryResponse');

const sameId = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export function createMarketRegulationConnector(http: DepartmentHttp): DepartmentConnector<'individualBusinesses' | 'enterprises'> {
  return {
    department: 'marketRegulation',
    fetchers: {
      async individualBusinesses(idNumbers, opts) {
        const ids = [...new Set(idNumbers)];
        const out = emptyResult<IndividualBusinessLicense>(ids);
        const answers = await Promise.all(
          chunk(ids, MARKET_REGULATION_BATCH_CAP).map((jyzsfzhList) => {
            const body: Schemas['GtgshQueryRequest'] = { jyzsfzhList };
            return http.call(
              { operation: 'individualBusinesses.batch', method: 'POST', path: '/gsxx/gtgsh/query', body, parse: parseGtgsh },
              opts,
            );
          }),
        );
        for (const { items } of answers) {
          for (const item of items) {
            // an item is attributed only to the operator it names
            if (sameId(item.cxsfzh, item.jyzsfzh)) out.get(item.cxsfzh)?.push(toIndividualBusinessLicense(item));
          }
        }
        return out;
      },
      async enterprises(idNumbers, opts) {
        const ids = [...new Set(idNumbers)];
        const out = emptyResult<EnterpriseLicense>(ids);
        const answers = await Promise.all(
          chunk(ids, MARKET_REGULATION_BATCH_CAP).map((fddbrsfzhList) => {
            const body: Schemas['QyfrQueryRequest'] = { fddbrsfzhList };
            return http.call({ operation: 'enterprises.batch', method: 'POST', path: '/gsxx/qyfr/query', body, parse: parseQyfr }, opts);
          }),
        );
        for (const { items } of answers) {
          for (const item of items) {
            if (sameId(item.cxsfzh, item.fddbrsfzh)) out.get(item.cxsfzh)?.push(toEnterpriseLicense(item));
          }
        }
        return out;
      },
    },
  };
}
