// Mock 自然资源和规划 (Natural Resources & Planning): the paged real-estate query of
// connectors/naturalResources/openapi.yaml, answered from the contract-named data set.
// The inverse of connectors/naturalResources/mapping.ts lives here: pinyin fields,
// 'YYYY-MM-DD HH:mm:ss' times, Chinese co-ownership words, empty values left out.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/naturalResources/api.generated';
import { loadOpenApi } from '../../connectors/openapi';
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { CoOwnershipMode, PropertyCertificate } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';
import { stableClockOf as clockOf } from './stableClock';

type Schemas = components['schemas'];
type BdcRecord = Schemas['BdcRecord'];

const api = loadOpenApi(new URL('../../connectors/naturalResources/openapi.yaml', import.meta.url).href);
const validateRequest = api.validator<Schemas['BdcQueryRequest']>('BdcQueryRequest');

const MODE_TEXT: Record<CoOwnershipMode, NonNullable<BdcRecord['gyfs']>> = {
  SOLE: '单独所有',
  JOINT: '共同共有',
  BY_SHARES: '按份共有',
};

/** Sets a key only when there is a value: this register leaves empty fields out. */
function put<K extends keyof BdcRecord>(out: BdcRecord, k: K, v: BdcRecord[K] | null): void {
  if (v !== null && v !== undefined) out[k] = v;
}

export function toBdcRecord(p: PropertyCertificate, matchedIdNumbers: string[]): BdcRecord {
  const out: BdcRecord = {
    bdcqzh: p.certificateNumber,
    qlrmc: p.holderName,
    qlrzjh: p.holderIdNumber,
    zlqh: p.regionCode,
    matchedIdNumbers,
  };
  put(out, 'qllx', p.rightType);
  put(out, 'qlxz', p.rightNature);
  put(out, 'djsj', p.registeredOn && `${p.registeredOn} ${clockOf(p.certificateNumber)}`);
  put(out, 'zl', p.location);
  put(out, 'yt', p.usage);
  put(out, 'zt', p.status);
  if (p.coOwnership) {
    out.gyfs = MODE_TEXT[p.coOwnership.mode];
    out.gyqk = p.coOwnership.coOwners.map((c) => {
      const g: Schemas['Gyr'] = { gyrmc: c.name };
      if (c.idNumber !== null) g.gyrzjh = c.idNumber;
      if (c.share !== null) g.fe = c.share;
      return g;
    });
  }
  return out;
}

function fail(errMsg: string): Response {
  return HttpResponse.json({ success: false, errCode: 'PARAM_INVALID', errMsg } satisfies Schemas['BdcError'], { status: 400 });
}

export function naturalResourcesHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    http.post('*/naturalResources/api/bdc/query', async ({ request }) => {
      const refused = await mock.admit('naturalResources', request);
      if (refused) return refused;
      let query: Schemas['BdcQueryRequest'];
      try {
        query = validateRequest(await request.json());
      } catch {
        return fail('查询条件不合法：idNumbers 至少 1 个，pageNo ≥ 1，pageSize 为 1 至 50');
      }
      mock.count('naturalResources', query.idNumbers.length);
      const malformed = mock.malformed('naturalResources');
      if (malformed) return malformed;

      // every title naming any requested ID, once, in a stable order across pages
      const titles = new Map<string, { title: PropertyCertificate; matched: string[] }>();
      for (const id of new Set(query.idNumbers.map(normalizeIdNumber))) {
        for (const title of mock.index.properties(id)) {
          const entry = titles.get(title.certificateNumber) ?? { title, matched: [] };
          entry.matched.push(id);
          titles.set(title.certificateNumber, entry);
        }
      }
      const all = [...titles.values()];
      const start = (query.pageNo - 1) * query.pageSize;
      const list = all.slice(start, start + query.pageSize).map((e) => toBdcRecord(e.title, e.matched));
      return HttpResponse.json({
        total: all.length,
        pageNo: query.pageNo,
        pageSize: query.pageSize,
        list,
      } satisfies Schemas['BdcQueryPage']);
    }),
  ];
}
