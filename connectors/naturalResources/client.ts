// 自然资源和规划 (Natural Resources & Planning): property titles through one batch query
// that pages its results (at most 50 titles a page). Page 1 tells the total; the remaining
// pages are then asked in parallel. So a batch costs one call unless its people hold more
// than 50 titles between them, and ceil(total / 50) calls when they do.
import { DepartmentUnavailableError } from '../../src/errors';
import type { PropertyCertificate } from '../../src/evidence/records';
import type { CallOptions, DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { emptyResult, type DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { toPropertyCertificate } from './mapping';

type Schemas = components['schemas'];

/** The department's largest page. */
export const PROPERTY_PAGE_SIZE = 50;
/** A total past this (5,000 titles for one batch of families) is a broken answer, not a page count to follow. */
const MAX_PAGES = 100;

const api = loadOpenApi(import.meta.url);
const validatePage = api.validator<Schemas['BdcQueryPage']>('BdcQueryPage');

const key = (id: string) => id.toUpperCase();

export function createNaturalResourcesConnector(http: DepartmentHttp): DepartmentConnector<'properties'> {
  function page(idNumbers: string[], pageNo: number, pageSize: number, opts: CallOptions | undefined) {
    return http.call(
      {
        operation: 'bdc.query',
        method: 'POST',
        path: '/api/bdc/query',
        body: { idNumbers, pageNo, pageSize } satisfies Schemas['BdcQueryRequest'],
        parse: validatePage,
      },
      opts,
    );
  }

  return {
    department: 'naturalResources',
    fetchers: {
      async properties(idNumbers, opts): Promise<Map<string, PropertyCertificate[]>> {
        const unique = [...new Set(idNumbers)];
        const result = emptyResult<PropertyCertificate>(unique);
        if (unique.length === 0) return result;

        const first = await page(unique, 1, PROPERTY_PAGE_SIZE, opts);
        // follow the page size the department actually used, in case it answers smaller pages
        const pageSize = first.pageSize;
        const pages = Math.ceil(first.total / pageSize);
        if (pages > MAX_PAGES) throw new DepartmentUnavailableError('naturalResources', 'malformed', 200);
        const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(unique, i + 2, pageSize, opts)));

        const requested = new Map(unique.map((id) => [key(id), id]));
        // pages are separate reads: a title registered in between can shift one onto two pages
        const seen = new Map<string, Set<string>>();
        for (const record of [first, ...rest].flatMap((p) => p.list)) {
          // a joint title comes once and names every requested holder or co-owner it matched
          for (const matched of record.matchedIdNumbers) {
            const id = requested.get(key(matched));
            if (id === undefined) continue;
            const titles = seen.get(id) ?? new Set<string>();
            seen.set(id, titles);
            if (titles.has(record.bdcqzh)) continue;
            titles.add(record.bdcqzh);
            // each person gets their own copy, so no caller can change another's record
            result.get(id)!.push(toPropertyCertificate(record));
          }
        }
        return result;
      },
    },
  };
}
