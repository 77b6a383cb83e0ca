// Mock 公安 (Public Security): the police API of connectors/police/openapi.yaml, answered
// from the contract-named data set. The inverse of connectors/police/mapping.ts lives here:
// pinyin fields, YYYYMMDD dates, GB/T 2261.1 codes, '' for every empty value.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { loadOpenApi } from '../../connectors/openapi';
import type { components } from '../../connectors/police/api.generated';
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { Gender, HouseholdRegistration, HouseholdType, ResidencePermit } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';

type Schemas = components['schemas'];

const BATCH_CAP = 20;
const api = loadOpenApi(new URL('../../connectors/police/openapi.yaml', import.meta.url).href);
const validateRequest = api.validator<Schemas['SfzhBatchRequest']>('SfzhBatchRequest');

const GENDER_CODE: Record<Gender, '1' | '2'> = { MALE: '1', FEMALE: '2' };
const HOUSEHOLD_TYPE_CODE: Record<HouseholdType, '1' | '2' | '3' | '9'> = {
  FAMILY: '1',
  COLLECTIVE: '2',
  COMMUNITY_PUBLIC: '3',
  OTHER: '9',
};

const s = (v: string | null): string => v ?? '';
const date8 = (v: string | null): string => (v ? v.replaceAll('-', '') : '');

export function toHjxxRecord(h: HouseholdRegistration): Schemas['HjxxRecord'] {
  return {
    gmsfhm: h.idNumber,
    xm: h.name,
    xbdm: h.gender ? GENDER_CODE[h.gender] : '',
    csrq: date8(h.birthDate),
    mzmc: s(h.ethnicity),
    jgssxmc: s(h.nativePlace),
    hjdqh: h.regionCode,
    hjdqmc: s(h.regionName),
    hjdz: s(h.address),
    fzjg: s(h.issuingAuthority),
    hlxdm: h.householdType ? HOUSEHOLD_TYPE_CODE[h.householdType] : '',
    hh: s(h.householdNumber),
    hzxm: s(h.headOfHouseholdName),
    yhzgxdm: s(h.relationToHeadCode),
    yhzgxmc: s(h.relationToHeadName),
  };
}

export function toJzzRecord(p: ResidencePermit): Schemas['JzzRecord'] {
  return {
    gmsfhm: p.idNumber,
    xm: p.name,
    xbdm: p.gender ? GENDER_CODE[p.gender] : '',
    mzmc: s(p.ethnicity),
    hjszd: s(p.registeredResidence),
    xzz: s(p.currentAddress),
    qfjg: s(p.issuingAuthority),
    qfdqh: p.regionCode,
    yxqqsrq: date8(p.validFrom),
    yxqjzrq: date8(p.validUntil),
  };
}

function fail(code: string, message: string): Response {
  return HttpResponse.json({ code, message, data: null } satisfies Schemas['ErrorEnvelope'], { status: 400 });
}

/** The shared front half of both endpoints: admit, read and check the body, count. */
async function admitBatch(mock: MockDepartments, request: Request): Promise<Response | string[]> {
  const refused = await mock.admit('police', request);
  if (refused) return refused;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail('4001', '请求体不是合法的 JSON');
  }
  const list = (body as { sfzhList?: unknown } | null)?.sfzhList;
  if (Array.isArray(list) && list.length > BATCH_CAP) return fail('4002', `单次查询的身份号码不得超过${BATCH_CAP}个`);
  let ids: string[];
  try {
    ids = validateRequest(body).sfzhList;
  } catch {
    return fail('4001', '请求参数不合法');
  }
  mock.count('police', ids.length);
  return mock.malformed('police') ?? ids;
}

const unique = (ids: string[]) => [...new Set(ids.map(normalizeIdNumber))];

export function policeHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.post('*/police/v1/hjxx/batch', async ({ request }) => {
      const ids = await admitBatch(mock, request);
      if (ids instanceof Response) return ids;
      const records = unique(ids).flatMap((id) => {
        const h = mock.index.households(id);
        return h ? [toHjxxRecord(h)] : [];
      });
      return HttpResponse.json({ code: '0000', message: '成功', data: { records } } satisfies Schemas['HjxxBatchResponse']);
    }),
    http.post('*/police/v1/jzz/batch', async ({ request }) => {
      const ids = await admitBatch(mock, request);
      if (ids instanceof Response) return ids;
      const records = unique(ids).flatMap((id) => mock.index.residencePermits(id).map(toJzzRecord));
      return HttpResponse.json({ code: '0000', message: '成功', data: { records } } satisfies Schemas['JzzBatchResponse']);
    }),
  ];
}
