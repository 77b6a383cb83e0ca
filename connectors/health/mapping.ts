// Health's birth-certificate rows (YYYYMMDD dates, JSON null for a missing parent, one row
// per matched role) -> the contract's BirthCertificate.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { BirthCertificate } from '../../src/evidence/records';
import type { components } from './api.generated';

export type BirthCertificateItem = components['schemas']['BirthCertificateItem'];

export function toBirthCertificate(item: BirthCertificateItem): BirthCertificate {
  return {
    certificateNumber: item.cszmbh,
    childName: item.xsexm,
    birthDate: `${item.csrq.slice(0, 4)}-${item.csrq.slice(4, 6)}-${item.csrq.slice(6, 8)}`,
    fatherName: blankToNull(item.fqxm),
    fatherIdNumber: idOrNull(item.fqsfzh),
    motherName: blankToNull(item.mqxm),
    motherIdNumber: idOrNull(item.mqsfzh),
  };
}

/** Whether the certificate names this person as father or mother. */
export function namesParent(item: BirthCertificateItem, idNumber: string): boolean {
  const id = normalizeIdNumber(idNumber);
  return idOrNull(item.fqsfzh) === id || idOrNull(item.mqsfzh) === id;
}

function blankToNull(s: string | null): string | null {
  return s === null || s === '' ? null : s;
}

function idOrNull(s: string | null): string | null {
  const id = blankToNull(s);
  return id === null ? null : normalizeIdNumber(id);
}
