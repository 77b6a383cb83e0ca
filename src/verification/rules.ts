// The enrollment rules of issue 7 as pure functions over evidence already fetched: no I/O, no
// clock, no department. verify.ts fetches, this file decides.
//
// Every fact is three-valued (Tri): T (the data shows it), F (the data shows it does not
// hold), U (a department could not answer, or the evidence was not asked for). A U carries the
// documents (EvidenceKind) a family could photograph to settle it. The category is the first
// rule of issue 7 rule 5 that is T; an earlier rule that is U is what the family must still
// prove (missingEvidence), and zeroProof is true only when nothing is left to prove.
//
// Check details are written for county staff: never an ID number or a name; the address
// check shows the addresses it compared, in normalized notation.
import { EVIDENCE, type Department, type EvidenceName, type EvidenceRecordMap } from '../evidence/kinds';
import type {
  BirthCertificate,
  EnterpriseLicense,
  HouseholdRegistration,
  IndividualBusinessLicense,
  LeaseFiling,
  MarriageRegistration,
  PropertyCertificate,
  PurchaseContract,
  ResidencePermit,
  SocialInsurancePayment,
  SubsidizedHousingContract,
} from '../evidence/records';
import type {
  CheckStatus,
  EnrollmentCategory,
  EvidenceKind,
  Gender,
  GuardianRelation,
  HouseholdType,
  PointsItemKind,
  Stage,
} from '../generated/graphql';
import { normalizeAddress, sameAddress, trimAddress } from './address';
import type { Policy, PointsPolicy } from './policy';

// ---------------------------------------------------------------------------------------
// Inputs

/** One read's outcome: the records, or the department that could not answer. */
export type Fetched<R> = { ok: true; records: R[] } | { ok: false; department: Department };
/** What was fetched for one person; a kind not asked is absent. */
export type PersonEvidence = { [N in EvidenceName]?: Fetched<EvidenceRecordMap[N]> };
/** ID number (as the application wrote it, canonical) -> that person's evidence. */
export type EvidenceSet = ReadonlyMap<string, PersonEvidence>;

/** A checked application: ID numbers canonical, the child's birth date and gender from the ID number. */
export interface ApplicationFacts {
  applicationId: string;
  countyCode: string;
  schoolYear: number;
  stage: Stage;
  child: { idNumber: string; name: string; birthDate: string; gender: Gender };
  guardians: { idNumber: string; name: string; relation: GuardianRelation }[];
  priorityGroup: boolean;
}

// ---------------------------------------------------------------------------------------
// Outputs (the shapes of schema/verification.graphql)

export interface CheckResult {
  name: string;
  status: CheckStatus;
  department: string | null;
  detail: string | null;
}

export interface PointsItemResult {
  item: PointsItemKind;
  score: number;
  evidence: EvidenceKind[];
  detail: string | null;
}

export interface PointsResult {
  total: number;
  items: PointsItemResult[];
}

export interface RegistryGuardianDraft {
  name: string;
  idNumber: string;
  relation: GuardianRelation;
  verifiedBy: string | null;
}

export interface RegistryDraft {
  name: string;
  idNumber: string;
  gender: Gender | null;
  birthDate: string | null;
  ethnicity: string | null;
  nativePlace: string | null;
  householdAddress: string | null;
  householdRegionCode: string | null;
  householdType: HouseholdType | null;
  birthCertificateNumber: string | null;
  guardians: RegistryGuardianDraft[];
}

export interface VerificationResult {
  applicationId: string;
  category: EnrollmentCategory;
  zeroProof: boolean;
  ageEligible: boolean | null;
  checks: CheckResult[];
  missingEvidence: EvidenceKind[];
  points: PointsResult | null;
  registryDraft: RegistryDraft | null;
}

// ---------------------------------------------------------------------------------------
// Three-valued facts

