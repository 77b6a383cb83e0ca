// Role-based masking as one mechanism: every field the SDL marks `@pii(kind: …)` gets its
// resolver wrapped once, here, so its value leaves the gateway masked unless the viewer may
// see it whole. Resolvers never mask; a new @pii field is masked without a line of code.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, isObjectType, Kind, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { PiiKind } from '../generated/graphql';
import type { Role, Viewer } from './viewer';

/**
 * Roles that see personal data unmasked (docs/contract.md, "Identity"): a county platform for a
 * purpose in its own county, and an applicant, who only ever reaches their own family.
 * Every other role (and any role added later) sees it masked.
 */
export const UNMASKED_ROLES: readonly Role[] = ['county_platform', 'applicant'];

export function seesUnmasked(viewer: Viewer | undefined): boolean {
  return viewer !== undefined && UNMASKED_ROLES.includes(viewer.role);
}

/**
 * Common compound surnames (复姓): masking keeps the whole surname (`欧阳**`). A name starting
 * with one of these keeps two characters; any other name keeps its first.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
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
  '万俟',
  '闻人',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '太叔',
  '申屠',
  '钟离',
  '呼延',
  '赫连',
  '司空',
  '第五',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '东郭',
  '南门',
  '拓跋',
  '鲜于',
  '闾丘',
  '亓官',
  '仲孙',
  '乐正',
  '公羊',
  '公良',
  '谷梁',
]);

/** `370811********123X`: the first 6 and last 4 characters, every other one `*`. */
export function maskIdNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}

/** `张*`, `王**`, `欧阳**`: the surname kept, one `*` per remaining character. */
export function maskName(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

export const MASKERS: Record<PiiKind, (value: string) => string> = {
  ID_NUMBER: maskIdNumber,
  NAME: maskName,
};

function maskValue(kind: PiiKind, value: unknown): unknown {
  if (typeof value === 'string') return MASKERS[kind](value);
  if (Array.isArray(value)) return value.map((v) => maskValue(kind, v));
  // null stays null; anything else is not a string we know how to show safely
  return value === null || value === undefined ? value : null;
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * The schema with every @pii field's resolver wrapped: unmasked roles get the value as is
 * (one role check, synchronous), every other viewer gets it masked by its kind.
 */
export function applyMasking(schema: GraphQLSchema): GraphQLSchema {
  const pii = piiFields(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const kind = pii.get(`${typeName}.${fieldName}`);
      if (!kind) return fieldConfig;
      const inner: GraphQLFieldResolver<unknown, { viewer?: Viewer }> = fieldConfig.resolve ?? defaultFieldResolver;
      const resolve: GraphQLFieldResolver<unknown, { viewer?: Viewer }> = (source, args, ctx, info) => {
        const value = inner(source, args, ctx, info);
        if (seesUnmasked(ctx?.viewer)) return value;
        return isPromiseLike(value) ? Promise.resolve(value).then((v) => maskValue(kind, v)) : maskValue(kind, value);
      };
      return { ...fieldConfig, resolve };
    },
  });
}

/** "Type.field" -> PiiKind for every field marked @pii: what role-based masking reads. */
export function piiFields(schema: GraphQLSchema): Map<string, PiiKind> {
  const out = new Map<string, PiiKind>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const pii = field.astNode?.directives?.find((d) => d.name.value === 'pii');
      const arg = pii?.arguments?.find((a) => a.name.value === 'kind');
      if (arg && arg.value.kind === Kind.ENUM) out.set(`${type.name}.${field.name}`, arg.value.value as PiiKind);
    }
  }
  return out;
}
