// 自然资源和规划 (Natural Resources & Planning): property titles through one batch query
// that pages its results (at most 50 titles a page). Page 1 tells the total; the remaining
// pages are then asked in parallel. So a batch costs one call unless its people hold more
// than 50 titles between them, and ceil(total / 50) calls when they do. Pages are separate
// reads: pages whose titles do not add up to the announced total (one came back short, or the
// register changed in between) are no answer (failure 'incomplete'), never a shorter list.
import type { PropertyCertificate } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { toPropertyCertificate } from './mapping';

type Schemas = components['schemas'];

/** The department's largest page. */
export const PROPERTY_PAGE_SIZE = 50;
/** A total past this (5,000 titles for one batch of families) is a broken answer, not a page count to follow. */
export const PROPERTY_MAX_PAGES = 100;

const api = loadOpenApi(import.meta.url);
const validatePage = api.validator<Schemas['BdcQueryPage']>('BdcQueryPage');

export function createNaturalResourcesConnector(http: DepartmentHttp): DepartmentConnector<'properties'> {
  return {
    department: 'naturalResources',
    fetchers: {
      properties: batchFetch<Schemas['BdcQueryPage'], Schemas['BdcRecord'], PropertyCertificate>({
        department: 'naturalResources',
        // the query takes any number of ID numbers
        cap: Infinity,
        ask: (idNumbers, page, opts) =>
          http.call(
            {
              operation: 'bdc.query',
              method: 'POST',
              path: '/api/bdc/query',
              body: { idNumbers, pageNo: page!.number, pageSize: page!.size } satisfies Schemas['BdcQueryRequest'],
              parse: validatePage,
            },
            opts,
          ),
        paging: {
          pageSize: PROPERTY_PAGE_SIZE,
          maxPages: PROPERTY_MAX_PAGES,
          order: 'parallel',
          read: (p) => ({ total: p.total, pageSize: p.pageSize }),
        },
        rows: (p) => p.list,
        // a joint title comes once and names every requested holder or co-owner it matched
        subjects: (record) => record.matchedIdNumbers,
        map: toPropertyCertificate,
        // a title listed twice means another is missing from the pages
        identity: (record) => record.bdcqzh,
      }),
    },
  };
}
