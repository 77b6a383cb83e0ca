// Codegen mappers (codegen.ts): the parent value of each evidence GraphQL type is the
// contract record plus the provenance the evidence layer attaches.
import type { WithProvenance } from './kinds';
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

export type HouseholdRegistrationParent = WithProvenance<HouseholdRegistration>;
export type ResidencePermitParent = WithProvenance<ResidencePermit>;
export type PropertyCertificateParent = WithProvenance<PropertyCertificate>;
export type PurchaseContractParent = WithProvenance<PurchaseContract>;
export type LeaseFilingParent = WithProvenance<LeaseFiling>;
export type SubsidizedHousingContractParent = WithProvenance<SubsidizedHousingContract>;
export type IndividualBusinessLicenseParent = WithProvenance<IndividualBusinessLicense>;
// Resolvers may receive the data-set record (with legalRepresentativeIdNumber); the SDL does not expose it.
export type EnterpriseLicenseParent = WithProvenance<EnterpriseLicense>;
export type SocialInsurancePaymentParent = WithProvenance<SocialInsurancePayment>;
export type MarriageRegistrationParent = WithProvenance<MarriageRegistration>;
export type BirthCertificateParent = WithProvenance<BirthCertificate>;
