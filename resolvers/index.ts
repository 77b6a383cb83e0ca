// Every resolver map, one file per GraphQL type.
import type { Resolvers } from '../src/generated/graphql';
import { AccessLogEntry } from './AccessLog';
import { applicationResolvers } from './Application';
import { consentResolvers } from './Consent';
import { Mutation } from './Mutation';
import { myAccessLogResolvers } from './MyAccessLog';
import { Person } from './Person';
import { Query } from './Query';

export function buildResolvers(): Resolvers[] {
  return [{ Query, Mutation, Person, AccessLogEntry }, consentResolvers, myAccessLogResolvers, applicationResolvers];
}
