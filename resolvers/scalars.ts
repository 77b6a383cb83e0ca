// Date and DateTime as the contract defines them. Error messages say which format is
// expected and never repeat the value: it may be personal data (a birth date, an ID number
// typed into the wrong field).
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from '../src/errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Seconds and fractions optional; the offset is required so a time is never ambiguous.
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

const DATE_FORMAT = 'Date must be a real calendar date written YYYY-MM-DD.';
const DATE_TIME_FORMAT = 'DateTime must be ISO 8601 written YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or an offset ±HH:MM.';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for an ISO 8601 date-time with an explicit offset or Z, on a real calendar date. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME_RE.exec(value);
  if (!m || !isCalendarDate(m[1])) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), m[4] === undefined ? 0 : Number(m[4])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[5] !== 'Z' && (Number(m[6]) > 23 || Number(m[7]) > 59)) return false;
  return true;
}

function literalString(ast: ValueNode, message: string): string {
  if (ast.kind !== Kind.STRING) throw new BadUserInputError(message);
  return ast.value;
}

function parseDate(value: unknown): string {
  if (!isCalendarDate(value)) throw new BadUserInputError(DATE_FORMAT);
  return value;
}

function parseDateTime(value: unknown): string {
  if (!isIsoDateTime(value)) throw new BadUserInputError(DATE_TIME_FORMAT);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: '日期 A calendar date, YYYY-MM-DD.',
  // Records already carry contract-format strings; they go out as they are.
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new TypeError('Date can only serialize a YYYY-MM-DD string.');
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, DATE_FORMAT)),
  extensions: { codegenScalarType: 'string' },
});

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: '日期时间 ISO 8601 with an offset or Z.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new TypeError('DateTime cannot serialize an invalid Date.');
      return value.toISOString();
    }
    throw new TypeError('DateTime can only serialize a string or a Date.');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, DATE_TIME_FORMAT)),
  extensions: { codegenScalarType: 'string' },
});

/** Both custom scalars, ready to merge into the resolver map. */
export const scalarResolvers = { Date: DateScalar, DateTime: DateTimeScalar };
