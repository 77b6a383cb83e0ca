// Generated families (filler for the built-in set, and benchmark cohorts)
import { JINING_COUNTY_CODES, JINING_FUNCTIONAL_ZONES } from '../../../src/codes/regions';
import { policyFor } from '../../../src/verification/policy';
import type { CoOwnershipMode, Gender } from '../../../src/evidence/records';
import { Builder, SCHOOL_YEAR, scenario, type Category, type Person, type RelationCode, type Scenario } from './builder';
import { addDays, addYears, randomDate, type Rng } from './random';
import {
  BIRTH_COUNTIES,
  EMPLOYERS,
  OUTSIDE,
  OUTSIDE_CODES,
  randomGivenName,
  randomNotation,
  randomPlace,
  randomSurname,
  writeAddress,
  type Place,
} from './vocabulary';

type CohortKind = 'HP' | 'PO' | 'PO_SAME_COUNTY' | 'PURCHASE' | 'HO' | 'MIGRANT' | 'UNDET';
const KIND_WEIGHTS: [CohortKind, number][] = [
  ['HP', 0.38],
  ['PO', 0.1],
  ['PO_SAME_COUNTY', 0.04],
  ['PURCHASE', 0.03],
  ['HO', 0.2],
  ['MIGRANT', 0.15],
  ['UNDET', 0.1],
];
const KIND_CATEGORY: Record<CohortKind, Category> = {
  HP: 'HOUSEHOLD_AND_PROPERTY',
  PO: 'PROPERTY_ONLY',
  PO_SAME_COUNTY: 'PROPERTY_ONLY',
  PURCHASE: 'PROPERTY_ONLY',
  HO: 'HOUSEHOLD_ONLY',
  MIGRANT: 'MIGRANT_WORKER_CHILD',
  UNDET: 'UNDETERMINED',
};

function pickKind(rng: Rng): CohortKind {
  let x = rng.next();
  for (const [k, w] of KIND_WEIGHTS) {
    if ((x -= w) < 0) return k;
  }
  return 'HP';
}

function otherThan(rng: Rng, codes: readonly string[], not: string): string {
  let c = rng.pick(codes);
  while (c === not) c = rng.pick(codes);
  return c;
}

/** A different place in the same county: another road or another house number. */
function differentPlace(rng: Rng, p: Place): Place {
  const q = randomPlace(rng, p.regionCode);
  return q.road === p.road && q.number === p.number ? { ...q, number: (p.number % 299) + 1 } : q;
}

