// Housing payload (snake_case, JSON null for "no value", ISO date-times with an offset,
// Chinese co-ownership words) -> the contract's PurchaseContract, LeaseFiling and
// SubsidizedHousingContract.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { CoOwnershipMode, LeaseFiling, PurchaseContract, SubsidizedHousingContract } from '../../src/evidence/records';
import type { components } from './api.generated';

type Schemas = components['schemas'];

const MODE: Record<NonNullable<Schemas['OwnershipMode']>, CoOwnershipMode> = {
  单独所有: 'SOLE',
  共同共有: 'JOINT',
  按份共有: 'BY_SHARES',
};

const CHINA_OFFSET_MS = 8 * 3600_000;

function text(v: string | null | undefined): string | null {
  return v === null || v === undefined || v.trim() === '' ? null : v;
}

function idOrNull(v: string | null): string | null {
  const id = text(v);
  return id === null ? null : normalizeIdNumber(id);
}

/** The signing day as Jining's calendar has it, whatever offset the department wrote. */
function chinaDate(dateTime: string | null): string | null {
  if (dateTime === null) return null;
  return new Date(Date.parse(dateTime) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function toPurchaseContract(r: Schemas['SaleContract']): PurchaseContract {
  return {
    contractNumber: r.contract_no,
    buyerName: r.buyer_name,
    buyerIdNumber: normalizeIdNumber(r.buyer_cert_no),
    coOwnership:
      r.ownership_mode === null
        ? null
        : {
            mode: MODE[r.ownership_mode],
            coOwners: r.co_owners.map((c) => ({ name: c.name, idNumber: idOrNull(c.cert_no), share: text(c.share) })),
          },
    signedAt: chinaDate(r.sign_time),
    agreedDeliveryDate: r.delivery_date,
    regionCode: r.house_region_code,
    location: text(r.house_address),
    plannedUsage: text(r.planned_use),
  };
}

export function toLeaseFiling(r: Schemas['LeaseFiling']): LeaseFiling {
  return {
    filingNumber: r.filing_cert_no,
    lessorName: text(r.lessor_name),
    lessorIdNumber: idOrNull(r.lessor_cert_no),
    lesseeName: r.lessee_name,
    lesseeIdNumber: normalizeIdNumber(r.lessee_cert_no),
    regionCode: r.house_region_code,
    location: text(r.house_address),
    propertyCertificateNumber: text(r.property_cert_no),
    leaseStart: r.lease_start,
    leaseEnd: r.lease_end,
  };
}

export function toSubsidizedHousingContract(r: Schemas['AffordableHousingContract']): SubsidizedHousingContract {
  return {
    regionCode: r.region_code,
    address: text(r.house_address),
    members: r.members.map((m) => ({ relationToPrimaryApplicant: text(m.relation), name: m.name, idNumber: normalizeIdNumber(m.cert_no) })),
    contractStatus: text(r.contract_status),
    reviewStatus: text(r.audit_status),
    contractStart: r.start_date,
    subsidyType: text(r.subsidy_type),
    contractEnd: r.end_date,
    applicationCertificateNumber: text(r.apply_cert_no),
  };
}
