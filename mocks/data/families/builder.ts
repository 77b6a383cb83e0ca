// The builder: people with unique valid ID numbers and every department's records of them, and
// the scenario a family is written down as (with the verdict the rules must reach).
import { makeCreditCode } from '../../../src/codes/creditCode';
import { makeIdNumber } from '../../../src/codes/idNumber';
import type {
  CoOwnershipMode,
  Dataset,
  Gender,
  HouseholdRegistration,
  InsuranceType,
  MarriageStatus,
  PropertyCertificate,
} from '../../../src/evidence/records';
import { emptyDataset } from '../index';
import { monthsBetween, type Rng } from './random';
import { ADDRESS_COUNTY, CREDIT_ORG_CHARS, nativePlaceOf, POLICE, regionName } from './vocabulary';

export type Category = 'HOUSEHOLD_AND_PROPERTY' | 'PROPERTY_ONLY' | 'HOUSEHOLD_ONLY' | 'MIGRANT_WORKER_CHILD' | 'PRIORITY' | 'UNDETERMINED';

export interface Scenario {
  key: string;
  description: string;
  countyCode: string;
  schoolYear: number;
  stage: 'PRIMARY' | 'JUNIOR';
  child: { idNumber: string; name: string; birthDate: string };
  guardians: { idNumber: string; name: string; relation: 'FATHER' | 'MOTHER' | 'OTHER' }[];
  priorityGroup?: boolean;
  expectedCategory: Category;
  expectedAgeEligible: boolean | null;
  expectedZeroProof: boolean;
  /** a guardian's role in the family where the relation alone does not say it (OTHER: a step-father), by ID number */
  roles?: Record<string, string>;
  /** family members the application does not name (a parent not living with the child) */
  others?: { idNumber: string; name: string; role: string }[];
}

/** The school year the families are written down for; season.ts moves them to the open one. */
export const SCHOOL_YEAR = 2025;

/** First grade takes children 6 by 31 August of the school year. */
function primaryAgeEligible(birthDate: string, schoolYear: number): boolean {
  return birthDate <= `${schoolYear - 6}-08-31`;
}

// The builder: people with unique valid ID numbers, and their records

export interface Person {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  nativePlace: string;
}

