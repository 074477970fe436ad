/**
 * DateTime: ISO-8601 in UTC on the wire; resolvers may return a Date, unix milliseconds or an ISO string.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isoTime } from './iso-time.js';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'number' || typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}: expected an ISO-8601 string.`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in time, as an ISO-8601 string in UTC.',
  // Unix milliseconds (what chart points resolve to) are formatted without a Date (see iso-time.ts).
  serialize: (value) => (typeof value === 'number' && Number.isInteger(value) ? isoTime(value) : toDate(value).toISOString()),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string.');
    return toDate(value).toISOString();
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO-8601 string.');
    return toDate(ast.value).toISOString();
  },
});