/** One generated family; its category follows from how it was built. */
export function addCohortFamily(b: Builder, key: string): Scenario {
  const rng = b.rng;
  const county = rng.pick(JINING_COUNTY_CODES);
  const kind = pickKind(rng);
  const priority = rng.chance(0.02);

  // Children: most at the first-grade or junior-secondary threshold, some anywhere 2012-2020.
  const r = rng.next();
  const childBirth =
    r < 0.6
      ? randomDate(rng, `${SCHOOL_YEAR - 7}-09-01`, `${SCHOOL_YEAR - 6}-08-31`)
      : r < 0.85
        ? randomDate(rng, `${SCHOOL_YEAR - 13}-09-01`, `${SCHOOL_YEAR - 12}-08-31`)
        : randomDate(rng, '2012-01-01', '2020-12-31');
  const stage: 'PRIMARY' | 'JUNIOR' = childBirth <= `${SCHOOL_YEAR - 12}-08-31` ? 'JUNIOR' : 'PRIMARY';
  const childYear = Number(childBirth.slice(0, 4));
  const fatherYear = Math.min(1995, Math.max(1975, childYear - rng.int(24, 36)));
  const motherYear = Math.min(1995, Math.max(1975, childYear - rng.int(22, 34)));

  const migrantLike = kind === 'MIGRANT' || (kind === 'UNDET' && rng.chance(0.5));
  const poOutside = kind === 'PO' && rng.chance(0.3);
  // Where the child's household is registered.
  const regCounty =
    migrantLike || poOutside
      ? rng.pick(OUTSIDE_CODES)
      : kind === 'HP' || kind === 'HO' || kind === 'PO_SAME_COUNTY'
        ? county
        : otherThan(rng, JINING_COUNTY_CODES, county);
  const idRegion = (code: string) =>
    OUTSIDE[code]
      ? code
      : JINING_FUNCTIONAL_ZONES.includes(code)
        ? rng.pick(BIRTH_COUNTIES)
        : rng.chance(0.75)
          ? code
          : rng.pick(BIRTH_COUNTIES);

  const ethnicity = rng.chance(0.04) ? '回族' : '汉族';
  const fatherSurname = randomSurname(rng);
  const motherSurname = randomSurname(rng);
  const father = b.person(
    fatherSurname + randomGivenName(rng),
    'MALE',
    randomDate(rng, `${fatherYear}-01-01`, `${fatherYear}-12-28`),
    idRegion(regCounty),
    ethnicity,
  );
  const mother = b.person(
    motherSurname + randomGivenName(rng),
    'FEMALE',
    randomDate(rng, `${motherYear}-01-01`, `${motherYear}-12-28`),
    idRegion(regCounty),
    ethnicity,
  );
  const childGender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
  const child = b.person(
    (rng.chance(0.9) ? fatherSurname : motherSurname) + randomGivenName(rng),
    childGender,
    childBirth,
    idRegion(regCounty),
    ethnicity,
  );
  const childCode: RelationCode =
    childGender === 'MALE' ? rng.pick(['21', '21', '20', '22'] as const) : rng.pick(['31', '31', '30', '32'] as const);

  // Single-parent families: divorced, the child with the mother, who heads the household.
  const single = rng.chance(0.1);
  const home = randomPlace(rng, regCounty);
  const homeAddr = writeAddress(home, randomNotation(rng));
  if (single) {
    b.household(regCounty, homeAddr, [
      [mother, '02'],
      [child, childCode],
    ]);
    const fatherCounty = rng.pick(BIRTH_COUNTIES);
    b.household(fatherCounty, writeAddress(randomPlace(rng, fatherCounty)), [[father, '02']]);
  } else {
    b.household(regCounty, homeAddr, [
      [father, '02'],
      [mother, '12'],
      [child, childCode],
    ]);
  }
  // Registered before the child's birth, but never below the legal age (men 22, women 20).
  const married = [addDays(childBirth, -rng.int(300, 1800)), addYears(father.birthDate, 22), addYears(mother.birthDate, 20)].sort().at(-1)!;
  b.marriage(father, mother, married, single ? 'DIVORCED' : 'MARRIED');
  // Without a birth certificate the head's own child is still verified through the register.
  if (rng.chance(0.92)) b.birthCertificate(child, father, mother);

  const owner = single ? mother : father;
  const partner = single ? null : mother;
  const ownership = (): { mode: CoOwnershipMode; coOwners: [Person, string | null][] } => {
    if (!partner) return { mode: 'SOLE', coOwners: [] };
    const m = rng.pick(['SOLE', 'JOINT', 'BY_SHARES'] as const);
    return m === 'SOLE'
      ? { mode: 'SOLE', coOwners: [] }
      : m === 'JOINT'
        ? { mode: 'JOINT', coOwners: [[partner, null]] }
        : { mode: 'BY_SHARES', coOwners: [[partner, rng.pick(['1/2', '50%'])]] };
  };
  const titleDate = () => randomDate(rng, '2008-01-01', '2025-06-30');

  if (kind === 'HP') {
    b.property(owner, {
      regionCode: county,
      location: writeAddress(home, randomNotation(rng)),
      registeredOn: titleDate(),
      status: rng.chance(0.2) ? '抵押' : '正常',
      ...ownership(),
    });
  } else if (kind === 'PO' || kind === 'PO_SAME_COUNTY') {
    const place = kind === 'PO_SAME_COUNTY' ? differentPlace(rng, home) : randomPlace(rng, county);
    b.property(owner, {
      regionCode: county,
      location: writeAddress(place, randomNotation(rng)),
      registeredOn: titleDate(),
      status: rng.chance(0.2) ? '抵押' : '正常',
      ...ownership(),
    });
  } else if (kind === 'PURCHASE') {
    const signedAt = randomDate(rng, '2024-01-01', '2025-06-30');
    b.purchaseContract(owner, {
      regionCode: county,
      location: writeAddress(randomPlace(rng, county)),
      signedAt,
      agreedDeliveryDate: addDays(signedAt, rng.int(180, 900)),
      ...ownership(),
    });
  } else if (kind === 'HO' && rng.chance(0.2)) {
    const elsewhere = otherThan(rng, JINING_COUNTY_CODES, county);
    b.property(owner, {
      regionCode: elsewhere,
      location: writeAddress(randomPlace(rng, elsewhere)),
      registeredOn: titleDate(),
      ...ownership(),
    });
  }
  // Now and then a shop: never residential, never counts.
  if (rng.chance(0.05)) {
    b.property(owner, {
      regionCode: county,
      location: writeAddress(randomPlace(rng, county)),
      registeredOn: titleDate(),
      usage: rng.pick(['商业', '办公']),
      rightNature: '出让/商品房',
    });
  }

  const cutoff = `${SCHOOL_YEAR}-08-31`;
  const here = writeAddress(randomPlace(rng, county));
  if (kind === 'MIGRANT') {
    // Held continuously from at least 6 months before the cut-off, sometimes as two renewals.
    const start = randomDate(rng, '2019-01-01', `${SCHOOL_YEAR}-02-01`);
    const end = randomDate(rng, `${SCHOOL_YEAR}-09-01`, `${SCHOOL_YEAR + 2}-08-31`);
    const split = rng.chance(0.4) ? randomDate(rng, addDays(start, 30), addDays(cutoff, -30)) : null;
    if (split) {
      b.residencePermit(owner, {
        regionCode: county,
        validFrom: start,
        validUntil: split,
        registeredResidence: homeAddr,
        currentAddress: here,
      });
      b.residencePermit(owner, {
        regionCode: county,
        validFrom: addDays(split, 1),
        validUntil: end,
        registeredResidence: homeAddr,
        currentAddress: here,
      });
    } else {
      b.residencePermit(owner, {
        regionCode: county,
        validFrom: start,
        validUntil: end,
        registeredResidence: homeAddr,
        currentAddress: here,
      });
    }
  } else if (kind === 'UNDET' && migrantLike && rng.chance(0.6)) {
    // Too short: starts less than 6 months before the cut-off.
    const start = randomDate(rng, `${SCHOOL_YEAR}-03-15`, `${SCHOOL_YEAR}-07-31`);
    b.residencePermit(owner, {
      regionCode: county,
      validFrom: start,
      validUntil: addYears(start, 1),
      registeredResidence: homeAddr,
      currentAddress: here,
    });
  }

  if (rng.chance(0.5)) {
    const from = randomDate(rng, '2023-01-01', '2024-12-31').slice(0, 7);
    b.socialInsurance(owner, { from, to: `${SCHOOL_YEAR}-06`, types: ['PENSION'], regionCode: county, employerName: rng.pick(EMPLOYERS) });
  }
  if (rng.chance(0.03)) {
    b.individualBusiness(owner, {
      regionCode: county,
      businessAddress: writeAddress(randomPlace(rng, county)),
      establishedOn: titleDate(),
    });
  }

  // a county may decide that a purchase contract is no property (policy data): such a
  // family, with its household elsewhere and no permit, is then undetermined there
  const contractCounts = kind !== 'PURCHASE' || policyFor(county).purchaseContractsCountAsProperty;
  const category: Category = priority ? 'PRIORITY' : contractCounts ? KIND_CATEGORY[kind] : 'UNDETERMINED';
  const guardians: [Person, 'FATHER' | 'MOTHER' | 'OTHER'][] = single
    ? [[mother, 'MOTHER']]
    : [
        [father, 'FATHER'],
        [mother, 'MOTHER'],
      ];
  return scenario(
    key,
    `generated family: ${KIND_CATEGORY[kind]}${single ? ', divorced, child with the mother' : ''}${priority ? ', declares a priority group' : ''}`,
    county,
    child,
    guardians,
    category,
    { stage, priorityGroup: priority },
  );
}
