// Real-estate register payload (pinyin-abbreviation fields, 'YYYY-MM-DD HH:mm:ss' times,
// Chinese co-ownership words, absent keys for "no value") -> the contract's PropertyCertificate.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { CoOwnershipMode, PropertyCertificate } from '../../src/evidence/records';
import type { components } from './api.generated';

type BdcRecord = components['schemas']['BdcRecord'];

const MODE: Record<NonNullable<BdcRecord['gyfs']>, CoOwnershipMode> = {
  单独所有: 'SOLE',
  共同共有: 'JOINT',
  按份共有: 'BY_SHARES',
};

function text(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v;
}

function idOrNull(v: string | undefined): string | null {
  const id = text(v);
  return id === null ? null : normalizeIdNumber(id);
}

export function toPropertyCertificate(r: BdcRecord): PropertyCertificate {
  return {
    holderName: r.qlrmc,
    holderIdNumber: normalizeIdNumber(r.qlrzjh),
    certificateNumber: r.bdcqzh,
    rightType: text(r.qllx),
    rightNature: text(r.qlxz),
    // the registration's clock time is not part of the contract's date
    registeredOn: r.djsj === undefined ? null : r.djsj.slice(0, 10),
    regionCode: r.zlqh,
    location: text(r.zl),
    usage: text(r.yt),
    status: text(r.zt),
    coOwnership:
      r.gyfs === undefined
        ? null
        : {
            mode: MODE[r.gyfs],
            coOwners: (r.gyqk ?? []).map((g) => ({ name: g.gyrmc, idNumber: idOrNull(g.gyrzjh), share: text(g.fe) })),
          },
  };
}
