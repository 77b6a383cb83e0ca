// 人社 human resources: social-insurance payments through one batch endpoint (at most 100 ID
// numbers a call) that pages its rows. Pages are fetched one after another, not in parallel:
// this department answers 429 under load, and DepartmentHttp waits out its Retry-After.
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { chunk, emptyResult, type DepartmentConnector } from '../types';
import type { SocialInsurancePayment } from '../../src/evidence/records';
import type { components } from './api.generated';
import { toSocialInsurancePayment } from './mapping';

type Schemas = components['schemas'];

/** aac002List maxItems in the department's openapi.yaml */
export const HUMAN_RESOURCES_BATCH_CAP = 100;
/** pageSize maximum: a person has up to 5 rows a month, so few batches need a second page */
export const HUMAN_RESOURCES_PAGE_SIZE = 500;
/** a department whose total keeps growing must not keep us paging forever */
const MAX_PAGES = 200;

const api = loadOpenApi(import.meta.url);
const parsePage = api.validator<Schemas['PaymentQueryResponse']>('PaymentQueryResponse');

export function createHumanResourcesConnector(http: DepartmentHttp): DepartmentConnector<'socialInsurance'> {
  return {
    department: 'humanResources',
    fetchers: {
      async socialInsurance(idNumbers, opts) {
        const ids = [...new Set(idNumbers)];
        const out = emptyResult<SocialInsurancePayment>(ids);
        await Promise.all(
          chunk(ids, HUMAN_RESOURCES_BATCH_CAP).map(async (aac002List) => {
            for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
              const body: Schemas['PaymentQueryRequest'] = { aac002List, pageNum, pageSize: HUMAN_RESOURCES_PAGE_SIZE };
              const { data } = await http.call(
                { operation: 'socialInsurance.payments', method: 'POST', path: '/si/v2/payments', body, parse: parsePage },
                opts,
              );
              for (const row of data.list) out.get(row.aac002)?.push(toSocialInsurancePayment(row));
              if (data.list.length === 0 || pageNum * data.pageSize >= data.total) break;
            }
          }),
        );
        return out;
      },
    },
  };
}
