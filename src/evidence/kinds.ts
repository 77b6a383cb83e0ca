// The one table that ties each kind of evidence to its department, its Person field,
// its GraphQL type and its EvidenceKind enum value. Everything that iterates over
// "all evidence" (loaders, cache TTLs, audit, authorization tests) reads it from here.
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
} from './records';

export const DEPARTMENTS = [
  'police',
  'civilAffairs',
  'humanResources',
  'naturalResources',
  'housing',
  'health',
  'marketRegulation',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Each department's Chinese name, as the notice names the bureaus (a parent reads these in myAccessLog). */
export const DEPARTMENT_NAMES: Readonly<Record<Department, string>> = {
  police: '公安',
  civilAffairs: '民政',
  humanResources: '人力资源社会保障',
  naturalResources: '自然资源和规划',
  housing: '住房和城乡建设',
  health: '卫生健康',
  marketRegulation: '市场监督管理',
};

/** Person field name -> record type. The key is also the evidence name in cache keys and audit entries. */
export interface EvidenceRecordMap {
  household: HouseholdRegistration;
  residencePermits: ResidencePermit;
  properties: PropertyCertificate;
  purchaseContracts: PurchaseContract;
  leaseFilings: LeaseFiling;
  subsidizedHousing: SubsidizedHousingContract;
  individualBusinesses: IndividualBusinessLicense;
  enterprises: EnterpriseLicense;
  socialInsurance: SocialInsurancePayment;
  marriages: MarriageRegistration;
  birthCertificates: BirthCertificate;
}
export type EvidenceName = keyof EvidenceRecordMap;

export interface EvidenceKindInfo {
  department: Department;
  /** GraphQL object type */
  typeName: string;
  /** EvidenceKind enum value (verification's missingEvidence) */
  enumValue: string;
  /** Chinese name of the document, as a family would be told to upload it */
  documentName: string;
}

export const EVIDENCE: Record<EvidenceName, EvidenceKindInfo> = {
  household: { department: 'police', typeName: 'HouseholdRegistration', enumValue: 'HOUSEHOLD_REGISTRATION', documentName: '户口本' },
  residencePermits: { department: 'police', typeName: 'ResidencePermit', enumValue: 'RESIDENCE_PERMIT', documentName: '居住证' },
  properties: {
    department: 'naturalResources',
    typeName: 'PropertyCertificate',
    enumValue: 'PROPERTY_CERTIFICATE',
    documentName: '不动产权证',
  },
  purchaseContracts: { department: 'housing', typeName: 'PurchaseContract', enumValue: 'PURCHASE_CONTRACT', documentName: '网签购房合同' },
  leaseFilings: { department: 'housing', typeName: 'LeaseFiling', enumValue: 'LEASE_FILING', documentName: '租赁备案合同' },
  subsidizedHousing: {
    department: 'housing',
    typeName: 'SubsidizedHousingContract',
    enumValue: 'SUBSIDIZED_HOUSING_CONTRACT',
    documentName: '保障性住房合同',
  },
  individualBusinesses: {
    department: 'marketRegulation',
    typeName: 'IndividualBusinessLicense',
    enumValue: 'INDIVIDUAL_BUSINESS_LICENSE',
    documentName: '营业执照（个体工商户）',
  },
  enterprises: {
    department: 'marketRegulation',
    typeName: 'EnterpriseLicense',
    enumValue: 'ENTERPRISE_LICENSE',
    documentName: '营业执照（企业法人）',
  },
  socialInsurance: {
    department: 'humanResources',
    typeName: 'SocialInsurancePayment',
    enumValue: 'SOCIAL_INSURANCE_PAYMENT',
    documentName: '参保缴费证明',
  },
  marriages: { department: 'civilAffairs', typeName: 'MarriageRegistration', enumValue: 'MARRIAGE_REGISTRATION', documentName: '结婚证' },
  birthCertificates: { department: 'health', typeName: 'BirthCertificate', enumValue: 'BIRTH_CERTIFICATE', documentName: '出生医学证明' },
};

export const EVIDENCE_NAMES = Object.keys(EVIDENCE) as EvidenceName[];

/** What the gateway adds to every record: when and where the fact came from. */
export interface Provenance {
  department: Department;
  /** ISO 8601 with offset: when the department answered */
  retrievedAt: string;
  fromCache: boolean;
}

export type WithProvenance<R> = R & { provenance: Provenance };
