// Date and DateTime as the contract defines them. Error messages say which format is
// expected and never repeat the value: it may be personal data (a birth date, an ID number
// typed into the wrong field).
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCalendarDate, isIsoDateTime } from '../src/codes/dates';
import { BadUserInputError } from '../src/errors';

const DATE_FORMAT = 'Date must be a real calendar date written YYYY-MM-DD.';
const DATE_TIME_FORMAT = 'DateTime must be ISO 8601 written YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or an offset ±HH:MM.';

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
