// 人社 human resources: social-insurance payments through one batch endpoint (at most 100 ID
// numbers a call) that pages its rows. Pages are fetched one after another, not in parallel:
// this department answers 429 under load, and DepartmentHttp waits out its Retry-After. A
// history whose pages do not add up to the total the department announced is no answer
// (failure 'incomplete'): a partial history read as complete would understate a family's years.
import type { SocialInsurancePayment } from '../../src/evidence/records';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { toSocialInsurancePayment, type PaymentRow } from './mapping';

type Schemas = components['schemas'];

/** aac002List maxItems in the department's openapi.yaml */
export const HUMAN_RESOURCES_BATCH_CAP = 100;
/** pageSize maximum: a person has up to 5 rows a month, so few batches need a second page */
export const HUMAN_RESOURCES_PAGE_SIZE = 500;
/** a department whose total keeps growing must not keep us paging forever */
export const HUMAN_RESOURCES_MAX_PAGES = 200;

const api = loadOpenApi(import.meta.url);
const parsePage = api.validator<Schemas['PaymentQueryResponse']>('PaymentQueryResponse');

export function createHumanResourcesConnector(http: DepartmentHttp): DepartmentConnector<'socialInsurance'> {
  return {
    department: 'humanResources',
    fetchers: {
      socialInsurance: batchFetch<Schemas['PaymentQueryResponse'], PaymentRow, SocialInsurancePayment>({
        department: 'humanResources',
        cap: HUMAN_RESOURCES_BATCH_CAP,
        ask: (aac002List, page, opts) =>
          http.call(
            {
              operation: 'socialInsurance.payments',
              method: 'POST',
              path: '/si/v2/payments',
              body: { aac002List, pageNum: page!.number, pageSize: page!.size } satisfies Schemas['PaymentQueryRequest'],
              parse: parsePage,
            },
            opts,
          ),
        paging: {
          pageSize: HUMAN_RESOURCES_PAGE_SIZE,
          maxPages: HUMAN_RESOURCES_MAX_PAGES,
          order: 'sequential',
          read: ({ data }) => ({ total: data.total, pageSize: data.pageSize }),
        },
        rows: ({ data }) => data.list,
        subjects: (row) => [row.aac002],
        map: toSocialInsurancePayment,
      }),
    },
  };
}
