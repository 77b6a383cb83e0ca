// Mock 民政 civil affairs: POST /marriage/batch-query as its openapi.yaml publishes it. The
// inverse of connectors/civilAffairs/mapping.ts lives here: contract records -> its payload.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/civilAffairs/api.generated';
import { HYZT_TO_STATUS } from '../../connectors/civilAffairs/mapping';
import { loadOpenApi } from '../../connectors/openapi';
import type { MarriageRegistration, MarriageStatus } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';

type Schemas = components['schemas'];

const api = loadOpenApi(new URL('../../connectors/civilAffairs/', import.meta.url).href);
const validateRequest = api.validator<Schemas['MarriageBatchQueryRequest']>('MarriageBatchQueryRequest');

const STATUS_TO_HYZT = Object.fromEntries(Object.entries(HYZT_TO_STATUS).map(([k, v]) => [v, k])) as Record<
  MarriageStatus,
  Schemas['MarriageRecord']['hyzt']
>;

export function toMarriageRecord(m: MarriageRegistration): Schemas['MarriageRecord'] {
  return {
    nfzjhm: m.husbandIdNumber,
    nfxm: m.husbandName,
    nvzjhm: m.wifeIdNumber,
    nvxm: m.wifeName,
    djrq: m.registeredOn === null ? '' : m.registeredOn.replaceAll('-', '/'),
    hyzt: STATUS_TO_HYZT[m.status],
  };
}

function badRequest(message: string) {
  const body: Schemas['ErrorEnvelope'] = { success: false, code: 'E0400', message };
  return HttpResponse.json(body, { status: 400 });
}

export function civilAffairsHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.post('*/civilAffairs/marriage/batch-query', async ({ request }) => {
      const refused = await mock.admit('civilAffairs', request);
      if (refused) return refused;
      let req: Schemas['MarriageBatchQueryRequest'];
      try {
        req = validateRequest(await request.json());
      } catch (err) {
        return badRequest(`参数错误：${err instanceof SyntaxError ? '请求体不是 JSON' : (err as Error).message}`);
      }
      mock.count('civilAffairs', req.zjhmList.length);
      const garbage = mock.malformed('civilAffairs');
      if (garbage) return garbage;
      const body: Schemas['MarriageBatchQueryResponse'] = {
        success: true,
        code: '0000',
        message: '查询成功',
        result: [...new Set(req.zjhmList)].map((queryZjhm) => ({
          queryZjhm,
          records: mock.index.marriages(queryZjhm).map(toMarriageRecord),
        })),
      };
      return HttpResponse.json(body);
    }),
  ];
}
