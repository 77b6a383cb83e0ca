// Lookups by ID number over a data set, built once: a mock department answers a batch of a
// hundred people without scanning every record a hundred times. Each lookup finds a person
// wherever the contract says a record names them (holder or co-owner, either spouse, ...).
// The lists are the index's own: callers must not mutate them.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type {
  BirthCertificate,
  CoOwnership,
  Dataset,
  EnterpriseLicenseRecord,
  HouseholdRegistration,
  IndividualBusinessLicense,
  LeaseFiling,
  MarriageRegistration,
  PropertyCertificate,
  PurchaseContract,
  ResidencePermit,
  SocialInsurancePayment,
  SubsidizedHousingContract,
} from '../../src/evidence/records';

/** A data set with every key and no records: what builders and tests start from. */
export function emptyDataset(): Dataset {
  return {
    households: [],
    residencePermits: [],
    properties: [],
    purchaseContracts: [],
    leaseFilings: [],
    subsidizedHousing: [],
    individualBusinesses: [],
    enterprises: [],
    socialInsurance: [],
    marriages: [],
    birthCertificates: [],
  };
}

const NONE: readonly never[] = Object.freeze([]);

class MultiMap<V> {
  private readonly m = new Map<string, V[]>();
  /** once per record per person, however many times the record names them */
  add(keys: Iterable<string | null | undefined>, v: V): void {
    const done = new Set<string>();
    for (const k of keys) {
      if (!k || done.has(k)) continue;
      done.add(k);
      const list = this.m.get(k);
      if (list) list.push(v);
      else this.m.set(k, [v]);
    }
  }
  get(k: string): readonly V[] {
    return this.m.get(k) ?? NONE;
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
}

function coOwnerIds(c: CoOwnership | null): (string | null)[] {
  return c ? c.coOwners.map((o) => o.idNumber) : [];
}

/** ID numbers are matched with an upper-case check character (x and X are the same). */
const key = normalizeIdNumber;
function keys(ids: (string | null)[]): string[] {
  return ids.filter((x): x is string => !!x).map(key);
}

export class DatasetIndex {
  private readonly householdsById = new Map<string, HouseholdRegistration>();
  private readonly permits = new MultiMap<ResidencePermit>();
  private readonly titles = new MultiMap<PropertyCertificate>();
  private readonly contracts = new MultiMap<PurchaseContract>();
  private readonly leases = new MultiMap<LeaseFiling>();
  private readonly subsidized = new MultiMap<SubsidizedHousingContract>();
  private readonly businesses = new MultiMap<IndividualBusinessLicense>();
  private readonly companies = new MultiMap<EnterpriseLicenseRecord>();
  private readonly insurance = new MultiMap<SocialInsurancePayment>();
  private readonly marriagesById = new MultiMap<MarriageRegistration>();
  private readonly births = new MultiMap<BirthCertificate>();

  constructor(readonly dataset: Dataset) {
    for (const h of dataset.households) {
      // first one wins; the loader rejects duplicates
      if (!this.householdsById.has(key(h.idNumber))) this.householdsById.set(key(h.idNumber), h);
    }
    for (const r of dataset.residencePermits) this.permits.add([key(r.idNumber)], r);
    for (const p of dataset.properties) this.titles.add(keys([p.holderIdNumber, ...coOwnerIds(p.coOwnership)]), p);
    for (const c of dataset.purchaseContracts) this.contracts.add(keys([c.buyerIdNumber, ...coOwnerIds(c.coOwnership)]), c);
    for (const l of dataset.leaseFilings) this.leases.add([key(l.lesseeIdNumber)], l);
    for (const s of dataset.subsidizedHousing) this.subsidized.add(keys(s.members.map((m) => m.idNumber)), s);
    for (const b of dataset.individualBusinesses) this.businesses.add([key(b.operatorIdNumber)], b);
    for (const e of dataset.enterprises) this.companies.add([key(e.legalRepresentativeIdNumber)], e);
    for (const p of dataset.socialInsurance) this.insurance.add([key(p.idNumber)], p);
    for (const m of dataset.marriages) this.marriagesById.add(keys([m.husbandIdNumber, m.wifeIdNumber]), m);
    for (const b of dataset.birthCertificates) this.births.add(keys([b.fatherIdNumber, b.motherIdNumber]), b);
  }

  households(id: string): HouseholdRegistration | undefined {
    return this.householdsById.get(key(id));
  }
  residencePermits(id: string): readonly ResidencePermit[] {
    return this.permits.get(key(id));
  }
  /** as holder or co-owner */
  properties(id: string): readonly PropertyCertificate[] {
    return this.titles.get(key(id));
  }
  /** as buyer or co-buyer */
  purchaseContracts(id: string): readonly PurchaseContract[] {
    return this.contracts.get(key(id));
  }
  /** as lessee */
  leaseFilings(id: string): readonly LeaseFiling[] {
    return this.leases.get(key(id));
  }
  /** as a member */
  subsidizedHousing(id: string): readonly SubsidizedHousingContract[] {
    return this.subsidized.get(key(id));
  }
  /** as operator */
  individualBusinesses(id: string): readonly IndividualBusinessLicense[] {
    return this.businesses.get(key(id));
  }
  /** as legal representative */
  enterprises(id: string): readonly EnterpriseLicenseRecord[] {
    return this.companies.get(key(id));
  }
  /** every month on record, in data set order */
  socialInsurance(id: string): readonly SocialInsurancePayment[] {
    return this.insurance.get(key(id));
  }
  /** as husband or wife */
  marriages(id: string): readonly MarriageRegistration[] {
    return this.marriagesById.get(key(id));
  }
  /** as father or mother */
  birthCertificates(id: string): readonly BirthCertificate[] {
    return this.births.get(key(id));
  }

  /** Whether any department holds anything on this person. */
  knows(id: string): boolean {
    const k = key(id);
    return (
      this.householdsById.has(k) ||
      this.permits.has(k) ||
      this.titles.has(k) ||
      this.contracts.has(k) ||
      this.leases.has(k) ||
      this.subsidized.has(k) ||
      this.businesses.has(k) ||
      this.companies.has(k) ||
      this.insurance.has(k) ||
      this.marriagesById.has(k) ||
      this.births.has(k)
    );
  }
}
