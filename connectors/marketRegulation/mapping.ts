// Market regulation's registration items -> the contract's licences. Its two endpoints write
// dates differently: individual businesses as epoch milliseconds of midnight Beijing time,
// enterprises as 'YYYY年MM月DD日'. Missing text is ''.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { EnterpriseLicense, IndividualBusinessLicense } from '../../src/evidence/records';
import type { components } from './api.generated';

export type GtgshItem = components['schemas']['GtgshItem'];
export type QyfrItem = components['schemas']['QyfrItem'];

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Epoch ms -> the calendar date in Beijing (reading it as UTC would give the day before). */
export function beijingDateOfEpochMs(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function toIndividualBusinessLicense(item: GtgshItem): IndividualBusinessLicense {
  return {
    operatorName: item.jyzxm,
    operatorIdNumber: normalizeIdNumber(item.jyzsfzh),
    creditCode: item.tyshxydm,
    establishedOn: item.clrq === null ? null : beijingDateOfEpochMs(item.clrq),
    businessAddress: blankToNull(item.jycs),
    regionCode: item.jydqh,
  };
}

/** The legal representative's ID number is how the enterprise was found, not a contract field. */
export function toEnterpriseLicense(item: QyfrItem): EnterpriseLicense {
  return {
    enterpriseName: item.qymc,
    creditCode: item.tyshxydm,
    licenseName: blankToNull(item.zzmc),
    legalRepresentativeName: item.fddbr,
    registeredOn: item.zcrq === '' ? null : item.zcrq.replace(/^(\d{4})年(\d{2})月(\d{2})日$/, '$1-$2-$3'),
    registeredAddress: blankToNull(item.zcdz),
    regionCode: item.djjgqh,
  };
}

/** Whether an item found for the queried ID number (cxsfzh) names that person as operator or representative. */
export function namesQueried(queried: string, named: string): boolean {
  return normalizeIdNumber(queried) === normalizeIdNumber(named);
}

function blankToNull(s: string): string | null {
  return s === '' ? null : s;
}
