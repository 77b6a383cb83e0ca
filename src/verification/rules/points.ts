// Rule 7: points
import type { EvidenceName, EvidenceRecordMap } from '../../evidence/kinds';
import type {
  EnterpriseLicense,
  IndividualBusinessLicense,
  LeaseFiling,
  PurchaseContract,
  SocialInsurancePayment,
  SubsidizedHousingContract,
} from '../../evidence/records';
import type { EvidenceKind, PointsItemKind } from '../../generated/graphql';
import type { PointsPolicy } from '../policy';
import { inCounty, isTri, plural, records, sameId } from './helpers';
import { contractVerdict, titleVerdict, type Owner } from './property';
import { departmentOfKind, kindOf, sortKinds } from './tri';
import type { ApplicationFacts, CheckResult, EvidenceSet, PointsItemResult, PointsResult } from './types';

const ITEM_ORDER: PointsItemKind[] = ['HOUSEHOLD_TYPE', 'RESIDENCE', 'EMPLOYMENT', 'PROPERTY_TYPE'];

/** Active on the day: start on or before, end on or after (an absent bound is open). */
const covers = (from: string | null, until: string | null, day: string) => (!from || from <= day) && (!until || until >= day);
const ENDED = /终止|解除|失效|注销|退出|到期/;

export interface PointsOutcome {
  points: PointsResult;
  checks: CheckResult[];
  /** documents that could still raise the score */
  needs: EvidenceKind[];
}

/** The evidence each configured item reads, for the people scored (verify.ts fetches it). */
export function pointsEvidence(points: PointsPolicy): { guardians: EvidenceName[]; child: EvidenceName[] } {
  const g = new Set<EvidenceName>();
  const c = new Set<EvidenceName>();
  const { RESIDENCE, EMPLOYMENT, PROPERTY_TYPE } = points.items;
  if (RESIDENCE) {
    if (RESIDENCE.leaseFiling > 0) g.add('leaseFilings');
    if (RESIDENCE.subsidizedHousing > 0) {
      g.add('subsidizedHousing');
      c.add('subsidizedHousing');
    }
    if (RESIDENCE.purchaseContract > 0) g.add('purchaseContracts');
  }
  if (EMPLOYMENT) {
    if (EMPLOYMENT.socialInsurance) g.add('socialInsurance');
    if (EMPLOYMENT.businessLicense !== undefined) {
      g.add('individualBusinesses');
      g.add('enterprises');
    }
  }
  if (PROPERTY_TYPE) {
    g.add('properties');
    c.add('properties');
    if (PROPERTY_TYPE.purchaseContract > 0) g.add('purchaseContracts');
  }
  return { guardians: [...g], child: [...c] };
}

