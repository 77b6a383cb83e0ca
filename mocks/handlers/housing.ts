// Mock 住房和城乡建设 (Housing & Urban-Rural Development): the three batch queries of
// connectors/housing/openapi.yaml, answered from the contract-named data set. The inverse of
// connectors/housing/mapping.ts lives here: snake_case, every field present (null when
// empty), signing times as ISO date-times in +08:00, one result per requested cert_no.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { components } from '../../connectors/housing/api.generated';
import { loadOpenApi } from '../../connectors/openapi';
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { CoOwnership, CoOwnershipMode, LeaseFiling, PurchaseContract, SubsidizedHousingContract } from '../../src/evidence/records';
import type { MockDepartments } from '../departments';
import { stableClockOf as clockOf } from './stableClock';

type Schemas = components['schemas'];

const api = loadOpenApi(new URL('../../connectors/housing/openapi.yaml', import.meta.url).href);
const validateRequest = api.validator<Schemas['CertBatchQuery']>('CertBatchQuery');

const MODE_TEXT: Record<CoOwnershipMode, NonNullable<Schemas['OwnershipMode']>> = {
  SOLE: '单独所有',
  JOINT: '共同共有',
  BY_SHARES: '按份共有',
};

function ownership(c: CoOwnership | null): Pick<Schemas['SaleContract'], 'ownership_mode' | 'co_owners'> {
  if (!c) return { ownership_mode: null, co_owners: [] };
  return {
    ownership_mode: MODE_TEXT[c.mode],
    co_owners: c.coOwners.map((o) => ({ name: o.name, cert_no: o.idNumber, share: o.share })),
  };
}

export function toSaleContract(p: PurchaseContract): Schemas['SaleContract'] {
  return {
    contract_no: p.contractNumber,
    buyer_name: p.buyerName,
    buyer_cert_no: p.buyerIdNumber,
    ...ownership(p.coOwnership),
    sign_time: p.signedAt && `${p.signedAt}T${clockOf(p.contractNumber)}+08:00`,
    delivery_date: p.agreedDeliveryDate,
    house_region_code: p.regionCode,
    house_address: p.location,
    planned_use: p.plannedUsage,
  };
}

export function toLeaseFilingRecord(l: LeaseFiling): Schemas['LeaseFiling'] {
  return {
    filing_cert_no: l.filingNumber,
    lessor_name: l.lessorName,
    lessor_cert_no: l.lessorIdNumber,
    lessee_name: l.lesseeName,
    lessee_cert_no: l.lesseeIdNumber,
    house_region_code: l.regionCode,
    house_address: l.location,
    property_cert_no: l.propertyCertificateNumber,
    lease_start: l.leaseStart,
    lease_end: l.leaseEnd,
  };
}

export function toAffordableHousingContract(s: SubsidizedHousingContract): Schemas['AffordableHousingContract'] {
  return {
    apply_cert_no: s.applicationCertificateNumber,
    region_code: s.regionCode,
    house_address: s.address,
    members: s.members.map((m) => ({ relation: m.relationToPrimaryApplicant, name: m.name, cert_no: m.idNumber })),
    contract_status: s.contractStatus,
    audit_status: s.reviewStatus,
    subsidy_type: s.subsidyType,
    start_date: s.contractStart,
    end_date: s.contractEnd,
  };
}

function fail(ret_msg: string): Response {
  return HttpResponse.json({ ret_code: 40001, ret_msg, data: null } satisfies Schemas['ErrorResponse'], { status: 400 });
}

/** One endpoint: admit, check the body, count, then one result per requested cert_no. */
function endpoint<T>(mock: MockDepartments, path: string, lookup: (id: string) => T[]): HttpHandler {
  return http.post(`*/housing${path}`, async ({ request }) => {
    const refused = await mock.admit('housing', request);
    if (refused) return refused;
    let query: Schemas['CertBatchQuery'];
    try {
      query = validateRequest(await request.json());
    } catch {
      return fail('参数不合法：cert_type 须为 111，cert_nos 至少 1 个');
    }
    mock.count('housing', query.cert_nos.length);
    const malformed = mock.malformed('housing');
    if (malformed) return malformed;
    const certNos = [...new Set(query.cert_nos.map(normalizeIdNumber))];
    const results = certNos.map((cert_no) => ({ cert_no, records: lookup(cert_no) }));
    return HttpResponse.json({ ret_code: 0, ret_msg: 'ok', data: { results } });
  });
}

export function housingHandlers(mock: MockDepartments): HttpHandler[] {
  return [
    endpoint(mock, '/open/v2/sale_contracts/query', (id) => mock.index.purchaseContracts(id).map(toSaleContract)),
    endpoint(mock, '/open/v2/lease_filings/query', (id) => mock.index.leaseFilings(id).map(toLeaseFilingRecord)),
    endpoint(mock, '/open/v2/affordable_housing/query', (id) => mock.index.subsidizedHousing(id).map(toAffordableHousingContract)),
  ];
}
