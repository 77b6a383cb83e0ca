// 住房和城乡建设 (Housing & Urban-Rural Development): purchase contracts (网签), lease
// filings (租赁备案) and subsidized housing (保障房), three batch endpoints with no cap. Each
// answers per requested cert_no, so every record is attributed by the department itself:
// one call per endpoint per batch.
import type { EvidenceRecordMap } from '../../src/evidence/kinds';
import type { CallOptions, DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import { emptyResult, type DepartmentConnector } from '../types';
import type { components } from './api.generated';
import { toLeaseFiling, toPurchaseContract, toSubsidizedHousingContract } from './mapping';

type Schemas = components['schemas'];
type HousingEvidence = 'purchaseContracts' | 'leaseFilings' | 'subsidizedHousing';

/** 居民身份证 in the department's certificate-type codes */
const RESIDENT_ID_CARD = '111';

const api = loadOpenApi(import.meta.url);
const validateSale = api.validator<Schemas['SaleContractQueryResponse']>('SaleContractQueryResponse');
const validateLease = api.validator<Schemas['LeaseFilingQueryResponse']>('LeaseFilingQueryResponse');
const validateAffordable = api.validator<Schemas['AffordableHousingQueryResponse']>('AffordableHousingQueryResponse');

interface Envelope<T> {
  ret_code: number;
  data: { results: { cert_no: string; records: T[] }[] };
}

/** ret_code carries a business failure under HTTP 200; that is no answer either. */
function results<T>(envelope: Envelope<T>): Envelope<T>['data']['results'] {
  if (envelope.ret_code !== 0) throw new Error('housing answered with a business error code');
  return envelope.data.results;
}

const key = (id: string) => id.toUpperCase();

export function createHousingConnector(http: DepartmentHttp): DepartmentConnector<HousingEvidence> {
  function fetcher<T, N extends HousingEvidence>(endpoint: {
    operation: string;
    path: string;
    validate: (json: unknown) => Envelope<T>;
    map: (r: T) => EvidenceRecordMap[N];
  }) {
    return async (idNumbers: readonly string[], opts?: CallOptions): Promise<Map<string, EvidenceRecordMap[N][]>> => {
      const unique = [...new Set(idNumbers)];
      const result = emptyResult<EvidenceRecordMap[N]>(unique);
      if (unique.length === 0) return result;
      const answer = await http.call(
        {
          operation: endpoint.operation,
          method: 'POST',
          path: endpoint.path,
          body: { cert_type: RESIDENT_ID_CARD, cert_nos: unique } satisfies Schemas['CertBatchQuery'],
          parse: (json) => results(endpoint.validate(json)),
        },
        opts,
      );
      const requested = new Map(unique.map((id) => [key(id), id]));
      for (const entry of answer) {
        // an answer for a number nobody asked about is never attributed to anyone
        const id = requested.get(key(entry.cert_no));
        if (id !== undefined) result.get(id)!.push(...entry.records.map(endpoint.map));
      }
      return result;
    };
  }

  return {
    department: 'housing',
    fetchers: {
      purchaseContracts: fetcher<Schemas['SaleContract'], 'purchaseContracts'>({
        operation: 'saleContracts.query',
        path: '/open/v2/sale_contracts/query',
        validate: validateSale,
        map: toPurchaseContract,
      }),
      leaseFilings: fetcher<Schemas['LeaseFiling'], 'leaseFilings'>({
        operation: 'leaseFilings.query',
        path: '/open/v2/lease_filings/query',
        validate: validateLease,
        map: toLeaseFiling,
      }),
      subsidizedHousing: fetcher<Schemas['AffordableHousingContract'], 'subsidizedHousing'>({
        operation: 'affordableHousing.query',
        path: '/open/v2/affordable_housing/query',
        validate: validateAffordable,
        map: toSubsidizedHousingContract,
      }),
    },
  };
}
