// The named scenarios
import { Builder, SCHOOL_YEAR, scenario, type Scenario } from './builder';
import { writeAddress, type Place } from './vocabulary';

export function buildScenarios(b: Builder): Scenario[] {
  const out: Scenario[] = [];

  {
    // Household and title at one address, written differently by police and land registry.
    const county = '370811';
    const place: Place = { regionCode: county, road: '测试路', number: 18, flat: [3, 502] };
    const father = b.person('王测一', 'MALE', '1986-04-12', '370811');
    const mother = b.person('李样二', 'FEMALE', '1988-09-03', '370812');
    const child = b.person('王演三', 'MALE', '2019-03-15', '370811');
    b.household(county, writeAddress(place, { chineseNumber: true }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2014-10-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress(place, { dashFlat: true }),
      registeredOn: '2016-06-20',
      mode: 'JOINT',
      coOwners: [[mother, null]],
    });
    b.socialInsurance(father, {
      from: '2024-07',
      to: '2025-06',
      types: ['PENSION'],
      regionCode: county,
      employerName: '济宁测试机械有限公司',
    });
    out.push(
      scenario(
        'household-and-property',
        'Household and home in 任城区 at the same address (十八号3单元502室 vs 18号3-502): 房户一致, zero proof.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_AND_PROPERTY',
      ),
    );
  }

  {
    // Compound surname; mortgaged title still counts.
    const county = '370812';
    const father = b.person('欧阳测四', 'MALE', '1984-07-22', '370812');
    const mother = b.person('陈样五', 'FEMALE', '1986-01-30', '370811');
    const child = b.person('欧阳演六', 'FEMALE', '2018-11-20', '370811');
    b.household('370811', writeAddress({ regionCode: '370811', road: '样例街', number: 56, flat: [2, 301] }), [
      [father, '02'],
      [mother, '12'],
      [child, '31'],
    ]);
    b.marriage(father, mother, '2012-05-18', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress({ regionCode: county, road: '演示路', number: 9, flat: [1, 1102] }),
      registeredOn: '2020-09-09',
      status: '抵押',
    });
    out.push(
      scenario(
        'property-only',
        'A mortgaged (抵押) home in 兖州区, household in 任城区: 有房无户.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'PROPERTY_ONLY',
      ),
    );
  }

  {
    // No birth certificate on record: the father is the parent through the household register (head, child 21).
    const county = '370826';
    const father = b.person('张测七', 'MALE', '1985-12-02', '370826');
    const mother = b.person('刘样八', 'FEMALE', '1987-03-14', '370826');
    const child = b.person('张演九', 'MALE', '2019-01-08', '370826');
    b.household(county, writeAddress({ regionCode: county, road: '样例镇演示村', number: 12 }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2013-02-14', 'MARRIED');
    b.property(father, {
      regionCode: '370811',
      location: writeAddress({ regionCode: '370811', road: '模拟大道', number: 201, flat: [4, 1501] }),
      registeredOn: '2021-04-01',
    });
    out.push(
      scenario(
        'household-only',
        'Household in 微山县; the family home is in 任城区, another county: 有户无房.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_ONLY',
      ),
    );
  }

  {
    const county = '370827';
    const father = b.person('陈测十', 'MALE', '1983-06-06', '370827');
    const mother = b.person('杨样一', 'FEMALE', '1985-10-10', '370827');
    const child = b.person('陈演二', 'FEMALE', '2019-05-05', '370827');
    b.household(county, writeAddress({ regionCode: county, road: '测试路', number: 8, flat: [1, 101] }), [
      [father, '02'],
      [mother, '12'],
      [child, '31'],
    ]);
    b.marriage(father, mother, '2011-09-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress({ regionCode: county, road: '模拟大道', number: 166, flat: [5, 602] }),
      registeredOn: '2022-03-15',
      mode: 'BY_SHARES',
      coOwners: [[mother, '1/2']],
    });
    out.push(
      scenario(
        'household-and-property-different-address',
        'Household and home both in 鱼台县 but at different addresses: 有房 wins over 有户 (rule order).',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'PROPERTY_ONLY',
      ),
    );
  }

  {
    // The latest permit alone is 5 months: only the renewal without a gap makes 2 years.
    const county = '370828';
    const home = '341222';
    const homeAddr = writeAddress({ regionCode: home, road: '样例镇演示村', number: 5 });
    const father = b.person('赵测二', 'MALE', '1987-08-08', home);
    const mother = b.person('黄样三', 'FEMALE', '1989-02-19', home);
    const child = b.person('赵演四', 'MALE', '2019-02-02', home);
    b.household(home, homeAddr, [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2015-01-20', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const here = writeAddress({ regionCode: county, road: '测试路', number: 21, flat: [4, 202] });
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2023-09-01',
      validUntil: '2025-03-31',
      registeredResidence: homeAddr,
      currentAddress: here,
    });
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2025-04-01',
      validUntil: '2026-03-31',
      registeredResidence: homeAddr,
      currentAddress: here,
    });
    b.socialInsurance(father, {
      from: '2023-09',
      to: '2025-06',
      types: ['PENSION', 'MEDICAL'],
      regionCode: county,
      employerName: '演示食品有限公司',
    });
    out.push(
      scenario(
        'migrant-worker',
        'Household register in 安徽 太和; father holds a 金乡县 residence permit for 2 years (renewed 2025-04-01 without a gap): 随迁子女.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'MIGRANT_WORKER_CHILD',
      ),
    );
  }

  {
    const county = '370829';
    const home = '371102';
    const homeAddr = writeAddress({ regionCode: home, road: '测试路', number: 77, flat: [2, 402] });
    const father = b.person('周测五', 'MALE', '1990-11-11', home);
    const mother = b.person('吴样六', 'FEMALE', '1991-04-04', home);
    const child = b.person('周演七', 'FEMALE', '2019-07-07', home);
    b.household(home, homeAddr, [
      [father, '02'],
      [mother, '12'],
      [child, '31'],
    ]);
    b.marriage(father, mother, '2016-06-06', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2025-05-01',
      validUntil: '2026-04-30',
      registeredResidence: homeAddr,
      currentAddress: writeAddress({ regionCode: county, road: '样例街', number: 3, flat: [1, 302] }),
    });
    out.push(
      scenario(
        'migrant-worker-short-permit',
        'Household in 日照; the 嘉祥县 residence permit starts 2025-05-01, 4 months before 31 August: not yet 6 months.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'UNDETERMINED',
      ),
    );
  }

  {
    const county = '370830';
    const home = '320382';
    const homeAddr = writeAddress({ regionCode: home, road: '演示镇样板村', number: 31 });
    const father = b.person('孙测八', 'MALE', '1988-01-25', home);
    const mother = b.person('孟样九', 'FEMALE', '1990-12-12', home);
    const child = b.person('孙演十', 'MALE', '2018-12-24', home);
    b.household(home, homeAddr, [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2014-04-04', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const here = writeAddress({ regionCode: county, road: '示范路', number: 45, flat: [3, 601] });
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2024-03-01',
      validUntil: '2025-05-31',
      registeredResidence: homeAddr,
      currentAddress: here,
    });
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2025-06-02',
      validUntil: '2026-06-01',
      registeredResidence: homeAddr,
      currentAddress: here,
    });
    out.push(
      scenario(
        'migrant-permit-one-day-gap',
        'Two 汶上县 permits with a one-day gap (2025-06-01 uncovered); the latest covers only 3 months before 31 August.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'UNDETERMINED',
      ),
    );
  }

  {
    const county = '370831';
    const place: Place = { regionCode: county, road: '演示路', number: 20, flat: [2, 401] };
    const mother = b.person('颜样一', 'FEMALE', '1987-05-05', '370831');
    const father = b.person('曾测三', 'MALE', '1985-09-09', '370881');
    const child = b.person('曾演二', 'MALE', '2019-04-18', '370831');
    b.household(county, writeAddress(place), [
      [mother, '02'],
      [child, '21'],
    ]);
    b.household('370881', writeAddress({ regionCode: '370881', road: '样板街', number: 12, flat: [1, 201] }), [[father, '02']]);
    b.marriage(father, mother, '2013-10-02', 'DIVORCED');
    b.birthCertificate(child, father, mother);
    b.property(mother, {
      regionCode: county,
      location: writeAddress(place, { chineseNumber: true, dashFlat: true }),
      registeredOn: '2021-08-30',
    });
    b.property(father, {
      regionCode: '370881',
      location: writeAddress({ regionCode: '370881', road: '样板街', number: 12, flat: [1, 201] }),
      registeredOn: '2019-12-01',
    });
    out.push(
      scenario(
        'divorced-parents',
        "Divorced; the child lives with the mother, whose household and home are in 泗水县 (二十号2-401 vs 20号2单元401室); the father's home is in 曲阜市.",
        county,
        child,
        [
          [mother, 'MOTHER'],
          [father, 'FATHER'],
        ],
        'HOUSEHOLD_AND_PROPERTY',
      ),
    );
  }

  {
    // The ex-husband's flat is at the child's household address: counting it would make 房户一致.
    const county = '370832';
    const place: Place = { regionCode: county, road: '测试路', number: 7, flat: [1, 201] };
    const mother = b.person('马样四', 'FEMALE', '1988-03-03', '370832');
    const exHusband = b.person('朱测六', 'MALE', '1984-02-02', '370832');
    const child = b.person('马演五', 'FEMALE', '2019-06-06', '370832');
    b.household(county, writeAddress(place, { chineseNumber: true }), [
      [mother, '02'],
      [child, '31'],
    ]);
    b.household(county, writeAddress({ regionCode: county, road: '虚构巷', number: 66 }), [[exHusband, '02']]);
    b.marriage(exHusband, mother, '2010-05-01', 'DIVORCED');
    b.birthCertificate(child, null, mother);
    b.property(exHusband, { regionCode: county, location: writeAddress(place), registeredOn: '2011-03-03' });
    out.push(
      scenario(
        'divorced-ex-spouse-home',
        'Mother and child registered in 梁山县; the only home there belongs to her ex-husband (divorced, not on the birth certificate), listed as OTHER: not counted.',
        county,
        child,
        [
          [mother, 'MOTHER'],
          [exHusband, 'OTHER'],
        ],
        'HOUSEHOLD_ONLY',
        { roles: [[exHusband, "mother's ex-husband"]] },
      ),
    );
  }

  {
    // Step-father is the head's spouse (11), not the head: he counts only through the marriage.
    const county = '370881';
    const place: Place = { regionCode: county, road: '示范路', number: 108, flat: [6, 1201] };
    const mother = b.person('胡样七', 'FEMALE', '1989-07-17', '370881');
    const stepFather = b.person('司马测八', 'MALE', '1983-11-30', '370881');
    const father = b.person('郭测十', 'MALE', '1987-01-09', '370811');
    const child = b.person('郭演九', 'FEMALE', '2018-10-01', '370881');
    b.household(county, writeAddress(place), [
      [mother, '02'],
      [stepFather, '11'],
      [child, '31'],
    ]);
    b.household('370811', writeAddress({ regionCode: '370811', road: '测绘路', number: 3, flat: [2, 202] }), [[father, '02']]);
    b.marriage(father, mother, '2016-01-01', 'DIVORCED');
    b.marriage(stepFather, mother, '2021-05-20', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(stepFather, {
      regionCode: county,
      location: writeAddress(place, { chineseNumber: true, dashFlat: true }),
      registeredOn: '2020-11-11',
    });
    out.push(
      scenario(
        'remarried-step-parent-home',
        'Mother remarried; her husband (not on the birth certificate) owns the 曲阜市 home where the child is registered: 房户一致 through a step-parent.',
        county,
        child,
        [
          [mother, 'MOTHER'],
          [stepFather, 'OTHER'],
        ],
        'HOUSEHOLD_AND_PROPERTY',
        { roles: [[stepFather, 'step-father']], others: [[father, 'father (divorced; not on the application)']] },
      ),
    );
  }

  {
    const county = '370883';
    const father = b.person('诸葛测一', 'MALE', '1986-02-28', '370812');
    const mother = b.person('王样二', 'FEMALE', '1987-12-31', '370812');
    const child = b.person('诸葛演三', 'MALE', '2019-08-01', '370812');
    b.household('370812', writeAddress({ regionCode: '370812', road: '样板街', number: 10, flat: [3, 303] }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2015-09-09', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.purchaseContract(father, {
      regionCode: county,
      location: writeAddress({ regionCode: county, road: '样例街', number: 88, flat: [6, 1501] }),
      signedAt: '2025-03-18',
      agreedDeliveryDate: '2026-06-30',
      mode: 'JOINT',
      coOwners: [[mother, null]],
    });
    out.push(
      scenario(
        'purchase-contract-only',
        'No title yet: an online-signed purchase contract (网签) for a 住宅 in 邹城市, household in 兖州区.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'PROPERTY_ONLY',
      ),
    );
  }

  {
    const county = '370871';
    const place: Place = { regionCode: county, road: '演示路', number: 100, flat: [2, 602] };
    const father = b.person('李测四', 'MALE', '1985-05-15', '370811');
    const mother = b.person('张样五', 'FEMALE', '1986-06-16', '370811');
    const child = b.person('李演六', 'FEMALE', '2019-02-14', '370811');
    b.household(county, writeAddress(place), [
      [father, '02'],
      [mother, '12'],
      [child, '31'],
    ]);
    b.marriage(father, mother, '2013-03-03', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress(place, { chineseNumber: true, dashFlat: true }),
      registeredOn: '2015-07-07',
      status: '注销',
    });
    out.push(
      scenario(
        'cancelled-title',
        'Household in the high-tech zone; the only title at that address is cancelled (注销): no property.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_ONLY',
      ),
    );
  }

  {
    const county = '370872';
    const father = b.person('刘测七', 'MALE', '1984-08-18', '370811');
    const mother = b.person('陈样八', 'FEMALE', '1985-09-19', '370811');
    const child = b.person('刘演九', 'MALE', '2018-09-30', '370811');
    b.household('370811', writeAddress({ regionCode: '370811', road: '虚构巷', number: 9 }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2012-12-12', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress({ regionCode: county, road: '测试路', number: 66, flat: [1, 801] }),
      registeredOn: '2019-10-10',
      status: '查封',
    });
    out.push(
      scenario(
        'sealed-title',
        'The only home, in 太白湖新区, is sealed (查封); household in 任城区: nothing counts.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'UNDETERMINED',
      ),
    );
  }

  {
    const county = '370873';
    const place: Place = { regionCode: county, road: '测试路', number: 33, flat: [1, 301] };
    const father = b.person('杨测十', 'MALE', '1990-01-01', '370811');
    const mother = b.person('赵样一', 'FEMALE', '1992-02-02', '370811');
    const child = b.person('杨演二', 'MALE', `${SCHOOL_YEAR - 6}-09-01`, '370811');
    b.household(county, writeAddress(place), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2017-07-07', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, {
      regionCode: county,
      location: writeAddress(place, { chineseNumber: true, dashFlat: true }),
      registeredOn: '2018-01-18',
    });
    out.push(
      scenario(
        'child-too-young',
        `Born ${SCHOOL_YEAR - 6}-09-01, one day past the cut-off: not age-eligible for first grade; the category is still decided.`,
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_AND_PROPERTY',
      ),
    );
  }

  {
    const county = '370811';
    const place: Place = { regionCode: county, road: '示范路', number: 5, flat: [3, 201] };
    const father = b.person('黄测三', 'MALE', '1989-03-03', '370811');
    const mother = b.person('周样四', 'FEMALE', '1990-04-04', '370883');
    const child = b.person('黄演五', 'FEMALE', `${SCHOOL_YEAR - 6}-08-31`, '370811');
    b.household(county, writeAddress(place), [
      [father, '02'],
      [mother, '12'],
      [child, '31'],
    ]);
    b.marriage(father, mother, '2016-10-10', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(mother, {
      regionCode: county,
      location: writeAddress(place, { chineseNumber: true }),
      registeredOn: '2017-05-05',
      mode: 'BY_SHARES',
      coOwners: [[father, '50%']],
    });
    out.push(
      scenario(
        'child-born-31-august',
        `Born ${SCHOOL_YEAR - 6}-08-31, the last eligible day: age-eligible.`,
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_AND_PROPERTY',
      ),
    );
  }

  {
    const county = '370812';
    const father = b.person('吴测六', 'MALE', '1980-10-20', '370812');
    const mother = b.person('孙样七', 'FEMALE', '1982-11-21', '370812');
    const child = b.person('吴演八', 'MALE', '2013-05-20', '370812');
    b.household(county, writeAddress({ regionCode: county, road: '测绘路', number: 27, flat: [2, 502] }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2009-09-09', 'MARRIED');
    b.birthCertificate(child, father, mother);
    out.push(
      scenario(
        'junior-stage',
        'Entering junior secondary: no age rule applies (ageEligible null); household in 兖州区, no home.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_ONLY',
        { stage: 'JUNIOR' },
      ),
    );
  }

  {
    const county = '370826';
    const father = b.person('孔测九', 'MALE', '1982-09-09', '370826');
    const mother = b.person('孟样十', 'FEMALE', '1984-10-10', '370826');
    const child = b.person('孔演一', 'MALE', '2019-01-31', '370826');
    b.household(county, writeAddress({ regionCode: county, road: '演示路', number: 15, flat: [1, 202] }), [
      [father, '02'],
      [mother, '12'],
      [child, '21'],
    ]);
    b.marriage(father, mother, '2010-01-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    out.push(
      scenario(
        'priority-group',
        'The family declares a priority group (优待对象); its proof is checked offline, so no zero proof.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'PRIORITY',
        { priorityGroup: true },
      ),
    );
  }

  {
    // Valid ID numbers that no department knows: nothing to decide from.
    const county = '370827';
    const father = b.person('上官测三', 'MALE', '1989-06-30', '370827');
    const child = b.person('上官演二', 'FEMALE', '2019-04-04', '370827');
    out.push(
      scenario(
        'unknown-person',
        'A child and guardian with valid ID numbers that no department has any record of.',
        county,
        child,
        [[father, 'FATHER']],
        'UNDETERMINED',
      ),
    );
  }

  {
    // One record of each of the eleven kinds across the family, none of which changes the category.
    const county = '370883';
    const home = '371102';
    const fatherHome = writeAddress({ regionCode: home, road: '样板街', number: 19, flat: [1, 102] });
    const grandmother = b.person('曾样八', 'FEMALE', '1958-08-08', '370883');
    const father = b.person('颜测五', 'MALE', '1985-04-25', home);
    const mother = b.person('曾样六', 'FEMALE', '1987-07-27', '370883');
    const child = b.person('颜演七', 'FEMALE', '2019-03-27', '370883');
    const regPlace: Place = { regionCode: county, road: '测绘路', number: 52, flat: [2, 101] };
    // The child is the head's granddaughter (44): only the birth certificate makes the mother a parent.
    b.household(county, writeAddress(regPlace), [
      [grandmother, '02'],
      [mother, '30'],
      [child, '44'],
    ]);
    b.household(home, fatherHome, [[father, '02']]);
    b.marriage(father, mother, '2016-03-08', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const rented = writeAddress({ regionCode: county, road: '演示路', number: 202, flat: [3, 702] });
    b.residencePermit(father, {
      regionCode: county,
      validFrom: '2022-03-01',
      validUntil: '2026-02-28',
      registeredResidence: fatherHome,
      currentAddress: rented,
    });
    b.property(father, {
      regionCode: county,
      location: writeAddress({ regionCode: county, road: '样例街', number: 5 }),
      registeredOn: '2021-06-01',
      usage: '商业',
      rightNature: '出让/商品房',
    });
    b.purchaseContract(mother, {
      regionCode: '370811',
      location: writeAddress({ regionCode: '370811', road: '演示路', number: 128, flat: [2, 2101] }),
      signedAt: '2025-04-10',
      agreedDeliveryDate: '2026-12-31',
      mode: 'BY_SHARES',
      coOwners: [[father, '1/2']],
    });
    const lessor = b.person('孟测九', 'MALE', '1970-01-15', '370883');
    b.household(county, writeAddress({ regionCode: county, road: '模拟大道', number: 3, flat: [1, 101] }), [[lessor, '02']]);
    const lessorTitle = b.property(lessor, { regionCode: county, location: rented, registeredOn: '2012-12-21' });
    b.leaseFiling(father, {
      lessor,
      regionCode: county,
      location: rented,
      propertyCertificateNumber: lessorTitle.certificateNumber,
      leaseStart: '2023-03-01',
      leaseEnd: '2026-02-28',
    });
    b.subsidizedHousing({
      regionCode: county,
      address: writeAddress({ regionCode: county, road: '样板街', number: 36, flat: [4, 401] }),
      members: [
        [father, '本人'],
        [mother, '配偶'],
        [child, '子女'],
      ],
      contractStatus: '已终止',
      reviewStatus: '审核通过',
      subsidyType: '公租房实物配租',
      contractStart: '2019-07-01',
      contractEnd: '2022-06-30',
    });
    b.individualBusiness(mother, {
      regionCode: county,
      businessAddress: writeAddress({ regionCode: county, road: '示范路', number: 11 }),
      establishedOn: '2020-05-18',
    });
    b.enterprise(father, {
      enterpriseName: '邹城测样演示商贸有限公司',
      regionCode: county,
      registeredAddress: writeAddress({ regionCode: county, road: '样例街', number: 5 }),
      registeredOn: '2018-08-08',
    });
    b.socialInsurance(father, {
      from: '2023-01',
      to: '2025-06',
      types: ['PENSION', 'MEDICAL'],
      regionCode: county,
      employerName: '邹城测样演示商贸有限公司',
    });
    out.push(
      scenario(
        'full-evidence',
        'A family with records of all eleven evidence types in 邹城市 (lease, subsidized housing, business, enterprise, social insurance 2023-01..2025-06, a 商业 title, a purchase contract in 任城区, a residence permit); the child is registered in 邹城市 with the mother.',
        county,
        child,
        [
          [father, 'FATHER'],
          [mother, 'MOTHER'],
        ],
        'HOUSEHOLD_ONLY',
      ),
    );
  }

  return out;
}
