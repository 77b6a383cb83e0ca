// The console's search form and CSV cells: what an auditor types becomes the audit filter or
// a message naming the field; an ID number never survives as itself; a cell never runs as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/console/csv';
import { parseBeijingTime, parseSearch, searchQuery } from '../../src/console/search';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { makeIdNumber } from '../../src/codes/idNumber';

const hash = makeSubjectHasher('unit-test-key');
const ID = makeIdNumber('370883', '2019-03-04', 12);

describe('Beijing time in the search form', () => {
  it('reads a date or a date and time as UTC+8; a date alone as "to" includes that day', () => {
    expect(parseBeijingTime('2025-07-01', false)).toBe('2025-06-30T16:00:00.000Z');
    expect(parseBeijingTime('2025-07-01', true)).toBe('2025-07-01T16:00:00.000Z');
    expect(parseBeijingTime('2025-07-01 08:30', true)).toBe('2025-07-01T00:30:00.000Z');
    expect(parseBeijingTime('2025-07-01T08:30:15', false)).toBe('2025-07-01T00:30:15.000Z');
  });
  it('refuses what does not exist rather than rolling it over', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-07-01 24:00', '2025-07-01 08:60', '7/1/2025', 'yesterday', ''])
      expect(parseBeijingTime(bad, false)).toBeNull();
  });
});

describe('parseSearch', () => {
  it('turns an ID number from a form into its subject hash: the number is in no value and no URL', () => {
    const s = parseSearch(new URLSearchParams({ idNumber: ID.toLowerCase(), outcome: 'DENIED' }), hash, true);
    expect(s.errors).toEqual({});
    expect(s.idNumber).toBe(ID);
    expect(s.filter).toEqual({ subjectHash: hash(ID), outcome: 'DENIED' });
    expect(JSON.stringify(s.values)).not.toContain(ID);
    expect(searchQuery(s.values)).toBe(`subject=${hash(ID)}&outcome=DENIED`);
  });
  it('ignores an ID number in a URL (only a POST body may carry one)', () => {
    const s = parseSearch(new URLSearchParams({ idNumber: ID }), hash, false);
    expect(s.idNumber).toBeNull();
    expect(s.filter).toEqual({});
  });
  it('names each wrong field, in Chinese and English, without echoing the value', () => {
    const wrong = `${ID.slice(0, 17)}${ID.endsWith('1') ? '2' : '1'}`;
    const s = parseSearch(
      new URLSearchParams({ idNumber: wrong, countyCode: '110101', actorRole: 'root', from: '2025-02-30', to: 'soon', subject: 'abc' }),
      hash,
      true,
    );
    expect(Object.keys(s.errors).sort()).toEqual(['actorRole', 'countyCode', 'from', 'idNumber', 'subject', 'to']);
    expect(s.errors.idNumber).toMatch(/校验码不符 fails its check digit/);
    expect(s.errors.from).toMatch(/起始时间 From.*YYYY-MM-DD/);
    expect(JSON.stringify(s.errors)).not.toContain(wrong);
  });
  it('refuses a range that ends before it starts', () => {
    const s = parseSearch(new URLSearchParams({ from: '2025-07-02', to: '2025-07-01 12:00' }), hash, false);
    expect(s.errors.to).toMatch(/To must be after From/);
  });
});

describe('csvCell', () => {
  it('quotes as RFC 4180 asks and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(['name', 'address'])).toBe('name address');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7)).toBe('7');
  });
});
