// The eleven kinds of evidence in the contract's names (docs/source-notice.md, Attachment 3).
// Connectors map each department's own payload into these; the GraphQL types, the mock
// data sets (MOCK_DATA) and the verification rules all speak these shapes.
// A field the department leaves empty is null, never an empty string.

/** YYYY-MM-DD */
export type IsoDate = string;
/** YYYY-MM */
export type YearMonth = string;

export type Gender = 'MALE' | 'FEMALE';
export type HouseholdType = 'FAMILY' | 'COLLECTIVE' | 'COMMUNITY_PUBLIC' | 'OTHER';
export type InsuranceType = 'PENSION' | 'MEDICAL' | 'UNEMPLOYMENT' | 'WORK_INJURY' | 'MATERNITY';
export type MarriageStatus = 'MARRIED' | 'DIVORCED' | 'ANNULLED';
export type CoOwnershipMode = 'SOLE' | 'JOINT' | 'BY_SHARES';

export interface CoOwner {
  name: string;
  idNumber: string | null;
  /** as written: "1/2", "50%", or null */
  share: string | null;
}

export interface CoOwnership {
  mode: CoOwnershipMode;
  coOwners: CoOwner[];
}

/** 户口本 (police) */
export interface HouseholdRegistration {
  idNumber: string;
  name: string;
  gender: Gender | null;
  birthDate: IsoDate | null;
  ethnicity: string | null;
  nativePlace: string | null;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  issuingAuthority: string | null;
  householdType: HouseholdType | null;
  householdNumber: string | null;
  headOfHouseholdName: string | null;
  relationToHeadCode: string | null;
  relationToHeadName: string | null;
}

/** 居住证 (police) */
export interface ResidencePermit {
  idNumber: string;
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  registeredResidence: string | null;
  currentAddress: string | null;
  issuingAuthority: string | null;
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
  /** the issuing county */
  regionCode: string;
}

/** 不动产权证 (natural resources) */
export interface PropertyCertificate {
  holderName: string;
  holderIdNumber: string;
  certificateNumber: string;
  rightType: string | null;
  rightNature: string | null;
  registeredOn: IsoDate | null;
  regionCode: string;
  location: string | null;
  usage: string | null;
  status: string | null;
  coOwnership: CoOwnership | null;
}

/** 网签购房合同 (housing) */
export interface PurchaseContract {
  contractNumber: string;
  buyerName: string;
  buyerIdNumber: string;
  coOwnership: CoOwnership | null;
  signedAt: IsoDate | null;
  agreedDeliveryDate: IsoDate | null;
  regionCode: string;
  location: string | null;
  plannedUsage: string | null;
}

/** 租赁备案合同 (housing) */
export interface LeaseFiling {
  filingNumber: string;
  lessorName: string | null;
  lessorIdNumber: string | null;
  lesseeName: string;
  lesseeIdNumber: string;
  regionCode: string;
  location: string | null;
  propertyCertificateNumber: string | null;
  leaseStart: IsoDate | null;
  leaseEnd: IsoDate | null;
}

export interface SubsidizedHousingMember {
  relationToPrimaryApplicant: string | null;
  name: string;
  idNumber: string;
}

/** 保障性住房合同 (housing) */
export interface SubsidizedHousingContract {
  regionCode: string;
  address: string | null;
  members: SubsidizedHousingMember[];
  contractStatus: string | null;
  reviewStatus: string | null;
  contractStart: IsoDate | null;
  subsidyType: string | null;
  contractEnd: IsoDate | null;
  applicationCertificateNumber: string | null;
}

/** 营业执照（个体工商户） (market regulation) */
export interface IndividualBusinessLicense {
  operatorName: string;
  operatorIdNumber: string;
  creditCode: string;
  establishedOn: IsoDate | null;
  businessAddress: string | null;
  regionCode: string;
}

/** 营业执照（企业法人） (market regulation) */
export interface EnterpriseLicense {
  enterpriseName: string;
  creditCode: string;
  licenseName: string | null;
  legalRepresentativeName: string;
  registeredOn: IsoDate | null;
  registeredAddress: string | null;
  regionCode: string;
}

/** An enterprise as a data set holds it: the representative's ID is how it is found, not a contract field. */
export interface EnterpriseLicenseRecord extends EnterpriseLicense {
  legalRepresentativeIdNumber: string;
}

/** 参保缴费证明 (human resources), one row per month and insurance type */
export interface SocialInsurancePayment {
  idNumber: string;
  name: string;
  employerName: string | null;
  period: YearMonth;
  insuranceType: InsuranceType;
  /** where the employer pays in (region code); not in Attachment 3's list, needed for points by county */
  regionCode: string | null;
}

/** 结婚证 (civil affairs) */
export interface MarriageRegistration {
  husbandIdNumber: string;
  husbandName: string;
  wifeIdNumber: string;
  wifeName: string;
  registeredOn: IsoDate | null;
  status: MarriageStatus;
}

/** 出生医学证明 (health); carries no child ID number */
export interface BirthCertificate {
  certificateNumber: string;
  childName: string;
  birthDate: IsoDate;
  fatherName: string | null;
  fatherIdNumber: string | null;
  motherName: string | null;
  motherIdNumber: string | null;
}

/** The MOCK_DATA format (docs/contract.md, "The mock departments"): every department's records, in the contract's names. */
export interface Dataset {
  households: HouseholdRegistration[];
  residencePermits: ResidencePermit[];
  properties: PropertyCertificate[];
  purchaseContracts: PurchaseContract[];
  leaseFilings: LeaseFiling[];
  subsidizedHousing: SubsidizedHousingContract[];
  individualBusinesses: IndividualBusinessLicense[];
  enterprises: EnterpriseLicenseRecord[];
  socialInsurance: SocialInsurancePayment[];
  marriages: MarriageRegistration[];
  birthCertificates: BirthCertificate[];
}