export interface Tri {
  v: 'T' | 'F' | 'U';
  /** for U: the documents that would settle it */
  needs: EvidenceKind[];
}
export const TRUE: Tri = Object.freeze({ v: 'T', needs: [] });
export const FALSE: Tri = Object.freeze({ v: 'F', needs: [] });
export function unknown(...needs: EvidenceKind[]): Tri {
  return { v: 'U', needs: sortKinds(needs) };
}
export function and(...xs: Tri[]): Tri {
  if (xs.some((x) => x.v === 'F')) return FALSE;
  if (xs.every((x) => x.v === 'T')) return TRUE;
  return unknown(...xs.flatMap((x) => (x.v === 'U' ? x.needs : [])));
}
export function or(...xs: Tri[]): Tri {
  if (xs.some((x) => x.v === 'T')) return TRUE;
  if (xs.every((x) => x.v === 'F')) return FALSE;
  return unknown(...xs.flatMap((x) => (x.v === 'U' ? x.needs : [])));
}
const bool = (b: boolean): Tri => (b ? TRUE : FALSE);

/** EvidenceKind in the enum's order (schema/verification.graphql). */
export const EVIDENCE_KIND_ORDER: readonly EvidenceKind[] = [
  'HOUSEHOLD_REGISTRATION',
  'RESIDENCE_PERMIT',
  'PROPERTY_CERTIFICATE',
  'PURCHASE_CONTRACT',
  'LEASE_FILING',
  'SUBSIDIZED_HOUSING_CONTRACT',
  'INDIVIDUAL_BUSINESS_LICENSE',
  'ENTERPRISE_LICENSE',
  'SOCIAL_INSURANCE_PAYMENT',
  'MARRIAGE_REGISTRATION',
  'BIRTH_CERTIFICATE',
];
export function sortKinds(kinds: Iterable<EvidenceKind>): EvidenceKind[] {
  const set = new Set(kinds);
  return EVIDENCE_KIND_ORDER.filter((k) => set.has(k));
}

const kindOf = (name: EvidenceName): EvidenceKind => EVIDENCE[name].enumValue as EvidenceKind;
const departmentOfKind = (kind: EvidenceKind): Department => Object.values(EVIDENCE).find((e) => e.enumValue === kind)!.department;
const documentOf = (name: EvidenceName): string => EVIDENCE[name].documentName;

function status(t: Tri): CheckStatus {
  return t.v === 'T' ? 'PASSED' : t.v === 'F' ? 'FAILED' : 'UNAVAILABLE';
}

// ---------------------------------------------------------------------------------------
// Small helpers

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toUpperCase() === b.toUpperCase();
}
const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.replace(/\s/g, '') === b.replace(/\s/g, '');
/** A region code in the county: the code itself, or a finer code under it. */
export const inCounty = (regionCode: string | null | undefined, county: string) => !!regionCode && regionCode.startsWith(county);

const DAY_MS = 86_400_000;
const toDays = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDays = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}
/** Calendar months, the day clamped to the month's last (03-31 minus 1 month = 02-28). */
export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const dim = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), dim);
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function get<N extends EvidenceName>(ev: EvidenceSet, id: string, name: N): Fetched<EvidenceRecordMap[N]> | undefined {
  for (const [k, v] of ev) if (sameId(k, id)) return v[name];
  return undefined;
}
/** The records, or U naming the document when the department did not answer (or was not asked). */
function records<N extends EvidenceName>(ev: EvidenceSet, id: string, name: N): EvidenceRecordMap[N][] | Tri {
  const f = get(ev, id, name);
  return f?.ok ? f.records : unknown(kindOf(name));
}
const isTri = (x: unknown): x is Tri => !!x && typeof x === 'object' && 'v' in x && 'needs' in x;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------
// Rule 2: age, and the ID number's birth date against the register

export function primaryCutoff(schoolYear: number, age: Policy['age']): string {
  return `${schoolYear - age.years}-${age.by}`;
}

/** Born on or before the cut-off (31 August of schoolYear - 6 by default). */
export function isAgeEligible(birthDate: string, schoolYear: number, age: Policy['age']): boolean {
  return birthDate <= primaryCutoff(schoolYear, age);
}

// ---------------------------------------------------------------------------------------
// Rule 1: relationship

const HEAD_CODES = new Set(['01', '02']);
/** 20-27 son (27 adopted or step-son), 30-37 daughter: a child of the head */
export const isChildOfHeadCode = (code: string | null) => !!code && /^(2[0-7]|3[0-7])$/.test(code);