/** Rule 7: each configured item scored from the evidence of the verified parents / step-parents and the child. */
export function scorePoints(
  app: ApplicationFacts,
  ev: EvidenceSet,
  points: PointsPolicy,
  people: Owner[],
  child: Owner,
  cutoff: string,
): PointsOutcome {
  const county = app.countyCode;
  const items: PointsItemResult[] = [];
  const checks: CheckResult[] = [];
  const needs: EvidenceKind[] = [];

  /** best-of item: the highest-scoring source that is present; an unknown source matters only if it could score higher */
  const push = (
    item: PointsItemKind,
    score: number,
    evidence: EvidenceKind[],
    detail: string,
    unknownKinds: EvidenceKind[],
    couldScore: number,
  ) => {
    const matters = unknownKinds.length > 0 && couldScore > score;
    if (matters) needs.push(...unknownKinds);
    items.push({ item, score, evidence: sortKinds(evidence), detail });
    checks.push({
      name: `points.${item}`,
      status: matters ? 'UNAVAILABLE' : 'PASSED',
      department: matters ? departmentOfKind(unknownKinds[0]!) : evidence.length ? departmentOfKind(evidence[0]!) : null,
      detail: matters
        ? `${detail}; could be higher: ${[...new Set(unknownKinds.map(departmentOfKind))].join(', ')} could not answer`
        : detail,
    });
  };

  const { HOUSEHOLD_TYPE, RESIDENCE, EMPLOYMENT, PROPERTY_TYPE } = points.items;

  if (HOUSEHOLD_TYPE) {
    const table = HOUSEHOLD_TYPE.byHouseholdType;
    const max = Math.max(0, ...Object.values(table).map((v) => v ?? 0));
    const list = records(ev, child.idNumber, 'household');
    if (isTri(list)) push('HOUSEHOLD_TYPE', 0, [], "the child's household register is not available", list.needs, max);
    else {
      const type = list[0]?.householdType ?? null;
      const score = type ? (table[type] ?? 0) : 0;
      push(
        'HOUSEHOLD_TYPE',
        score,
        list[0] ? ['HOUSEHOLD_REGISTRATION'] : [],
        type ? `household type ${type}` : 'no household type on record',
        [],
        max,
      );
    }
  }

  if (RESIDENCE) {
    let best = 0;
    let bestKind: EvidenceKind | null = null;
    let bestLabel = 'no lease filing, subsidized housing or purchase contract in the county current on the cut-off';
    const unknownKinds: EvidenceKind[] = [];
    let could = 0;
    const consider = (score: number, kind: EvidenceKind, label: string) => {
      if (score > best) {
        best = score;
        bestKind = kind;
        bestLabel = label;
      }
    };
    const source = <N extends EvidenceName>(
      who: Owner[],
      name: N,
      score: number,
      counts: (r: EvidenceRecordMap[N], o: Owner) => boolean,
      label: string,
    ) => {
      if (score <= 0) return;
      for (const o of who) {
        const list = records(ev, o.idNumber, name);
        if (isTri(list)) {
          unknownKinds.push(...list.needs);
          could = Math.max(could, score);
        } else if (list.some((r) => counts(r, o))) consider(score, kindOf(name), `${label} (${o.label})`);
      }
    };
    source(
      people,
      'leaseFilings',
      RESIDENCE.leaseFiling,
      (l: LeaseFiling, o) =>
        sameId(l.lesseeIdNumber, o.idNumber) && inCounty(l.regionCode, county) && covers(l.leaseStart, l.leaseEnd, cutoff),
      'a lease filing in the county current on the cut-off',
    );
    source(
      [...people, child],
      'subsidizedHousing',
      RESIDENCE.subsidizedHousing,
      (s: SubsidizedHousingContract, o) =>
        s.members.some((m) => sameId(m.idNumber, o.idNumber)) &&
        inCounty(s.regionCode, county) &&
        covers(s.contractStart, s.contractEnd, cutoff) &&
        !ENDED.test(s.contractStatus ?? '') &&
        (!s.reviewStatus || s.reviewStatus.includes('通过')),
      'a subsidized-housing contract in the county current on the cut-off',
    );
    source(
      people,
      'purchaseContracts',
      RESIDENCE.purchaseContract,
      (c: PurchaseContract, o) => contractVerdict(c, o.idNumber, county) === 'counts',
      'a purchase contract for a residential home in the county',
    );
    push('RESIDENCE', best, bestKind ? [bestKind] : [], bestLabel, unknownKinds, could);
  }

  if (EMPLOYMENT) {
    const cap = EMPLOYMENT.max ?? Number.POSITIVE_INFINITY;
    const lastMonth = cutoff.slice(0, 7);
    let best = 0;
    let bestDetail = 'no social insurance paid and no business licence in the county';
    let bestEvidence: EvidenceKind[] = [];
    const unknownKinds: EvidenceKind[] = [];
    for (const o of people) {
      let months = 0;
      let licence = false;
      const evidence: EvidenceKind[] = [];
      if (EMPLOYMENT.socialInsurance) {
        const list = records(ev, o.idNumber, 'socialInsurance');
        if (isTri(list)) unknownKinds.push(...list.needs);
        else {
          const periods = new Set(
            list.filter((p: SocialInsurancePayment) => inCounty(p.regionCode, county) && p.period <= lastMonth).map((p) => p.period),
          );
          months = Math.min(periods.size, EMPLOYMENT.socialInsurance.maxMonths);
          if (periods.size) evidence.push('SOCIAL_INSURANCE_PAYMENT');
        }
      }
      if (EMPLOYMENT.businessLicense !== undefined) {
        const ib = records(ev, o.idNumber, 'individualBusinesses');
        const en = records(ev, o.idNumber, 'enterprises');
        if (isTri(ib)) unknownKinds.push(...ib.needs);
        else if (ib.some((b: IndividualBusinessLicense) => sameId(b.operatorIdNumber, o.idNumber) && inCounty(b.regionCode, county))) {
          licence = true;
          evidence.push('INDIVIDUAL_BUSINESS_LICENSE');
        }
        if (isTri(en)) unknownKinds.push(...en.needs);
        else if (en.some((e: EnterpriseLicense) => inCounty(e.regionCode, county))) {
          licence = true;
          evidence.push('ENTERPRISE_LICENSE');
        }
      }
      const raw = months * (EMPLOYMENT.socialInsurance?.pointsPerMonth ?? 0) + (licence ? (EMPLOYMENT.businessLicense ?? 0) : 0);
      const score = Math.min(cap, raw);
      if (score > best) {
        best = score;
        bestEvidence = evidence;
        const parts = [];
        if (months)
          parts.push(
            `${plural(months, 'month')} of social insurance paid in the county${EMPLOYMENT.socialInsurance && months === EMPLOYMENT.socialInsurance.maxMonths ? ' (the cap)' : ''}`,
          );
        if (licence) parts.push('a business licence in the county');
        bestDetail = `${o.label}: ${parts.join(' and ')}${raw > cap ? `, capped at ${cap}` : ''}`;
      }
    }
    const full = Math.min(
      cap,
      (EMPLOYMENT.socialInsurance ? EMPLOYMENT.socialInsurance.maxMonths * EMPLOYMENT.socialInsurance.pointsPerMonth : 0) +
        (EMPLOYMENT.businessLicense ?? 0),
    );
    push('EMPLOYMENT', best, bestEvidence, bestDetail, unknownKinds, full);
  }

  if (PROPERTY_TYPE) {
    let best = 0;
    let bestKind: EvidenceKind | null = null;
    let bestLabel = 'no title or purchase contract in the county';
    const unknownKinds: EvidenceKind[] = [];
    let could = 0;
    for (const o of [...people, child]) {
      const titles = records(ev, o.idNumber, 'properties');
      if (isTri(titles)) {
        unknownKinds.push(...titles.needs);
        could = Math.max(could, PROPERTY_TYPE.residentialTitle, PROPERTY_TYPE.nonResidentialTitle);
      } else {
        for (const t of titles) {
          const v = titleVerdict(t, o.idNumber, county);
          const s =
            v === 'counts'
              ? PROPERTY_TYPE.residentialTitle
              : v === 'notResidential' && !/注销|查封/.test(t.status ?? '')
                ? PROPERTY_TYPE.nonResidentialTitle
                : 0;
          if (s > best) {
            best = s;
            bestKind = 'PROPERTY_CERTIFICATE';
            bestLabel = `${v === 'counts' ? 'a residential' : 'a non-residential'} title in the county (${o.label})`;
          }
        }
      }
      if (PROPERTY_TYPE.purchaseContract > 0 && o !== child) {
        const contracts = records(ev, o.idNumber, 'purchaseContracts');
        if (isTri(contracts)) {
          unknownKinds.push(...contracts.needs);
          could = Math.max(could, PROPERTY_TYPE.purchaseContract);
        } else if (contracts.some((c) => contractVerdict(c, o.idNumber, county) === 'counts') && PROPERTY_TYPE.purchaseContract > best) {
          best = PROPERTY_TYPE.purchaseContract;
          bestKind = 'PURCHASE_CONTRACT';
          bestLabel = `a purchase contract for a residential home in the county (${o.label})`;
        }
      }
    }
    push('PROPERTY_TYPE', best, bestKind ? [bestKind] : [], bestLabel, unknownKinds, could);
  }

  items.sort((a, b) => ITEM_ORDER.indexOf(a.item) - ITEM_ORDER.indexOf(b.item));
  return { points: { total: items.reduce((s, i) => s + i.score, 0), items }, checks, needs: sortKinds(needs) };
}
