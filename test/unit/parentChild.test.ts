// The one parent-child rule: authorization and verification both ask src/evidence/parentChild.ts.
import { describe, expect, it } from 'vitest';
import * as oneRule from '../../src/evidence/parentChild';
import { parentChildLink } from '../../src/evidence/parentChild';
import type { BirthCertificate, HouseholdRegistration } from '../../src/evidence/records';
import * as verificationRule from '../../src/verification/rules/parentChild';

const PARENT = '370811198503120017';
const register = (over: Partial<HouseholdRegistration>): HouseholdRegistration => ({
  idNumber: '370811201503120012',
  name: '甲乙',
  gender: null,
  birthDate: null,
  ethnicity: null,
  nativePlace: null,
  regionCode: '370811',
  regionName: null,
  address: null,
  issuingAuthority: null,
  householdType: null,
  householdNumber: 'H1',
  headOfHouseholdName: null,
  relationToHeadCode: '20',
  relationToHeadName: null,
  ...over,
});
const certificate = (over: Partial<BirthCertificate>): BirthCertificate => ({
  certificateNumber: 'C1',
  childName: '甲乙',
  birthDate: '2015-03-12',
  fatherName: null,
  fatherIdNumber: PARENT,
  motherName: null,
  motherIdNumber: null,
  ...over,
});
const child = (reg: HouseholdRegistration | null) => ({ name: '甲乙', birthDate: '2015-03-12', register: reg });

describe('the one parent-child rule', () => {
  it('verification asks the same functions as authorization, not copies of them', () => {
    expect(verificationRule.matchBirthCertificate).toBe(oneRule.matchBirthCertificate);
    expect(verificationRule.parentByRegister).toBe(oneRule.parentByRegister);
    expect(verificationRule.parentChildLink).toBe(parentChildLink);
  });

  it('a birth certificate naming the parent, with the child name and birth date, links them (a lower-case x too)', () => {
    expect(parentChildLink(PARENT, child(null), { certificates: [certificate({})], register: null })).toBe('birth certificate');
    const withX = '37081119850312001X';
    expect(
      parentChildLink(withX, child(null), {
        certificates: [certificate({ motherIdNumber: withX.toLowerCase(), fatherIdNumber: null })],
        register: null,
      }),
    ).toBe('birth certificate');
  });

  it('a certificate of another child of the same birth date does not', () => {
    expect(parentChildLink(PARENT, child(null), { certificates: [certificate({ childName: '丙丁' })], register: null })).toBeNull();
  });

  it('the register links a head (01 or 02) and a son or daughter of the head in the same household', () => {
    for (const head of ['01', '02']) {
      expect(
        parentChildLink(PARENT, child(register({})), {
          certificates: [],
          register: register({ idNumber: PARENT, relationToHeadCode: head }),
        }),
      ).toBe('household register');
    }
  });

  it("a head's spouse, another household, or a child coded as a grandchild is no parent by the register", () => {
    const head = register({ idNumber: PARENT, relationToHeadCode: '02' });
    expect(parentChildLink(PARENT, child(register({})), { certificates: [], register: { ...head, relationToHeadCode: '10' } })).toBeNull();
    expect(parentChildLink(PARENT, child(register({})), { certificates: [], register: { ...head, householdNumber: 'H2' } })).toBeNull();
    expect(parentChildLink(PARENT, child(register({ relationToHeadCode: '40' })), { certificates: [], register: head })).toBeNull();
  });
});