/** The child's birth certificate among those found through a guardian's ID number: same child name and birth date, naming the guardian. */
export function matchBirthCertificate(
  guardianId: string,
  child: { name: string; birthDate: string },
  certificates: readonly BirthCertificate[],
): { certificate: BirthCertificate; role: 'FATHER' | 'MOTHER' } | null {
  for (const c of certificates) {
    if (!sameName(c.childName, child.name) || c.birthDate !== child.birthDate) continue;
    if (sameId(c.fatherIdNumber, guardianId)) return { certificate: c, role: 'FATHER' };
    if (sameId(c.motherIdNumber, guardianId)) return { certificate: c, role: 'MOTHER' };
  }
  return null;
}

/** Same household, the guardian its head, the child a son or daughter (20-27, 30-37) of the head. A head's spouse is never a parent by the register alone. */
export function parentByRegister(child: HouseholdRegistration | null, guardian: HouseholdRegistration | null): boolean {
  if (!child || !guardian) return false;
  return (
    !!child.householdNumber &&
    child.householdNumber === guardian.householdNumber &&
    HEAD_CODES.has(guardian.relationToHeadCode ?? '') &&
    isChildOfHeadCode(child.relationToHeadCode)
  );
}

/**
 * The person's current spouse: per partner the latest registration decides (a later divorce or
 * annulment between the same two people ends a marriage; on the same day the dissolution wins);
 * of several partners still married on record, the latest marriage. Returns the partner's ID number.
 */
export function currentSpouse(personId: string, marriages: readonly MarriageRegistration[]): string | null {
  const byPartner = new Map<string, { id: string; list: MarriageRegistration[] }>();
  for (const m of marriages) {
    const partner = sameId(m.husbandIdNumber, personId) ? m.wifeIdNumber : sameId(m.wifeIdNumber, personId) ? m.husbandIdNumber : null;
    if (!partner) continue;
    const key = partner.toUpperCase();
    const entry = byPartner.get(key) ?? { id: partner, list: [] };
    entry.list.push(m);
    byPartner.set(key, entry);
  }
  let best: { id: string; date: string } | null = null;
  for (const { id, list } of byPartner.values()) {
    const sorted = [...list].sort(
      (a, b) =>
        (a.registeredOn ?? '').localeCompare(b.registeredOn ?? '') || (a.status === 'MARRIED' ? -1 : 0) - (b.status === 'MARRIED' ? -1 : 0),
    );
    const last = sorted.at(-1)!;
    if (last.status !== 'MARRIED') continue;
    const date = last.registeredOn ?? '';
    if (!best || date > best.date) best = { id, date };
  }
  return best?.id ?? null;
}

export interface GuardianLink {
  index: number;
  idNumber: string;
  /** the child's parent (birth certificate or register) */
  parent: Tri;
  /** the current spouse of another guardian who is a verified parent */
  step: Tri;
  /** parent or step-parent */
  relation: Tri;
  role: 'FATHER' | 'MOTHER' | null;
  certificate: BirthCertificate | null;
  verifiedBy: string | null;
  check: CheckResult;
}

/** A current spouse of a verified (or not yet refuted) parent who is not among the guardians: a step-parent candidate. */
export interface SpouseCandidate {
  idNumber: string;
  /** the guardian whose spouse this is */
  viaGuardian: number;
  relation: Tri;
}

function marriagesOf(ev: EvidenceSet, ids: string[]): { list: MarriageRegistration[]; unavailable: boolean } {
  const list: MarriageRegistration[] = [];
  let unavailable = false;
  const seen = new Set<string>();
  for (const id of ids) {
    const f = get(ev, id, 'marriages');
    if (!f?.ok) {
      unavailable = true;
      continue;
    }
    for (const m of f.records) {
      const key = JSON.stringify([m.husbandIdNumber, m.wifeIdNumber, m.registeredOn, m.status]);
      if (!seen.has(key)) {
        seen.add(key);
        list.push(m);
      }
    }
  }
  return { list, unavailable };
}

