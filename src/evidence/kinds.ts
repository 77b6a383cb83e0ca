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

export interface EvidenceKindInfo {
  department: Department;
  /** GraphQL object type (schema/<department>.graphql); its resolvers' parent is the record plus provenance */
  typeName: string;
  /** EvidenceKind enum value (verification's missingEvidence) */
  enumValue: string;
  /** Chinese name of the document, as Attachment 3 of the notice names it (docs/source-notice.md): what a family is told to upload */
  documentName: string;
  /** seconds a cached answer stays fresh (CACHE_TTL_<NAME> overrides it): a title changes rarely, permits and insurance months more often */
  cacheTtlSeconds: number;
}

/** One registry entry; R is the record type the department's connector maps into (src/evidence/records.ts). */
interface EvidenceEntry<R> extends EvidenceKindInfo {
  /** type only: never set */
  readonly record?: R;
}
const kind =
  <R>() =>
  <const I extends EvidenceKindInfo>(info: I): I & EvidenceEntry<R> =>
    info;

/**
 * The one registry of evidence. The key is the Person field and the evidence name in cache keys
 * and audit entries; everything that iterates over "all evidence" (Person resolvers, codegen
 * mappers, cache TTLs, authorization, the console, the mock loader) derives from it.
 */
export const EVIDENCE = {
  household: kind<HouseholdRegistration>()({
    department: 'police',
    typeName: 'HouseholdRegistration',
    enumValue: 'HOUSEHOLD_REGISTRATION',
    documentName: '户口本',
    cacheTtlSeconds: 6 * 3600,
  }),
  residencePermits: kind<ResidencePermit>()({
    department: 'police',
    typeName: 'ResidencePermit',
    enumValue: 'RESIDENCE_PERMIT',
    documentName: '居住证',
    cacheTtlSeconds: 3600,
  }),
  properties: kind<PropertyCertificate>()({
    department: 'naturalResources',
    typeName: 'PropertyCertificate',
    enumValue: 'PROPERTY_CERTIFICATE',
    documentName: '不动产权证',
    cacheTtlSeconds: 24 * 3600,
  }),
  purchaseContracts: kind<PurchaseContract>()({
    department: 'housing',
    typeName: 'PurchaseContract',
    enumValue: 'PURCHASE_CONTRACT',
    documentName: '网签购房合同',
    cacheTtlSeconds: 12 * 3600,
  }),
  leaseFilings: kind<LeaseFiling>()({
    department: 'housing',
    typeName: 'LeaseFiling',
    enumValue: 'LEASE_FILING',
    documentName: '租赁备案合同',
    cacheTtlSeconds: 6 * 3600,
  }),
  subsidizedHousing: kind<SubsidizedHousingContract>()({
    department: 'housing',
    typeName: 'SubsidizedHousingContract',
    enumValue: 'SUBSIDIZED_HOUSING_CONTRACT',
    documentName: '保障性住房合同',
    cacheTtlSeconds: 12 * 3600,
  }),
  individualBusinesses: kind<IndividualBusinessLicense>()({
    department: 'marketRegulation',
    typeName: 'IndividualBusinessLicense',
    enumValue: 'INDIVIDUAL_BUSINESS_LICENSE',
    documentName: '营业执照（个体工商户）',
    cacheTtlSeconds: 12 * 3600,
  }),
  enterprises: kind<EnterpriseLicense>()({
    department: 'marketRegulation',
    typeName: 'EnterpriseLicense',
    enumValue: 'ENTERPRISE_LICENSE',
    documentName: '营业执照（企业法人）',
    cacheTtlSeconds: 12 * 3600,
  }),
  socialInsurance: kind<SocialInsurancePayment>()({
    department: 'humanResources',
    typeName: 'SocialInsurancePayment',
    enumValue: 'SOCIAL_INSURANCE_PAYMENT',
    documentName: '参保缴费证明',
    cacheTtlSeconds: 3600,
  }),
  marriages: kind<MarriageRegistration>()({
    department: 'civilAffairs',
    typeName: 'MarriageRegistration',
    enumValue: 'MARRIAGE_REGISTRATION',
    documentName: '结婚证',
    cacheTtlSeconds: 12 * 3600,
  }),
  birthCertificates: kind<BirthCertificate>()({
    department: 'health',
    typeName: 'BirthCertificate',
    enumValue: 'BIRTH_CERTIFICATE',
    documentName: '出生医学证明',
    cacheTtlSeconds: 24 * 3600,
  }),
} as const;

export type EvidenceName = keyof typeof EVIDENCE;
/** Person field name -> record type, read off the registry. */
export type EvidenceRecordMap = { [N in EvidenceName]: NonNullable<(typeof EVIDENCE)[N]['record']> };
/** GraphQL object type name -> its evidence name. */
export type EvidenceTypeName = (typeof EVIDENCE)[EvidenceName]['typeName'];
export type EvidenceNameOfType<T extends EvidenceTypeName> = {
  [N in EvidenceName]: (typeof EVIDENCE)[N]['typeName'] extends T ? N : never;
}[EvidenceName];

export const EVIDENCE_NAMES = Object.keys(EVIDENCE) as EvidenceName[];

/** What the gateway adds to every record: when and where the fact came from. */
export interface Provenance {
  department: Department;
  /** ISO 8601 with offset: when the department answered */
  retrievedAt: string;
  fromCache: boolean;
}

export type WithProvenance<R> = R & { provenance: Provenance };