/** Hands out ID numbers no one else in the data set has. */
class IdAllocator {
  private used = new Set<string>();
  allocate(rng: Rng, regionCode: string, birthDate: string, gender: Gender): string {
    const male = gender === 'MALE';
    for (let tries = 0; tries < 64; tries++) {
      const seq = male ? rng.int(0, 499) * 2 + 1 : rng.int(1, 499) * 2;
      const id = makeIdNumber(regionCode, birthDate, seq);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    for (let seq = male ? 1 : 2; seq <= 999; seq += 2) {
      const id = makeIdNumber(regionCode, birthDate, seq);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw new Error('IdAllocator: no sequence left for this region and birth date');
  }
}

export type RelationCode =
  '02' | '10' | '11' | '12' | '20' | '21' | '22' | '27' | '30' | '31' | '32' | '37' | '43' | '44' | '51' | '52' | '99';
// the code table, four to a line as the register prints it
// prettier-ignore
const RELATION_NAMES: Record<RelationCode, string> = {
  '02': '户主', '10': '配偶', '11': '夫', '12': '妻',
  '20': '子', '21': '长子', '22': '次子', '27': '养子或继子',
  '30': '女', '31': '长女', '32': '次女', '37': '养女或继女',
  '43': '外孙子', '44': '外孙女', '51': '父亲', '52': '母亲', '99': '其他',
};

interface PropertyOpts {
  regionCode: string;
  location: string;
  usage?: string;
  status?: string;
  registeredOn: string;
  mode?: CoOwnershipMode;
  coOwners?: [Person, string | null][];
  rightType?: string;
  rightNature?: string;
}

export class Builder {
  readonly ds: Dataset = emptyDataset();
  private readonly ids = new IdAllocator();
  private serial = 0;

  /** Swappable, so generated families can draw from their own seed while ID numbers stay unique. */
  constructor(public rng: Rng) {}

  /** a running number, so certificate numbers never repeat */
  next(): number {
    return ++this.serial;
  }

  person(name: string, gender: Gender, birthDate: string, idRegion: string, ethnicity = '汉族'): Person {
    return {
      idNumber: this.ids.allocate(this.rng, idRegion, birthDate, gender),
      name,
      gender,
      birthDate,
      ethnicity,
      nativePlace: nativePlaceOf(idRegion),
    };
  }

  /** One household register: every member shares the number, the address and the head. */
  household(
    regionCode: string,
    address: string,
    members: [Person, RelationCode][],
    householdType: HouseholdRegistration['householdType'] = 'FAMILY',
  ): void {
    const head = members.find(([, code]) => code === '02')?.[0];
    const householdNumber = String(100_000_000 + this.next());
    for (const [p, code] of members) {
      this.ds.households.push({
        idNumber: p.idNumber,
        name: p.name,
        gender: p.gender,
        birthDate: p.birthDate,
        ethnicity: p.ethnicity,
        nativePlace: p.nativePlace,
        regionCode,
        regionName: regionName(regionCode),
        address,
        issuingAuthority: POLICE[regionCode] ?? null,
        householdType,
        householdNumber,
        headOfHouseholdName: head ? head.name : null,
        relationToHeadCode: code,
        relationToHeadName: RELATION_NAMES[code],
      });
    }
  }

  marriage(husband: Person, wife: Person, registeredOn: string, status: MarriageStatus): void {
    this.ds.marriages.push({
      husbandIdNumber: husband.idNumber,
      husbandName: husband.name,
      wifeIdNumber: wife.idNumber,
      wifeName: wife.name,
      registeredOn,
      status,
    });
  }

  birthCertificate(child: Person, father: Person | null, mother: Person | null): void {
    const letters = 'NOPQRS';
    this.ds.birthCertificates.push({
      certificateNumber: `${letters[Number(child.birthDate.slice(2, 4)) % letters.length]}370${String(this.next()).padStart(6, '0')}`,
      childName: child.name,
      birthDate: child.birthDate,
      fatherName: father?.name ?? null,
      fatherIdNumber: father?.idNumber ?? null,
      motherName: mother?.name ?? null,
      motherIdNumber: mother?.idNumber ?? null,
    });
  }

  property(holder: Person, o: PropertyOpts): PropertyCertificate {
    const county = (ADDRESS_COUNTY[o.regionCode] ?? '').replace(/^济宁/, '');
    const record: PropertyCertificate = {
      holderName: holder.name,
      holderIdNumber: holder.idNumber,
      certificateNumber: `鲁(${o.registeredOn.slice(0, 4)})${county}不动产权第${String(this.next()).padStart(7, '0')}号`,
      rightType: o.rightType ?? '国有建设用地使用权/房屋所有权',
      rightNature: o.rightNature ?? '出让/市场化商品房',
      registeredOn: o.registeredOn,
      regionCode: o.regionCode,
      location: o.location,
      usage: o.usage ?? '住宅',
      status: o.status ?? '正常',
      coOwnership: {
        mode: o.mode ?? 'SOLE',
        coOwners: (o.coOwners ?? []).map(([p, share]) => ({ name: p.name, idNumber: p.idNumber, share })),
      },
    };
    this.ds.properties.push(record);
    return record;
  }

  purchaseContract(
    buyer: Person,
    o: {
      regionCode: string;
      location: string;
      signedAt: string;
      agreedDeliveryDate: string;
      plannedUsage?: string;
      mode?: CoOwnershipMode;
      coOwners?: [Person, string | null][];
    },
  ): void {
    this.ds.purchaseContracts.push({
      contractNumber: `WQ${o.regionCode}${o.signedAt.slice(0, 4)}${String(this.next()).padStart(6, '0')}`,
      buyerName: buyer.name,
      buyerIdNumber: buyer.idNumber,
      coOwnership: {
        mode: o.mode ?? 'SOLE',
        coOwners: (o.coOwners ?? []).map(([p, share]) => ({ name: p.name, idNumber: p.idNumber, share })),
      },
      signedAt: o.signedAt,
      agreedDeliveryDate: o.agreedDeliveryDate,
      regionCode: o.regionCode,
      location: o.location,
      plannedUsage: o.plannedUsage ?? '住宅',
    });
  }

  residencePermit(
    p: Person,
    o: { regionCode: string; validFrom: string; validUntil: string; registeredResidence: string; currentAddress: string },
  ): void {
    this.ds.residencePermits.push({
      idNumber: p.idNumber,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      registeredResidence: o.registeredResidence,
      currentAddress: o.currentAddress,
      issuingAuthority: POLICE[o.regionCode] ?? null,
      validFrom: o.validFrom,
      validUntil: o.validUntil,
      regionCode: o.regionCode,
    });
  }

  leaseFiling(
    lessee: Person,
    o: {
      lessor: Person | null;
      regionCode: string;
      location: string;
      propertyCertificateNumber: string | null;
      leaseStart: string;
      leaseEnd: string;
    },
  ): void {
    this.ds.leaseFilings.push({
      filingNumber: `济租备字(${o.leaseStart.slice(0, 4)})第${String(this.next()).padStart(6, '0')}号`,
      lessorName: o.lessor?.name ?? null,
      lessorIdNumber: o.lessor?.idNumber ?? null,
      lesseeName: lessee.name,
      lesseeIdNumber: lessee.idNumber,
      regionCode: o.regionCode,
      location: o.location,
      propertyCertificateNumber: o.propertyCertificateNumber,
      leaseStart: o.leaseStart,
      leaseEnd: o.leaseEnd,
    });
  }

  subsidizedHousing(o: {
    regionCode: string;
    address: string;
    members: [Person, string][];
    contractStatus: string;
    reviewStatus: string;
    subsidyType: string;
    contractStart: string;
    contractEnd: string;
  }): void {
    this.ds.subsidizedHousing.push({
      regionCode: o.regionCode,
      address: o.address,
      members: o.members.map(([p, rel]) => ({ relationToPrimaryApplicant: rel, name: p.name, idNumber: p.idNumber })),
      contractStatus: o.contractStatus,
      reviewStatus: o.reviewStatus,
      contractStart: o.contractStart,
      subsidyType: o.subsidyType,
      contractEnd: o.contractEnd,
      applicationCertificateNumber: `BZF${o.contractStart.slice(0, 4)}${String(this.next()).padStart(6, '0')}`,
    });
  }

  private creditCode(entityType: '1' | '2', regionCode: string): string {
    // 'MA' (the prefix of codes issued since 2015) and 6 characters from a running number,
    // so codes never repeat; the 9th is GB 11714's check.
    let n = this.next() * 7919 + 104729;
    let body = '';
    for (let i = 0; i < 6; i++) {
      body = CREDIT_ORG_CHARS[n % 31] + body;
      n = Math.floor(n / 31);
    }
    return makeCreditCode({ registrationAuthority: '9', entityType, regionCode, orgCode: 'MA' + body });
  }

  individualBusiness(operator: Person, o: { regionCode: string; businessAddress: string; establishedOn: string }): void {
    this.ds.individualBusinesses.push({
      operatorName: operator.name,
      operatorIdNumber: operator.idNumber,
      creditCode: this.creditCode('2', o.regionCode),
      establishedOn: o.establishedOn,
      businessAddress: o.businessAddress,
      regionCode: o.regionCode,
    });
  }

  enterprise(rep: Person, o: { enterpriseName: string; regionCode: string; registeredAddress: string; registeredOn: string }): void {
    this.ds.enterprises.push({
      enterpriseName: o.enterpriseName,
      creditCode: this.creditCode('1', o.regionCode),
      licenseName: o.enterpriseName,
      legalRepresentativeName: rep.name,
      legalRepresentativeIdNumber: rep.idNumber,
      registeredOn: o.registeredOn,
      registeredAddress: o.registeredAddress,
      regionCode: o.regionCode,
    });
  }

  socialInsurance(p: Person, o: { from: string; to: string; types: InsuranceType[]; regionCode: string; employerName: string }): void {
    for (const period of monthsBetween(o.from, o.to)) {
      for (const insuranceType of o.types) {
        this.ds.socialInsurance.push({
          idNumber: p.idNumber,
          name: p.name,
          employerName: o.employerName,
          period,
          insuranceType,
          regionCode: o.regionCode,
        });
      }
    }
  }
}

function asChild(p: Person): Scenario['child'] {
  return { idNumber: p.idNumber, name: p.name, birthDate: p.birthDate };
}
function asGuardian(p: Person, relation: 'FATHER' | 'MOTHER' | 'OTHER'): Scenario['guardians'][number] {
  return { idNumber: p.idNumber, name: p.name, relation };
}

export function scenario(
  key: string,
  description: string,
  countyCode: string,
  child: Person,
  guardians: [Person, 'FATHER' | 'MOTHER' | 'OTHER'][],
  expectedCategory: Category,
  opts: {
    stage?: 'PRIMARY' | 'JUNIOR';
    priorityGroup?: boolean;
    /** roles the relation does not say, e.g. [stepFather, 'step-father'] */
    roles?: [Person, string][];
    others?: [Person, string][];
  } = {},
): Scenario {
  const stage = opts.stage ?? 'PRIMARY';
  const s: Scenario = {
    key,
    description,
    countyCode,
    schoolYear: SCHOOL_YEAR,
    stage,
    child: asChild(child),
    guardians: guardians.map(([p, r]) => asGuardian(p, r)),
    expectedCategory,
    expectedAgeEligible: stage === 'PRIMARY' ? primaryAgeEligible(child.birthDate, SCHOOL_YEAR) : null,
    // Zero proof: the category came from department data alone (PRIORITY's proof is checked offline).
    expectedZeroProof: expectedCategory !== 'UNDETERMINED' && expectedCategory !== 'PRIORITY',
  };
  if (opts.priorityGroup) s.priorityGroup = true;
  if (opts.roles) s.roles = Object.fromEntries(opts.roles.map(([p, role]) => [p.idNumber, role]));
  if (opts.others) s.others = opts.others.map(([p, role]) => ({ idNumber: p.idNumber, name: p.name, role }));
  return s;
}