export function relationships(app: ApplicationFacts, ev: EvidenceSet): GuardianLink[] {
  const childHousehold = get(ev, app.child.idNumber, 'household');
  const childRecord = childHousehold?.ok ? (childHousehold.records[0] ?? null) : null;

  const parents = app.guardians.map((g, index) => {
    const bcs = records(ev, g.idNumber, 'birthCertificates');
    const match = isTri(bcs) ? null : matchBirthCertificate(g.idNumber, app.child, bcs);
    const byCertificate: Tri = isTri(bcs) ? bcs : bool(match !== null);
    const guardianHousehold = records(ev, g.idNumber, 'household');
    const byRegister: Tri = !childHousehold?.ok
      ? unknown('HOUSEHOLD_REGISTRATION')
      : isTri(guardianHousehold)
        ? guardianHousehold
        : bool(parentByRegister(childRecord, guardianHousehold[0] ?? null));
    return { index, idNumber: g.idNumber, byCertificate, byRegister, match, parent: or(byCertificate, byRegister) };
  });

  return parents.map((p) => {
    // step-parent: the current spouse of another guardian who is a verified parent
    const stepVia: { other: number; t: Tri }[] = parents
      .filter((o) => o.index !== p.index)
      .map((o) => {
        const { list, unavailable } = marriagesOf(ev, [o.idNumber, p.idNumber]);
        const married = sameId(currentSpouse(o.idNumber, list), p.idNumber);
        const spouse: Tri = married ? TRUE : unavailable ? unknown('MARRIAGE_REGISTRATION') : FALSE;
        return { other: o.index, t: and(o.parent, spouse) };
      });
    const step = or(...stepVia.map((s) => s.t));
    const relation = or(p.parent, step);

    let verifiedBy: string | null = null;
    let detail: string;
    let department: Department | null = null;
    if (p.byCertificate.v === 'T') {
      verifiedBy = documentOf('birthCertificates');
      department = 'health';
      detail = `parent: the child's birth certificate (matched by the child's name and birth date) names guardians[${p.index}] as ${p.match!.role === 'FATHER' ? 'father' : 'mother'}`;
    } else if (p.byRegister.v === 'T') {
      verifiedBy = documentOf('household');
      department = 'police';
      detail = `parent: guardians[${p.index}] heads the child's household, in which the child is a son or daughter of the head`;
    } else if (step.v === 'T') {
      const via = stepVia.find((s) => s.t.v === 'T')!;
      verifiedBy = documentOf('marriages');
      department = 'civilAffairs';
      detail = `step-parent: guardians[${p.index}] is the current spouse of guardians[${via.other}], a verified parent`;
    } else if (relation.v === 'U') {
      department = departmentOfKind(relation.needs[0]!);
      detail = `not confirmed: ${relation.needs
        .map((k) => departmentOfKind(k))
        .filter((d, i, a) => a.indexOf(d) === i)
        .join(', ')} could not answer`;
    } else {
      detail = `no record shows guardians[${p.index}] as the child's parent or step-parent (birth certificate, household register, marriage registration)`;
    }
    return {
      index: p.index,
      idNumber: p.idNumber,
      parent: p.parent,
      step,
      relation,
      role: p.match?.role ?? null,
      certificate: p.match?.certificate ?? null,
      verifiedBy,
      check: { name: `guardians[${p.index}].relationship`, status: status(relation), department, detail },
    };
  });
}

