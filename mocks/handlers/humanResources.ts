// Mock 人社 human resources: POST /si/v2/payments as its openapi.yaml publishes it, paged,
// with the 429 + Retry-After that MockDepartments.admit applies under load. The inverse of
// connectors/humanResources/mapping.ts lives here.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/humanResources/api.generated';
import { loadOpenApi } from '../../connectors/openapi';
import type { InsuranceType, SocialInsurancePayment } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';

type Schemas = components['schemas'];
type PaymentRow = Schemas['PaymentRow'];

const api = loadOpenApi(new URL('../../connectors/humanResources/', import.meta.url).href);
const validateRequest = api.validator<Schemas['PaymentQueryRequest']>('PaymentQueryRequest');

/** the employee schemes' codes; the resident and civil-service codes are read but never written here */
const INSURANCE_TO_AAE140: Record<InsuranceType, PaymentRow['aae140']> = {
  PENSION: '110',
  UNEMPLOYMENT: '210',
  MEDICAL: '310',
  WORK_INJURY: '410',
  MATERNITY: '510',
};

const DEFAULT_PAGE_SIZE = 100;

export function toPaymentRow(p: SocialInsurancePayment): PaymentRow {
  return {
    aac002: p.idNumber,
    aac003: p.name,
    aab004: p.employerName ?? '',
    aae002: p.period.replace('-', ''),
    aae140: INSURANCE_TO_AAE140[p.insuranceType],
    aab301: p.regionCode ?? '',
  };
}

function badRequest(msg: string) {
  const body: Schemas['ErrorEnvelope'] = { code: 'INVALID_PARAM', msg };
  return HttpResponse.json(body, { status: 400 });
}

export function humanResourcesHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.post('*/humanResources/si/v2/payments', async ({ request }) => {
      const refused = await mock.admit('humanResources', request);
      if (refused) return refused;
      let req: Schemas['PaymentQueryRequest'];
      try {
        req = validateRequest(await request.json());
      } catch (err) {
        return badRequest(`参数错误：${err instanceof SyntaxError ? '请求体不是 JSON' : (err as Error).message}`);
      }
      mock.count('humanResources', req.aac002List.length);
      const garbage = mock.malformed('humanResources');
      if (garbage) return garbage;

      const pageNum = req.pageNum ?? 1;
      const pageSize = req.pageSize ?? DEFAULT_PAGE_SIZE;
      // the published order: by ID as asked, newest month first, then insurance code
      const rows = [...new Set(req.aac002List)].flatMap((id) =>
        mock.index
          .socialInsurance(id)
          .map(toPaymentRow)
          .sort((a, b) => b.aae002.localeCompare(a.aae002) || a.aae140.localeCompare(b.aae140)),
      );
      const body: Schemas['PaymentQueryResponse'] = {
        code: '0',
        msg: '成功',
        data: { total: rows.length, pageNum, pageSize, list: rows.slice((pageNum - 1) * pageSize, pageNum * pageSize) },
      };
      return HttpResponse.json(body);
    }),
  ];
}
