// Every resolver map, one file per GraphQL type.
import type { Resolvers } from '../src/generated/graphql';
import { applicationResolvers } from './Application';
import { consentResolvers } from './Consent';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';

export function buildResolvers(): Resolvers[] {
  return [{ Query, Mutation, Person }, consentResolvers, applicationResolvers];
}
