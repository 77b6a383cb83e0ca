// Human resources' payment rows (MOHRSS indicator codes aac002, aae140, ...) -> the
// contract's SocialInsurancePayment, one per person, month and insurance type.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { InsuranceType, SocialInsurancePayment } from '../../src/evidence/records';
import type { components } from './api.generated';

export type PaymentRow = components['schemas']['PaymentRow'];

/** aae140 insurance type codes: the employee, civil-service and resident schemes fold into one contract type. */
export const AAE140_TO_INSURANCE: Readonly<Record<PaymentRow['aae140'], InsuranceType>> = {
  '110': 'PENSION',
  '120': 'PENSION',
  '170': 'PENSION',
  '210': 'UNEMPLOYMENT',
  '310': 'MEDICAL',
  '390': 'MEDICAL',
  '410': 'WORK_INJURY',
  '510': 'MATERNITY',
};

export function toSocialInsurancePayment(row: PaymentRow): SocialInsurancePayment {
  return {
    idNumber: normalizeIdNumber(row.aac002),
    name: row.aac003,
    employerName: row.aab004 === '' ? null : row.aab004,
    period: `${row.aae002.slice(0, 4)}-${row.aae002.slice(4, 6)}`,
    insuranceType: AAE140_TO_INSURANCE[row.aae140],
    regionCode: row.aab301 === '' ? null : row.aab301,
  };
}
