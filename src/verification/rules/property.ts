// Rule 4: property in the county
import type { PropertyCertificate, PurchaseContract } from '../../evidence/records';
import type { Policy } from '../policy';
import { inCounty, isTri, records, sameId } from './helpers';
import { and, bool, departmentOfKind, FALSE, or, status, type Tri } from './tri';
import type { ApplicationFacts, CheckResult, EvidenceSet } from './types';

export type TitleVerdict = 'counts' | 'notResidential' | 'cancelled' | 'sealed' | 'outsideCounty' | 'notHolder';

/** A residential (usage contains 住宅) title in the county, the person its holder or a co-owner, not cancelled (注销) or sealed (查封). */
export function titleVerdict(title: PropertyCertificate, ownerId: string, county: string): TitleVerdict {
  const holds = sameId(title.holderIdNumber, ownerId) || (title.coOwnership?.coOwners ?? []).some((c) => sameId(c.idNumber, ownerId));
  if (!holds) return 'notHolder';
  if (!inCounty(title.regionCode, county)) return 'outsideCounty';
  if (!(title.usage ?? '').includes('住宅')) return 'notResidential';
  const s = title.status ?? '';
  if (s.includes('注销')) return 'cancelled';
  if (s.includes('查封')) return 'sealed';
  return 'counts';
}

export type ContractVerdict = 'counts' | 'notResidential' | 'outsideCounty' | 'notBuyer';

/** An online-signed purchase contract for a residential home (planned usage contains 住宅) in the county, the person a buyer or co-buyer. */
export function contractVerdict(contract: PurchaseContract, ownerId: string, county: string): ContractVerdict {
  const buys = sameId(contract.buyerIdNumber, ownerId) || (contract.coOwnership?.coOwners ?? []).some((c) => sameId(c.idNumber, ownerId));
  if (!buys) return 'notBuyer';
  if (!inCounty(contract.regionCode, county)) return 'outsideCounty';
  if (!(contract.plannedUsage ?? '').includes('住宅')) return 'notResidential';
  return 'counts';
}

const TITLE_REASON: Record<Exclude<TitleVerdict, 'counts'>, string> = {
  notResidential: 'not residential',
  cancelled: 'cancelled (注销)',
  sealed: 'sealed (查封)',
  outsideCounty: 'outside the county',
  notHolder: 'not held by the person asked',
};
const CONTRACT_REASON: Record<Exclude<ContractVerdict, 'counts'>, string> = {
  notResidential: 'not residential',
  outsideCounty: 'outside the county',
  notBuyer: 'not bought by the person asked',
};

export interface Owner {
  idNumber: string;
  label: string;
  relation: Tri;
}

interface Holding<R> {
  owner: Owner;
  record: R;
}

interface PropertyFacts {
  titles: Tri;
  contracts: Tri;
  /** titles / contracts that count, by owners not refuted (relation T or U) */
  countedTitles: Holding<PropertyCertificate>[];
  countedContracts: Holding<PurchaseContract>[];
  /** per owner: U when that owner's titles / contracts are not known */
  titlesUnknown: Map<Owner, Tri>;
  contractsUnknown: Map<Owner, Tri>;
  checks: CheckResult[];
}

