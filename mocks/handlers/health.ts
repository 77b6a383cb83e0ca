// Mock 卫健 health: GET /birth-certificates?parentIdNumber=, one parent per call, as its
// openapi.yaml publishes it: one row per role the parent matched (a certificate naming the
// same ID as father and mother comes twice). The inverse of connectors/health/mapping.ts.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/health/api.generated';
import { loadOpenApi } from '../../connectors/openapi';
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { BirthCertificate } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';

type Schemas = components['schemas'];
type Item = Schemas['BirthCertificateItem'];

const api = loadOpenApi(new URL('../../connectors/health/', import.meta.url).href);
const validateIdNumber = api.validator<Schemas['Sfzh']>('Sfzh');

export function toBirthCertificateItem(c: BirthCertificate, ppjs: Item['ppjs']): Item {
  return {
    cszmbh: c.certificateNumber,
    xsexm: c.childName,
    csrq: c.birthDate.replaceAll('-', ''),
    fqxm: c.fatherName,
    fqsfzh: c.fatherIdNumber,
    mqxm: c.motherName,
    mqsfzh: c.motherIdNumber,
    ppjs,
  };
}

function badRequest(message: string) {
  const body: Schemas['ErrorEnvelope'] = { status: 400, message, data: null };
  return HttpResponse.json(body, { status: 400 });
}

export function healthHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.get('*/health/birth-certificates', async ({ request }) => {
      const refused = await mock.admit('health', request);
      if (refused) return refused;
      const params = new URL(request.url).searchParams.getAll('parentIdNumber');
      if (params.length !== 1) return badRequest('参数错误：须有且仅有一个 parentIdNumber');
      let id: string;
      try {
        id = validateIdNumber(params[0]);
      } catch {
        return badRequest('参数错误：parentIdNumber 格式不正确');
      }
      mock.count('health', 1);
      const garbage = mock.malformed('health');
      if (garbage) return garbage;
      const data: Item[] = [];
      for (const c of mock.index.birthCertificates(id)) {
        if (c.fatherIdNumber !== null && normalizeIdNumber(c.fatherIdNumber) === id) data.push(toBirthCertificateItem(c, '1'));
        if (c.motherIdNumber !== null && normalizeIdNumber(c.motherIdNumber) === id) data.push(toBirthCertificateItem(c, '2'));
      }
      const body: Schemas['BirthCertificateListResponse'] = { status: 200, message: 'OK', data };
      return HttpResponse.json(body);
    }),
  ];
}
