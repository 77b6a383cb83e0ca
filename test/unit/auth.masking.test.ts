// Masking: the two masks of the contract, and the schema transform that applies them to every
// @pii field by role, with no masking code in any resolver.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyMasking, COMPOUND_SURNAMES, maskIdNumber, maskName, seesUnmasked } from '../../src/auth/masking';
import type { Role, Viewer } from '../../src/auth/viewer';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters (370811********123X)', () => {
    expect(maskIdNumber('37081119860412123X')).toBe('370811********123X');
    expect(maskIdNumber('370811201903150013')).toBe('370811********0013');
  });
  it('a 15-digit (first-generation) number keeps the same ends', () => {
    expect(maskIdNumber('370811860412123')).toBe('370811*****2123');
  });
  it('anything too short to keep both ends is masked whole', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the surname, one * per remaining character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王测一')).toBe('王**');
  });
  it('keeps a compound surname whole (欧阳**)', () => {
    expect(maskName('欧阳测四')).toBe('欧阳**');
    expect(maskName('诸葛演三')).toBe('诸葛**');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('上官演二')).toBe('上官**');
  });
  it('a two-character name that only looks compound keeps one character', () => {
    expect(maskName('欧阳')).toBe('欧*');
  });
  it('a name of one character is masked whole; characters outside the BMP count as one', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('𠀀测样')).toBe('𠀀**');
  });
  it('lists the common compound surnames', () => {
    for (const s of [
      '欧阳',
      '司马',
      '诸葛',
      '上官',
      '东方',
      '皇甫',
      '尉迟',
      '公孙',
      '慕容',
      '令狐',
      '长孙',
      '宇文',
      '司徒',
      '夏侯',
      '轩辕',
      '端木',
      '独孤',
      '南宫',
      '西门',
      '百里',
    ]) {
      expect(COMPOUND_SURNAMES.has(s), s).toBe(true);
    }
  });
});

describe('applyMasking', () => {
  const typeDefs = `
    directive @pii(kind: PiiKind!) on FIELD_DEFINITION
    enum PiiKind { ID_NUMBER NAME }
    type Query { r: R  rs: [R!]!  later: R }
    type R { id: String @pii(kind: ID_NUMBER)  name: String! @pii(kind: NAME)  names: [String!] @pii(kind: NAME)  city: String  computed: String @pii(kind: NAME) }
  `;
  const record = { id: '37081119860412123X', name: '欧阳测四', names: ['王测一', '李样二'], city: '济宁', computed: null };
  const schema = applyMasking(
    makeExecutableSchema({
      typeDefs,
      resolvers: {
        Query: { r: () => record, rs: () => [record, { ...record, id: null }], later: async () => record },
        R: { computed: async () => '张三' },
      },
    }),
  );
  const run = (role: Role) =>
    graphql({
      schema,
      source: '{ r { id name names city computed } rs { id name } later { id } }',
      contextValue: { viewer: { sub: 's', role, county: null, idNumber: null } satisfies Viewer },
    });

  it('county_platform and applicant see values as they are', async () => {
    for (const role of ['county_platform', 'applicant'] as const) {
      const r = await run(role);
      expect(r.data?.r).toEqual({ id: record.id, name: record.name, names: record.names, city: '济宁', computed: '张三' });
    }
  });

  it('school_reviewer and help_desk (and every other role) see each @pii field masked by its kind, sync or async, in lists too', async () => {
    for (const role of ['school_reviewer', 'help_desk', 'auditor', 'admin'] as const) {
      const r = await run(role);
      expect(r.errors).toBeUndefined();
      expect(r.data?.r).toEqual({ id: '370811********123X', name: '欧阳**', names: ['王**', '李**'], city: '济宁', computed: '张*' });
      expect(r.data?.rs).toEqual([
        { id: '370811********123X', name: '欧阳**' },
        { id: null, name: '欧阳**' },
      ]);
      expect(r.data?.later).toEqual({ id: '370811********123X' });
    }
  });

  it('a viewer-less context is masked', async () => {
    const r = await graphql({ schema, source: '{ r { id } }', contextValue: {} });
    expect(r.data?.r).toEqual({ id: '370811********123X' });
    expect(seesUnmasked(undefined)).toBe(false);
  });
});