function summarizeReasons<V extends string>(verdicts: V[], reasons: Record<string, string>): string {
  const counts = new Map<V, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${reasons[v]}`).join(', ');
}

export function propertyFacts(app: ApplicationFacts, ev: EvidenceSet, owners: Owner[], policy: Policy): PropertyFacts {
  const county = app.countyCode;
  const titlesUnknown = new Map<Owner, Tri>();
  const contractsUnknown = new Map<Owner, Tri>();
  const countedTitles: Holding<PropertyCertificate>[] = [];
  const countedContracts: Holding<PurchaseContract>[] = [];

  // titles
  const titleTerms: Tri[] = [];
  /** certificate number -> why it does not count (a joint title is seen once per co-owner) */
  const seenTitles = new Map<string, TitleVerdict>();
  const refusedOwners = new Set<string>();
  for (const o of owners) {
    const list = records(ev, o.idNumber, 'properties');
    if (isTri(list)) {
      titlesUnknown.set(o, list);
      titleTerms.push(and(o.relation, list));
      continue;
    }
    titlesUnknown.set(o, FALSE);
    const verdicts = list.map((t) => titleVerdict(t, o.idNumber, county));
    list.forEach((t, i) => {
      if (verdicts[i] !== 'counts' && verdicts[i] !== 'notHolder') seenTitles.set(t.certificateNumber, verdicts[i]!);
    });
    const counting = list.filter((_, i) => verdicts[i] === 'counts');
    if (counting.length > 0 && o.relation.v === 'F') refusedOwners.add(o.label);
    if (o.relation.v !== 'F') countedTitles.push(...counting.map((record) => ({ owner: o, record })));
    titleTerms.push(and(o.relation, bool(counting.length > 0)));
  }
  const titles = or(...titleTerms);
  let titleDetail: string;
  let titleDept: string | null = 'naturalResources';
  if (titles.v === 'T') {
    const h = countedTitles.find((x) => x.owner.relation.v === 'T')!;
    titleDetail = `a residential title in ${county} held by ${h.owner.label}${h.record.status ? `, status ${h.record.status}` : ''}`;
  } else {
    const parts: string[] = [];
    if (seenTitles.size) parts.push(`titles seen: ${summarizeReasons([...seenTitles.values()], TITLE_REASON)}`);
    if (refusedOwners.size)
      parts.push(`a residential title in ${county} is held by ${[...refusedOwners].join(', ')}, not a verified parent or step-parent`);
    if (titles.v === 'U') {
      const downDepts = titles.needs.map(departmentOfKind);
      titleDept = downDepts.includes('naturalResources') ? 'naturalResources' : downDepts[0]!;
      parts.unshift(
        downDepts.includes('naturalResources')
          ? 'the natural-resources department could not answer'
          : `a title in ${county} is held by someone whose relationship could not be confirmed`,
      );
    } else parts.unshift(`no residential title in ${county}, not cancelled or sealed, held by the child, a verified parent or step-parent`);
    titleDetail = parts.join('; ');
  }
  const checks: CheckResult[] = [{ name: 'property.title', status: status(titles), department: titleDept, detail: titleDetail }];

  // purchase contracts
  let contracts: Tri = FALSE;
  if (!policy.purchaseContractsCountAsProperty) {
    checks.push({
      name: 'property.purchaseContract',
      status: 'NOT_APPLICABLE',
      department: null,
      detail: `this county (${county}) does not count purchase contracts as property`,
    });
    for (const o of owners) contractsUnknown.set(o, FALSE);
  } else {
    const terms: Tri[] = [];
    const seen = new Map<string, ContractVerdict>();
    const refused = new Set<string>();
    for (const o of owners) {
      const list = records(ev, o.idNumber, 'purchaseContracts');
      if (isTri(list)) {
        contractsUnknown.set(o, list);
        terms.push(and(o.relation, list));
        continue;
      }
      contractsUnknown.set(o, FALSE);
      const verdicts = list.map((c) => contractVerdict(c, o.idNumber, county));
      list.forEach((c, i) => {
        if (verdicts[i] !== 'counts' && verdicts[i] !== 'notBuyer') seen.set(c.contractNumber, verdicts[i]!);
      });
      const counting = list.filter((_, i) => verdicts[i] === 'counts');
      if (counting.length > 0 && o.relation.v === 'F') refused.add(o.label);
      if (o.relation.v !== 'F') countedContracts.push(...counting.map((record) => ({ owner: o, record })));
      terms.push(and(o.relation, bool(counting.length > 0)));
    }
    contracts = or(...terms);
    let detail: string;
    let dept: string | null = 'housing';
    if (contracts.v === 'T') {
      const h = countedContracts.find((x) => x.owner.relation.v === 'T')!;
      detail = `an online-signed purchase contract for a residential home in ${county}, bought by ${h.owner.label}`;
    } else {
      const parts: string[] = [];
      if (seen.size) parts.push(`contracts seen: ${summarizeReasons([...seen.values()], CONTRACT_REASON)}`);
      if (refused.size) parts.push(`a contract in ${county} is held by ${[...refused].join(', ')}, not a verified parent or step-parent`);
      if (contracts.v === 'U') {
        const downDepts = contracts.needs.map(departmentOfKind);
        dept = downDepts.includes('housing') ? 'housing' : downDepts[0]!;
        parts.unshift(
          downDepts.includes('housing')
            ? 'the housing department could not answer'
            : `a contract in ${county} is held by someone whose relationship could not be confirmed`,
        );
      } else
        parts.unshift(
          `no online-signed purchase contract for a residential home in ${county} by the child, a verified parent or step-parent`,
        );
      detail = parts.join('; ');
    }
    checks.push({ name: 'property.purchaseContract', status: status(contracts), department: dept, detail });
  }
  return { titles, contracts, countedTitles, countedContracts, titlesUnknown, contractsUnknown, checks };
}
