// Mock 市场监管 market regulation: the individual-business and enterprise batch endpoints as
// its openapi.yaml publishes them. The inverse of connectors/marketRegulation/mapping.ts.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/marketRegulation/api.generated';
import { loadOpenApi } from '../../connectors/openapi';
import type { EnterpriseLicenseRecord, IndividualBusinessLicense } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';

type Schemas = components['schemas'];

const api = loadOpenApi(new URL('../../connectors/marketRegulation/', import.meta.url).href);
const validateGtgsh = api.validator<Schemas['GtgshQueryRequest']>('GtgshQueryRequest');
const validateQyfr = api.validator<Schemas['QyfrQueryRequest']>('QyfrQueryRequest');

/** YYYY-MM-DD -> epoch ms of that midnight in Beijing */
export function beijingMidnightEpochMs(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export function toGtgshItem(b: IndividualBusinessLicense, cxsfzh: string): Schemas['GtgshItem'] {
  return {
    cxsfzh,
    tyshxydm: b.creditCode,
    jyzxm: b.operatorName,
    jyzsfzh: b.operatorIdNumber,
    clrq: b.establishedOn === null ? null : beijingMidnightEpochMs(b.establishedOn),
    jycs: b.businessAddress ?? '',
    jydqh: b.regionCode,
  };
}

export function toQyfrItem(e: EnterpriseLicenseRecord, cxsfzh: string): Schemas['QyfrItem'] {
  return {
    cxsfzh,
    qymc: e.enterpriseName,
    tyshxydm: e.creditCode,
    zzmc: e.licenseName ?? '',
    fddbr: e.legalRepresentativeName,
    fddbrsfzh: e.legalRepresentativeIdNumber,
    zcrq: e.registeredOn === null ? '' : e.registeredOn.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日'),
    zcdz: e.registeredAddress ?? '',
    djjgqh: e.regionCode,
  };
}

function badRequest(errmsg: string) {
  const body: Schemas['ErrorEnvelope'] = { errcode: 40001, errmsg };
  return HttpResponse.json(body, { status: 400 });
}

async function readBody<T>(request: Request, validate: (json: unknown) => T): Promise<T | Response> {
  try {
    return validate(await request.json());
  } catch (err) {
    return badRequest(`invalid request: ${err instanceof SyntaxError ? 'body is not JSON' : (err as Error).message}`);
  }
}

export function marketRegulationHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.post('*/marketRegulation/gsxx/gtgsh/query', async ({ request }) => {
      const refused = await mock.admit('marketRegulation', request);
      if (refused) return refused;
      const req = await readBody(request, validateGtgsh);
      if (req instanceof Response) return req;
      mock.count('marketRegulation', req.jyzsfzhList.length);
      const garbage = mock.malformed('marketRegulation');
      if (garbage) return garbage;
      const body: Schemas['GtgshQueryResponse'] = {
        errcode: 0,
        errmsg: 'ok',
        items: [...new Set(req.jyzsfzhList)].flatMap((id) => mock.index.individualBusinesses(id).map((b) => toGtgshItem(b, id))),
      };
      return HttpResponse.json(body);
    }),
    http.post('*/marketRegulation/gsxx/qyfr/query', async ({ request }) => {
      const refused = await mock.admit('marketRegulation', request);
      if (refused) return refused;
      const req = await readBody(request, validateQyfr);
      if (req instanceof Response) return req;
      mock.count('marketRegulation', req.fddbrsfzhList.length);
      const garbage = mock.malformed('marketRegulation');
      if (garbage) return garbage;
      const body: Schemas['QyfrQueryResponse'] = {
        errcode: 0,
        errmsg: 'ok',
        items: [...new Set(req.fddbrsfzhList)].flatMap((id) => mock.index.enterprises(id).map((e) => toQyfrItem(e, id))),
      };
      return HttpResponse.json(body);
    }),
  ];
}
