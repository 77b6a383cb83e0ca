// 市场监管 market regulation: two batch endpoints (individual businesses by operator, enterprises
// by legal representative), at most 100 ID numbers a call. Their items are one flat list, each
// saying which requested ID it matched (cxsfzh); an item counts only for the person it names.
import type { EnterpriseLicense, IndividualBusinessLicense } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { namesQueried, toEnterpriseLicense, toIndividualBusinessLicense, type GtgshItem, type QyfrItem } from './mapping';

type Schemas = components['schemas'];

/** jyzsfzhList / fddbrsfzhList maxItems in the department's openapi.yaml */
export const MARKET_REGULATION_BATCH_CAP = 100;

const api = loadOpenApi(import.meta.url);
const parseGtgsh = api.validator<Schemas['GtgshQueryResponse']>('GtgshQueryResponse');
const parseQyfr = api.validator<Schemas['QyfrQueryResponse']>('QyfrQueryResponse');

export function createMarketRegulationConnector(http: DepartmentHttp): DepartmentConnector<'individualBusinesses' | 'enterprises'> {
  /** Both endpoints answer a flat list of items, each with the queried number (cxsfzh) and the person the item names. */
  function endpoint<Item extends { cxsfzh: string }, R>(o: {
    operation: string;
    path: string;
    body: (ids: string[]) => Schemas['GtgshQueryRequest'] | Schemas['QyfrQueryRequest'];
    parse: (json: unknown) => { items: Item[] };
    named: (item: Item) => string;
    map: (item: Item) => R;
  }) {
    return batchFetch<{ items: Item[] }, Item, R>({
      department: 'marketRegulation',
      cap: MARKET_REGULATION_BATCH_CAP,
      ask: (ids, _page, opts) =>
        http.call({ operation: o.operation, method: 'POST', path: o.path, body: o.body(ids), parse: o.parse }, opts),
      rows: (answer) => answer.items,
      // an item is attributed only to the person it names
      subjects: (item) => (namesQueried(item.cxsfzh, o.named(item)) ? [item.cxsfzh] : []),
      map: o.map,
    });
  }

  return {
    department: 'marketRegulation',
    fetchers: {
      individualBusinesses: endpoint<GtgshItem, IndividualBusinessLicense>({
        operation: 'individualBusinesses.batch',
        path: '/gsxx/gtgsh/query',
        body: (jyzsfzhList) => ({ jyzsfzhList }),
        parse: parseGtgsh,
        named: (item) => item.jyzsfzh,
        map: toIndividualBusinessLicense,
      }),
      enterprises: endpoint<QyfrItem, EnterpriseLicense>({
        operation: 'enterprises.batch',
        path: '/gsxx/qyfr/query',
        body: (fddbrsfzhList) => ({ fddbrsfzhList }),
        parse: parseQyfr,
        named: (item) => item.fddbrsfzh,
        map: toEnterpriseLicense,
      }),
    },
  };
}