/** Current spouses of parents (verified or not refuted) who are not guardians: their homes count as a step-parent's (rule 4). */
export function spouseCandidates(
  app: ApplicationFacts,
  ev: EvidenceSet,
  links: GuardianLink[] = relationships(app, ev),
): SpouseCandidate[] {
  const out: SpouseCandidate[] = [];
  for (const link of links) {
    if (link.parent.v === 'F') continue;
    const { list, unavailable } = marriagesOf(ev, [link.idNumber]);
    if (unavailable) continue;
    const spouse = currentSpouse(link.idNumber, list);
    if (!spouse || sameId(spouse, app.child.idNumber) || app.guardians.some((g) => sameId(g.idNumber, spouse))) continue;
    if (out.some((c) => sameId(c.idNumber, spouse))) continue;
    out.push({ idNumber: spouse.toUpperCase(), viaGuardian: link.index, relation: link.parent });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Rule 4: property in the county

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

interface Owner {
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

function propertyFacts(app: ApplicationFacts, ev: EvidenceSet, owners: Owner[], policy: Policy): PropertyFacts {
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

// ---------------------------------------------------------------------------------------
// Rule 5: residence permits

export interface Period {
  from: string;
  /** null: no end on record */
  until: string | null;
}

/** Merges periods that overlap or touch (the next starts the day after one ends); a one-day gap keeps them apart. */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && (last.until === null || p.from <= addDays(last.until, 1))) {
      last.until = last.until === null || p.until === null ? null : p.until > last.until ? p.until : last.until;
    } else out.push({ ...p });
  }
  return out;
}

/** The first day a permit must already be held: `months` whole months before the day after the cut-off (6 months to 31 Aug: from 1 Mar). */
export function permitStartNeeded(schoolYear: number, rule: Policy['residencePermit']): { cutoff: string; start: string } {
  const cutoff = `${schoolYear}-${rule.by}`;
  return { cutoff, start: addMonths(addDays(cutoff, 1), -rule.months) };
}

/** Rule 5: this county's permits, renewals without a gap merged, held from `start` through the cut-off. */
export function permitContinuity(
  permits: readonly ResidencePermit[],
  county: string,
  schoolYear: number,
  rule: Policy['residencePermit'],
): { holds: boolean; detail: string } {
  const { cutoff, start } = permitStartNeeded(schoolYear, rule);
  const here = permits.filter((p) => inCounty(p.regionCode, county) && p.validFrom);
  const need = `needed: held from ${start} through ${cutoff} (${rule.months} months)`;
  if (here.length === 0) return { holds: false, detail: `no residence permit of ${county}; ${need}` };
  const merged = mergePeriods(here.map((p) => ({ from: p.validFrom!, until: p.validUntil })));
  const covering = merged.find((m) => m.from <= cutoff && (m.until === null || m.until >= cutoff));
  const joined = here.length > merged.length ? ` (${plural(here.length, 'permit')} of ${county}, renewals without a gap merged)` : '';
  if (covering && covering.from <= start)
    return { holds: true, detail: `held continuously from before ${start} through ${cutoff}${joined}` };
  if (!covering) return { holds: false, detail: `no permit of ${county} is valid on ${cutoff}; ${need}` };
  const before = merged.filter((m) => m.until !== null && m.until < covering.from).at(-1);
  const gap = before ? ` (a gap of ${plural(toDays(covering.from) - toDays(before.until!) - 1, 'day')} breaks continuity)` : '';
  return { holds: false, detail: `the continuous period that reaches ${cutoff} starts after ${start}${gap}; ${need}` };
}

// ---------------------------------------------------------------------------------------
// Rule 7: points

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

// ---------------------------------------------------------------------------------------
// Rule 5: the category; rule 6: zero proof and what is missing

export interface CategoryRule {
  category: Exclude<EnrollmentCategory, 'UNDETERMINED'>;
  fact: Tri;
}

/** The first rule that holds; every rule before it that could not be decided is what the family must still prove. */
export function decideCategory(rules: readonly CategoryRule[]): { category: EnrollmentCategory; undecided: EvidenceKind[] } {
  const undecided: EvidenceKind[] = [];
  for (const r of rules) {
    if (r.fact.v === 'T') return { category: r.category, undecided: sortKinds(undecided) };
    if (r.fact.v === 'U') undecided.push(...r.fact.needs);
  }
  return { category: 'UNDETERMINED', undecided: sortKinds(undecided) };
}

// ---------------------------------------------------------------------------------------
// The whole verification

/** Rules 1-8 over the evidence fetched for an application. */
export function evaluateApplication(app: ApplicationFacts, ev: EvidenceSet, policy: Policy): VerificationResult {
  const county = app.countyCode;
  const checks: CheckResult[] = [];

  // the child's register: identity, birth date, household in the county (rules 2, 3)
  const childHousehold = get(ev, app.child.idNumber, 'household');
  const childRecord = childHousehold?.ok ? (childHousehold.records[0] ?? null) : null;
  let identity: Tri;
  if (!childHousehold?.ok) {
    identity = unknown('HOUSEHOLD_REGISTRATION');
    checks.push({
      name: 'child.identity',
      status: 'UNAVAILABLE',
      department: 'police',
      detail: "the household register could not answer; the child's identity is not confirmed",
    });
  } else if (!childRecord) {
    identity = FALSE;
    checks.push({
      name: 'child.identity',
      status: 'FAILED',
      department: 'police',
      detail: "the household register has no record of the child's ID number",
    });
  } else if (!sameName(childRecord.name, app.child.name)) {
    identity = FALSE;
    checks.push({
      name: 'child.identity',
      status: 'FAILED',
      department: 'police',
      detail: "the name on the application differs from the household register's for this ID number",
    });
  } else {
    identity = TRUE;
    checks.push({
      name: 'child.identity',
      status: 'PASSED',
      department: 'police',
      detail: "the household register holds the child's ID number under the same name",
    });
  }

  const registerBirthDate = childRecord?.birthDate ?? null;
  const birthDateAgrees = registerBirthDate === null || registerBirthDate === app.child.birthDate;
  checks.push(
    !childHousehold?.ok
      ? { name: 'child.birthDate', status: 'UNAVAILABLE', department: 'police', detail: 'the household register could not answer' }
      : registerBirthDate === null
        ? {
            name: 'child.birthDate',
            status: 'NOT_APPLICABLE',
            department: 'police',
            detail: 'no birth date on the household register to compare',
          }
        : {
            name: 'child.birthDate',
            status: birthDateAgrees ? 'PASSED' : 'FAILED',
            department: 'police',
            detail: birthDateAgrees
              ? "the ID number's birth date agrees with the household register"
              : "the ID number's birth date differs from the household register's",
          },
  );

  let ageEligible: boolean | null = null;
  if (app.stage === 'PRIMARY') {
    const cutoff = primaryCutoff(app.schoolYear, policy.age);
    const byId = isAgeEligible(app.child.birthDate, app.schoolYear, policy.age);
    ageEligible = byId && birthDateAgrees;
    checks.push({
      name: 'age',
      status: ageEligible ? 'PASSED' : 'FAILED',
      department: null,
      detail: !birthDateAgrees
        ? "the ID number's birth date differs from the household register's"
        : byId
          ? `born on or before ${cutoff}: ${policy.age.years} by ${app.schoolYear}-${policy.age.by}`
          : `born after ${cutoff}: not ${policy.age.years} by ${app.schoolYear}-${policy.age.by}`,
    });
  } else {
    checks.push({ name: 'age', status: 'NOT_APPLICABLE', department: null, detail: 'no age rule for junior secondary' });
  }

  // rule 1
  const links = relationships(app, ev);
  checks.push(...links.map((l) => l.check));
  const candidates = spouseCandidates(app, ev, links);
  for (const c of candidates) {
    checks.push({
      name: `guardians[${c.viaGuardian}].spouse`,
      status: status(c.relation),
      department: 'civilAffairs',
      detail: `the current spouse of guardians[${c.viaGuardian}], not named as a guardian, ${c.relation.v === 'T' ? 'counts' : 'would count'} as a step-parent for property (marriage registration)`,
    });
  }

  // rule 3
  const household: Tri = and(identity, childRecord ? bool(inCounty(childRecord.regionCode, county)) : identity);
  checks.push({
    name: 'household.inCounty',
    status: status(household),
    department: 'police',
    detail:
      household.v === 'U'
        ? 'the household register could not answer'
        : !childRecord
          ? 'no household register record for the child'
          : identity.v === 'F'
            ? "the child's identity is not confirmed by the household register"
            : inCounty(childRecord.regionCode, county)
              ? `the child's household is registered in ${county}`
              : `the child's household is registered in ${childRecord.regionCode}, not ${county}`,
  });

  // rule 4
  const childOwner: Owner = { idNumber: app.child.idNumber, label: 'the child', relation: TRUE };
  const guardianOwners: Owner[] = links.map((l) => ({ idNumber: l.idNumber, label: `guardians[${l.index}]`, relation: l.relation }));
  const spouseOwners: Owner[] = candidates.map((c) => ({
    idNumber: c.idNumber,
    label: `the current spouse of guardians[${c.viaGuardian}]`,
    relation: c.relation,
  }));
  const owners = [childOwner, ...guardianOwners, ...spouseOwners];
  const prop = propertyFacts(app, ev, owners, policy);
  checks.push(...prop.checks);
  const property = or(prop.titles, prop.contracts);

  // rule 5: same place
  const householdAddress = childRecord?.address ?? null;
  const norm = policy.addressNormalization ? normalizeAddress : trimAddress;
  const comparisons: string[] = [];
  /** one holding's location against the household address; U while the register is not known */
  const compare = (what: 'title' | 'contract', location: string | null): Tri => {
    if (!childHousehold?.ok) return unknown('HOUSEHOLD_REGISTRATION');
    const same = !!householdAddress && !!location && sameAddress(householdAddress, location, policy.addressNormalization);
    if (householdAddress && location)
      comparisons.push(`household "${norm(householdAddress)}" ${same ? '=' : '≠'} ${what} "${norm(location)}"`);
    return bool(same);
  };
  const placeTerms: Tri[] = owners.map((o) => {
    const own: Tri[] = [prop.titlesUnknown.get(o) ?? FALSE, prop.contractsUnknown.get(o) ?? FALSE];
    for (const h of prop.countedTitles.filter((x) => x.owner === o)) own.push(compare('title', h.record.location));
    for (const h of prop.countedContracts.filter((x) => x.owner === o)) own.push(compare('contract', h.record.location));
    return and(o.relation, or(...own));
  });
  const samePlace = and(household, or(...placeTerms));
  const how = policy.addressNormalization ? 'normalized' : 'as written, whitespace ignored';
  const shown = comparisons
    .filter((c) => c.includes(' = '))
    .concat(comparisons.filter((c) => !c.includes(' = ')))
    .slice(0, 3);
  checks.push(
    household.v === 'F' || property.v === 'F'
      ? {
          name: 'address.match',
          status: 'NOT_APPLICABLE',
          department: null,
          detail: household.v === 'F' ? 'the household is not in the county' : 'no property in the county to compare',
        }
      : {
          name: 'address.match',
          status: status(samePlace),
          department: samePlace.v === 'U' ? departmentOfKind(samePlace.needs[0]!) : 'naturalResources',
          detail:
            samePlace.v === 'T'
              ? `same place (${how}): ${shown[0]}`
              : shown.length
                ? `${samePlace.v === 'U' ? 'not decided' : 'different places'} (${how}): ${shown.join('; ')}${comparisons.length > shown.length ? `; ${comparisons.length - shown.length} more` : ''}`
                : samePlace.v === 'U'
                  ? `not decided: ${[...new Set(samePlace.needs.map(departmentOfKind))].join(', ')} could not answer`
                  : 'no address to compare',
        },
  );

  // rule 5: migrant workers' children
  const permitTerms = links.map((l) => {
    const permits = records(ev, l.idNumber, 'residencePermits');
    if (isTri(permits)) return { link: l, fact: and(l.parent, permits), detail: 'the residence-permit register could not answer' };
    const c = permitContinuity(permits, county, app.schoolYear, policy.residencePermit);
    return { link: l, fact: and(l.parent, bool(c.holds)), detail: c.detail };
  });
  const migrant = or(...permitTerms.map((p) => p.fact));

  const rules: CategoryRule[] = [
    { category: 'PRIORITY', fact: bool(app.priorityGroup) },
    { category: 'HOUSEHOLD_AND_PROPERTY', fact: samePlace },
    { category: 'PROPERTY_ONLY', fact: property },
    { category: 'HOUSEHOLD_ONLY', fact: household },
    { category: 'MIGRANT_WORKER_CHILD', fact: migrant },
  ];
  const { category, undecided } = decideCategory(rules);
  const decidedEarlier = ['PRIORITY', 'HOUSEHOLD_AND_PROPERTY', 'PROPERTY_ONLY', 'HOUSEHOLD_ONLY'].includes(category);
  const permitShown =
    permitTerms.find((p) => p.fact.v === 'T') ??
    permitTerms.find((p) => p.fact.v === 'U') ??
    permitTerms.find((p) => p.link.parent.v !== 'F');
  checks.push(
    decidedEarlier
      ? {
          name: 'residencePermit.continuous',
          status: 'NOT_APPLICABLE',
          department: null,
          detail: 'the category is decided by an earlier rule',
        }
      : {
          name: 'residencePermit.continuous',
          status: status(migrant),
          department: migrant.v === 'U' ? departmentOfKind(migrant.needs[0]!) : 'police',
          detail: permitShown ? `guardians[${permitShown.link.index}]: ${permitShown.detail}` : 'no guardian is a verified parent',
        },
  );

  // rule 7
  let points: PointsResult | null = null;
  const missing = new Set<EvidenceKind>(undecided);
  if (policy.points && category === 'MIGRANT_WORKER_CHILD') {
    const scored = [...guardianOwners.filter((o) => o.relation.v === 'T')];
    const outcome = scorePoints(app, ev, policy.points, scored, childOwner, `${app.schoolYear}-${policy.residencePermit.by}`);
    points = outcome.points;
    checks.push(...outcome.checks);
    for (const k of outcome.needs) missing.add(k);
  }

  if (app.priorityGroup)
    checks.push({
      name: 'priorityGroup',
      status: 'NOT_APPLICABLE',
      department: null,
      detail: 'declared by the family; its proof is checked offline (no department holds it)',
    });

  // rule 6
  const missingEvidence = category === 'PRIORITY' ? [] : sortKinds(missing);
  const zeroProof = category !== 'PRIORITY' && category !== 'UNDETERMINED' && missingEvidence.length === 0;

  // rule 8
  const registryDraft = identity.v === 'T' && childRecord ? buildRegistryDraft(app, childRecord, links, ev) : null;

  return { applicationId: app.applicationId, category, zeroProof, ageEligible, checks, missingEvidence, points, registryDraft };
}

// ---------------------------------------------------------------------------------------
// Rule 8: the student-registry draft (预建籍)

export function buildRegistryDraft(
  app: ApplicationFacts,
  child: HouseholdRegistration,
  links: GuardianLink[],
  ev: EvidenceSet,
): RegistryDraft {
  const certificate = links.find((l) => l.certificate)?.certificate ?? null;
  return {
    name: child.name,
    idNumber: app.child.idNumber,
    gender: child.gender ?? app.child.gender,
    birthDate: child.birthDate ?? app.child.birthDate,
    ethnicity: child.ethnicity,
    nativePlace: child.nativePlace,
    householdAddress: child.address,
    householdRegionCode: child.regionCode,
    householdType: child.householdType,
    birthCertificateNumber: certificate?.certificateNumber ?? null,
    guardians: app.guardians.map((g, i) => {
      const link = links[i]!;
      const hh = get(ev, g.idNumber, 'household');
      const registered = hh?.ok ? hh.records[0] : undefined;
      return {
        name: registered?.name ?? g.name,
        idNumber: g.idNumber,
        relation: link.role ?? g.relation,
        verifiedBy: link.relation.v === 'T' ? link.verifiedBy : null,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------
// What to read (verify.ts runs the reads; deciding what they are is a rule too)

export type Read = [idNumber: string, name: EvidenceName];

/** The first wave: everything the category rules read, for the child and every guardian at once. */
export function firstWaveReads(app: ApplicationFacts, policy: Policy): Read[] {
  const reads: Read[] = [
    [app.child.idNumber, 'household'],
    [app.child.idNumber, 'properties'],
  ];
  if (policy.purchaseContractsCountAsProperty) reads.push([app.child.idNumber, 'purchaseContracts']);
  for (const g of app.guardians) {
    const kinds: EvidenceName[] = ['household', 'residencePermits', 'marriages', 'properties', 'birthCertificates'];
    if (policy.purchaseContractsCountAsProperty) kinds.push('purchaseContracts');
    for (const k of kinds) reads.push([g.idNumber, k]);
  }
  return reads;
}

/**
 * The second wave, only when needed: the homes of a parent's current spouse who is not a
 * guardian (step-parent, rule 4), and the points evidence (rule 7) when the category can still
 * be MIGRANT_WORKER_CHILD in a county that scores. Reads already made are left out.
 */
export function followUpReads(app: ApplicationFacts, ev: EvidenceSet, policy: Policy): Read[] {
  const reads: Read[] = [];
  const has = (id: string, name: EvidenceName) => get(ev, id, name) !== undefined || reads.some(([i, n]) => n === name && sameId(i, id));
  const add = (id: string, name: EvidenceName) => {
    if (!has(id, name)) reads.push([id, name]);
  };
  const links = relationships(app, ev);
  for (const c of spouseCandidates(app, ev, links)) {
    add(c.idNumber, 'properties');
    if (policy.purchaseContractsCountAsProperty) add(c.idNumber, 'purchaseContracts');
  }
  if (policy.points) {
    const pre = evaluateApplication(app, ev, policy);
    const couldBeMigrant =
      pre.category === 'MIGRANT_WORKER_CHILD' ||
      (pre.category === 'UNDETERMINED' && pre.checks.some((c) => c.name === 'residencePermit.continuous' && c.status === 'UNAVAILABLE'));
    if (couldBeMigrant) {
      const wanted = pointsEvidence(policy.points);
      for (const l of links) if (l.relation.v !== 'F') for (const k of wanted.guardians) add(l.idNumber, k);
      for (const k of wanted.child) add(app.child.idNumber, k);
    }
  }
  return reads;
}
