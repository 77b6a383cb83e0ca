// 卫健 health: birth certificates through a GET that takes one parent's ID number, so a batch
// is one call per ID, in parallel; DepartmentHttp's concurrency cap keeps that polite.
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { emptyResult, type DepartmentConnector } from '../types';
import type { BirthCertificate } from '../../src/evidence/records';
import type { components } from './api.generated';
import { namesParent, toBirthCertificate } from './mapping';

type Schemas = components['schemas'];

const api = loadOpenApi(import.meta.url);
const parseList = api.validator<Schemas['BirthCertificateListResponse']>('BirthCertificateListResponse');

export function createHealthConnector(http: DepartmentHttp): DepartmentConnector<'birthCertificates'> {
  return {
    department: 'health',
    fetchers: {
      async birthCertificates(idNumbers, opts) {
        const ids = [...new Set(idNumbers)];
        const out = emptyResult<BirthCertificate>(ids);
        // allSettled: a failure must not leave the other parents' calls retrying unobserved
        const settled = await Promise.allSettled(
          ids.map(async (parentIdNumber) => {
            const res = await http.call(
              {
                operation: 'birthCertificates.byParent',
                method: 'GET',
                path: '/birth-certificates',
                query: { parentIdNumber },
                parse: parseList,
              },
              opts,
            );
            const list = out.get(parentIdNumber)!;
            // one row per matched role: a certificate naming the person as father and as mother comes twice
            const seen = new Set<string>();
            for (const item of res.data) {
              if (seen.has(item.cszmbh) || !namesParent(item, parentIdNumber)) continue;
              seen.add(item.cszmbh);
              list.push(toBirthCertificate(item));
            }
          }),
        );
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
        return out;
      },
    },
  };
}
