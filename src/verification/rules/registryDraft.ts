// Rule 8: the student-registry draft (预建籍)
import type { HouseholdRegistration } from '../../evidence/records';
import type { GuardianLink } from './guardianLinks';
import { get } from './helpers';
import type { ApplicationFacts, EvidenceSet, RegistryDraft } from './types';

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
