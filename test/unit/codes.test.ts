// The identity codes: check characters worked out by hand from the standards, and the ways a
// number can be wrong, none of which may repeat the number in its reason.
import { describe, expect, it } from 'vitest';
import { creditCheckChar, makeCreditCode, orgCodeCheckChar, validateCreditCode, CREDIT_CODE_CHARSET } from '../../src/codes/creditCode';
import { idCheckChar, makeIdNumber, normalizeIdNumber, validateIdNumber } from '../../src/codes/idNumber';
import { countyName, isJiningCounty, JINING_COUNTIES } from '../../src/codes/regions';

describe('ID number (GB 11643-1999)', () => {
  it('computes the check character by ISO 7064 MOD 11-2', () => {
    // 3 7 0 8 1 1 2 0 1 9 0 8 3 1 0 0 1 x weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // = 21+63+0+40+8+4+4+0+6+27+0+72+30+5+0+0+2 = 282; 282 mod 11 = 7 -> '5'
    expect(idCheckChar('37081120190831001')).toBe('5');
    // The standard's own example: remainder 2 -> 'X'
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts a valid number and reads birth date, gender and region', () => {
    expect(validateIdNumber('370811201908310015')).toEqual({ ok: true, birthDate: '2019-08-31', gender: 'MALE', regionCode: '370811' });
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', gender: 'FEMALE', regionCode: '110105' });
    expect(validateIdNumber('11010519491231002x').ok).toBe(true);
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('names what is wrong', () => {
    expect(validateIdNumber('37081120190831001')).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('3708112019083100155')).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('')).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('37081120190831001A')).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber('3708112019083100X5')).toEqual({ ok: false, reason: 'format' });
    expect(validateIdNumber('370811201908310016')).toEqual({ ok: false, reason: 'checkDigit' });
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checkDigit' });
  });

  it('rejects birth dates that are not real, before 1900 or in the future', () => {
    // 440524188001010014: the standard's second example; its check digit is right, but 1880 is too early here.
    expect(validateIdNumber('440524188001010014')).toEqual({ ok: false, reason: 'birthDate' });
    const withCheck = (first17: string) => first17 + idCheckChar(first17);
    expect(validateIdNumber(withCheck('37081120190229001'))).toEqual({ ok: false, reason: 'birthDate' }); // 2019 is no leap year
    expect(validateIdNumber(withCheck('37081120200229001')).ok).toBe(true);
    expect(validateIdNumber(withCheck('37081120191301001'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(withCheck('37081120190431001'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(withCheck('37081120190800001'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(withCheck('37081118991231001'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(withCheck('37081119000101001')).ok).toBe(true);
    const now = new Date('2025-06-30T12:00:00+08:00');
    expect(validateIdNumber(withCheck('37081120250701001'), now)).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(withCheck('37081120250630001'), now).ok).toBe(true);
  });

  it('never echoes the input in a failure', () => {
    for (const bad of ['370811201908310016', '37081120190831001A', '440524188001010014', '3708112019']) {
      const r = validateIdNumber(bad);
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(bad.slice(0, 6));
    }
  });

  it('makes valid numbers; odd sequence is male, even female', () => {
    const m = makeIdNumber('370883', '1986-02-28', 137);
    expect(m.slice(0, 17)).toBe('37088319860228137');
    expect(validateIdNumber(m)).toMatchObject({ ok: true, gender: 'MALE', birthDate: '1986-02-28', regionCode: '370883' });
    expect(validateIdNumber(makeIdNumber('370883', '1986-02-28', 246))).toMatchObject({ ok: true, gender: 'FEMALE' });
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(() => makeIdNumber('37081', '1986-02-28', 1)).toThrow();
    expect(() => makeIdNumber('370811', '1986-02-30', 1)).toThrow();
    expect(() => makeIdNumber('370811', '1986-02-28', 1000)).toThrow();
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('computes the MOD 31 check character', () => {
    // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 x weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 -> '3'
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      registrationAuthority: '9',
      entityType: '1',
      regionCode: '350100',
      orgCode: 'M000100Y4',
    });
  });

  it('maps a remainder of 0 (31 - 0 = 31) to the check character 0', () => {
    // Search a prefix whose weighted sum is a multiple of 31 by varying the last body character.
    let found: string | undefined;
    for (const c of CREDIT_CODE_CHARSET) {
      const prefix = `92370811MA3C5XX${c}`;
      for (const d of CREDIT_CODE_CHARSET) {
        const p = prefix + d;
        const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        const sum = [...p].reduce((s, ch, i) => s + CREDIT_CODE_CHARSET.indexOf(ch) * weights[i]!, 0);
        if (sum % 31 === 0) found = p;
      }
    }
    expect(found).toBeDefined();
    expect(creditCheckChar(found!)).toBe('0');
    expect(validateCreditCode(found! + '0').ok).toBe(true);
  });

  it('names what is wrong, without the code', () => {
    expect(validateCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('91350100M000100Y4I')).toEqual({ ok: false, reason: 'format' }); // I is not in the set
    expect(validateCreditCode('913501O0M000100Y43')).toEqual({ ok: false, reason: 'format' }); // region must be digits
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'checkDigit' });
    expect(JSON.stringify(validateCreditCode('91350100M000100Y44'))).not.toContain('350100');
  });

  it('makes valid codes from their parts', () => {
    // GB 11714: 1*3+2*7+3*9+4*10+5*5+6*8+7*4+8*2 = 201; 201 mod 11 = 3; 11-3 = 8
    expect(orgCodeCheckChar('12345678')).toBe('8');
    const individual = makeCreditCode({ registrationAuthority: '9', entityType: '2', regionCode: '370811', orgCode: 'MA3C5T7K' });
    expect(individual).toHaveLength(18);
    expect(validateCreditCode(individual)).toMatchObject({ ok: true, entityType: '2', regionCode: '370811' });
    const enterprise = makeCreditCode({ registrationAuthority: '9', entityType: '1', regionCode: '370883', orgCode: 'MA3D7K2P0' });
    expect(enterprise.slice(8, 17)).toBe('MA3D7K2P0');
    expect(validateCreditCode(enterprise).ok).toBe(true);
    expect(() => makeCreditCode({ registrationAuthority: '9', entityType: '1', regionCode: '370883', orgCode: 'MA3D7K2PI' })).toThrow();
  });
});

describe('Jining counties', () => {
  it('knows the eleven county-level units and three functional zones', () => {
    expect(Object.keys(JINING_COUNTIES)).toHaveLength(14);
    expect(isJiningCounty('370811')).toBe(true);
    expect(isJiningCounty('370873')).toBe(true);
    expect(isJiningCounty('370800')).toBe(false);
    expect(isJiningCounty('341222')).toBe(false);
    expect(isJiningCounty('toString')).toBe(false);
    expect(countyName('370883')).toBe('邹城市');
    expect(countyName('370871')).toBe('济宁高新技术产业开发区');
    expect(countyName('371102')).toBeUndefined();
  });
});
