// Civil affairs' marriage records (pinyin-initial fields, 'YYYY/MM/DD' dates, Chinese status
// words, '' for anything missing) -> the contract's MarriageRegistration.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { MarriageRegistration, MarriageStatus } from '../../src/evidence/records';
import type { components } from './api.generated';

export type MarriageRecord = components['schemas']['MarriageRecord'];

export const HYZT_TO_STATUS: Readonly<Record<MarriageRecord['hyzt'], MarriageStatus>> = {
  结婚: 'MARRIED',
  离婚: 'DIVORCED',
  撤销: 'ANNULLED',
};

export function toMarriageRegistration(r: MarriageRecord): MarriageRegistration {
  return {
    husbandIdNumber: normalizeIdNumber(r.nfzjhm),
    husbandName: r.nfxm,
    wifeIdNumber: normalizeIdNumber(r.nvzjhm),
    wifeName: r.nvxm,
    registeredOn: r.djrq === '' ? null : r.djrq.replaceAll('/', '-'),
    status: HYZT_TO_STATUS[r.hyzt],
  };
}

/** Whether the record names this person on either side (the department's answer is not trusted blindly). */
export function namesPerson(r: MarriageRecord, idNumber: string): boolean {
  const id = normalizeIdNumber(idNumber);
  return normalizeIdNumber(r.nfzjhm) === id || normalizeIdNumber(r.nvzjhm) === id;
}
