// 住房和城乡建设 (Housing & Urban-Rural Development): purchase contracts (网签), lease
// filings (租赁备案) and subsidized housing (保障房), three batch endpoints with no cap. Each
// answers per requested cert_no, so every record is attributed by the department itself:
// one call per endpoint per batch.
import type { EvidenceRecordMap } from '../../src/evidence/kinds';
import { batchFetch } from '../batch';
import type { DepartmentHttp } from '../http';
import { loadOpenApi } from '../openapi';
import type { DepartmentConnector } from '../types';
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

export function createHousingConnector(http: DepartmentHttp): DepartmentConnector<HousingEvidence> {
  function endpoint<T, N extends HousingEvidence>(o: {
    operation: string;
    path: string;
    validate: (json: unknown) => Envelope<T>;
    map: (r: T) => EvidenceRecordMap[N];
  }) {
    return batchFetch<Envelope<T>['data']['results'], { certNo: string; record: T }, EvidenceRecordMap[N]>({
      department: 'housing',
      cap: Infinity,
      ask: (cert_nos, _page, opts) =>
        http.call(
          {
            operation: o.operation,
            method: 'POST',
            path: o.path,
            body: { cert_type: RESIDENT_ID_CARD, cert_nos } satisfies Schemas['CertBatchQuery'],
            parse: (json) => results(o.validate(json)),
          },
          opts,
        ),
      rows: (answer) => answer.flatMap(({ cert_no, records }) => records.map((record) => ({ certNo: cert_no, record }))),
      subjects: ({ certNo }) => [certNo],
      map: ({ record }) => o.map(record),
    });
  }

  return {
    department: 'housing',
    fetchers: {
      purchaseContracts: endpoint<Schemas['SaleContract'], 'purchaseContracts'>({
        operation: 'saleContracts.query',
        path: '/open/v2/sale_contracts/query',
        validate: validateSale,
        map: toPurchaseContract,
      }),
      leaseFilings: endpoint<Schemas['LeaseFiling'], 'leaseFilings'>({
        operation: 'leaseFilings.query',
        path: '/open/v2/lease_filings/query',
        validate: validateLease,
        map: toLeaseFiling,
      }),
      subsidizedHousing: endpoint<Schemas['AffordableHousingContract'], 'subsidizedHousing'>({
        operation: 'affordableHousing.query',
        path: '/open/v2/affordable_housing/query',
        validate: validateAffordable,
        map: toSubsidizedHousingContract,
      }),
    },
  };
}
