// 卫健 health: birth certificates through a GET that takes one parent's ID number, so a batch
// is one call per ID, in parallel; DepartmentHttp's concurrency cap keeps that polite. The
// batch fails only once every parent's call has finished, so none is left retrying unobserved.
import type { BirthCertificate } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { namesParent, toBirthCertificate, type BirthCertificateItem } from './mapping';

type Schemas = components['schemas'];

const api = loadOpenApi(import.meta.url);
const parseList = api.validator<Schemas['BirthCertificateListResponse']>('BirthCertificateListResponse');

export function createHealthConnector(http: DepartmentHttp): DepartmentConnector<'birthCertificates'> {
  return {
    department: 'health',
    fetchers: {
      birthCertificates: batchFetch<
        Schemas['BirthCertificateListResponse'],
        { parent: string; item: BirthCertificateItem },
        BirthCertificate
      >({
        department: 'health',
        cap: 1,
        ask: ([parentIdNumber], _page, opts) =>
          http.call(
            {
              operation: 'birthCertificates.byParent',
              method: 'GET',
              path: '/birth-certificates',
              query: { parentIdNumber },
              parse: parseList,
            },
            opts,
          ),
        rows: (answer, [parent]) => answer.data.map((item) => ({ parent: parent!, item })),
        subjects: ({ parent, item }) => (namesParent(item, parent) ? [parent] : []),
        map: ({ item }) => toBirthCertificate(item),
        // one row per matched role: a certificate naming the person as father and as mother comes twice
        identity: ({ item }) => item.cszmbh,
      }),
    },
  };
}
