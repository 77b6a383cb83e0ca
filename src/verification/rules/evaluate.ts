// The whole verification
import type { EvidenceKind } from '../../generated/graphql';
import { normalizeAddress, sameAddress, trimAddress } from '../address';
import type { Policy } from '../policy';
import { isAgeEligible, primaryCutoff } from './age';
import { decideCategory, type CategoryRule } from './category';
import { relationships, spouseCandidates } from './guardianLinks';
import { get, inCounty, isTri, records } from './helpers';
import { childIdentity, guardianIdentityChecks } from './identity';
import { scorePoints } from './points';
import { propertyFacts, type Owner } from './property';
import { buildRegistryDraft } from './registryDraft';
import { permitContinuity } from './residencePermit';
import { and, bool, departmentOfKind, FALSE, or, sortKinds, status, TRUE, unknown, type Tri } from './tri';
import type { ApplicationFacts, CheckResult, EvidenceSet, PointsResult, VerificationResult } from './types';

/** Rules 1-8 over the evidence fetched for an application. */
export function evaluateApplication(app: ApplicationFacts, ev: EvidenceSet, policy: Policy): VerificationResult {
  const county = app.countyCode;
  const checks: CheckResult[] = [];

  // the child's register: identity, birth date, household in the county (rules 2, 3, 6)
  const childHousehold = get(ev, app.child.idNumber, 'household');
  const child = childIdentity(app, ev);
  const childRecord = child.record;
  const identity = child.fact;
  checks.push(child.check, ...guardianIdentityChecks(app, ev));

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
  // a contradicted record decides nothing, not even that the household is elsewhere
  const household: Tri = child.contradicted
    ? identity
    : and(identity, childRecord ? bool(inCounty(childRecord.regionCode, county)) : identity);
  checks.push({
    name: 'household.inCounty',
    status: status(household),
    department: 'police',
    detail: child.contradicted
      ? "the child's identity is not confirmed: the household register holds the ID number under another name"
      : household.v === 'U'
        ? 'the household register could not answer'
        : !childRecord
          ? 'no household register record for the child'
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
