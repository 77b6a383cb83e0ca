// The federation entity path, `_entities(representations: [...])`, is the classic way around
// field rules: it reaches a Person without person(...)'s arguments. Here it is made to pass
// the same door as person(idNumber, purpose): every representation must carry the person's key,
// which includes the purpose (README "Federation"); a representation that does not, an unknown
// type, or more persons than one request may name is refused before any department is called,
// and each refusal is recorded in the access log. The decision itself is decidePersonAccess.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  Kind,
  OperationTypeNode,
  defaultFieldResolver,
  getArgumentValues,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { isValidIdNumber, normalizeIdNumber } from '../codes/idNumber';
import type { GatewayContext } from '../context';
import { BadUserInputError, ForbiddenError } from '../errors';
import { selectedFields } from '../evidence/fields';
import type { PersonParent } from '../evidence/person';
import type { Purpose } from '../evidence/reader';
import { MAX_PEOPLE_PER_QUERY, checkIdNumber, checkPurpose } from '../evidence/validate';
import { decidePersonAccess, recordDenial, type AccessDeps } from './access';

/** The one entity type of this subgraph, and its key (schema/person.graphql). */
export const PERSON_ENTITY = 'Person';

/** Why a representation was refused, as the access log records it (no personal data). */
export const ENTITY_DENIAL = {
  type: 'entity representation of an unknown type',
  idNumber: 'entity representation without a valid ID number',
  purpose: 'entity representation without a valid purpose',
  cap: `more than ${MAX_PEOPLE_PER_QUERY} persons in one request`,
} as const;

/** Root fields that name persons, and how many each names. */
const PERSON_ARGUMENTS = new Map<string, string | null>([
  ['person', null],
  ['people', 'idNumbers'],
  ['_entities', 'representations'],
]);

/**
 * How many persons the whole operation names through person, people and _entities, aliases
 * and fragments included: the cap holds for the request, not per field, so splitting 100
 * representations over two aliases gains nothing.
 */
export function personsNamedInOperation(info: GraphQLResolveInfo): number {
  const query = info.schema.getQueryType();
  if (!query || info.operation.operation !== OperationTypeNode.QUERY) return 0;
  const fields = query.getFields();
  let count = 0;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const def = fields[name];
        const arg = PERSON_ARGUMENTS.get(name);
        if (!def || arg === undefined) continue;
        if (arg === null) {
          count += 1;
          continue;
        }
        try {
          const value = getArgumentValues(def, sel, info.variableValues)[arg];
          count += Array.isArray(value) ? value.length : 1;
        } catch {
          count += 1; // a bad argument is refused by its own field; count it as one
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = info.fragments[sel.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(info.operation.selectionSet);
  return count;
}

const validIdOrNull = (v: unknown): string | null =>
  typeof v === 'string' && isValidIdNumber(normalizeIdNumber(v)) ? normalizeIdNumber(v) : null;

function purposeOf(value: unknown, at: string): Purpose {
  const p = value as Partial<Purpose> | null;
  if (!p || typeof p !== 'object' || typeof p.applicationId !== 'string' || typeof p.countyCode !== 'string')
    throw new BadUserInputError(
      `${at}.purpose is missing: a Person is reached only for a purpose { applicationId countyCode }, part of its key.`,
      `${at}.purpose`,
    );
  return checkPurpose({ applicationId: p.applicationId, countyCode: p.countyCode }, `${at}.purpose`);
}

function purposeOrNull(value: unknown): Purpose | null {
  try {
    return purposeOf(value, 'representation');
  } catch {
    return null;
  }
}

/** One representation as the person and purpose it names, or BAD_USER_INPUT naming what is wrong (never its value). */
export function personOfRepresentation(rep: unknown, index: number): PersonParent {
  const at = `representations[${index}]`;
  const r = (rep && typeof rep === 'object' ? rep : {}) as Record<string, unknown>;
  if (r.__typename !== PERSON_ENTITY) throw new BadUserInputError(`${at}.__typename must be ${PERSON_ENTITY}.`, `${at}.__typename`);
  if (typeof r.idNumber !== 'string') throw new BadUserInputError(`${at}.idNumber is missing: it is part of the key.`, `${at}.idNumber`);
  return { idNumber: checkIdNumber(r.idNumber, `${at}.idNumber`), purpose: purposeOf(r.purpose, at) };
}

function denialReason(rep: unknown): string {
  const r = (rep && typeof rep === 'object' ? rep : {}) as Record<string, unknown>;
  if (r.__typename !== PERSON_ENTITY) return ENTITY_DENIAL.type;
  if (!validIdOrNull(r.idNumber)) return ENTITY_DENIAL.idNumber;
  return ENTITY_DENIAL.purpose;
}

/** Records each representation as a denied read (at most one past the cap of them). */
export async function recordRefusedRepresentations(
  ctx: GatewayContext,
  reps: readonly unknown[],
  fields: string[],
  reason: string,
): Promise<void> {
  // the attempt is visible, and a flood of representations cannot flood the log
  for (const rep of reps.slice(0, MAX_PEOPLE_PER_QUERY + 1)) {
    const r = (rep ?? {}) as Record<string, unknown>;
    await recordDenial(ctx, validIdOrNull(r.idNumber), purposeOrNull(r.purpose), fields, reason);
  }
}

/** The other persons of the same purpose in this call: the family a parent's consent can cover (as in people). */
export function familyOf(persons: readonly PersonParent[], purpose: Purpose): string[] {
  return persons
    .filter((p) => p.purpose.applicationId === purpose.applicationId && p.purpose.countyCode === purpose.countyCode)
    .map((p) => p.idNumber);
}

/**
 * The persons an `_entities` call names, checked: the request's cap first (over every
 * person-reading field of the operation), then each representation. Anything wrong is
 * recorded in the access log (what can be told of the person and purpose, with the reason)
 * and thrown as BAD_USER_INPUT; no department has been called.
 */
export async function checkRepresentations(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  reps: readonly unknown[],
  fields: string[],
): Promise<PersonParent[]> {
  const named = personsNamedInOperation(info);
  if (named > MAX_PEOPLE_PER_QUERY) {
    await recordRefusedRepresentations(ctx, reps, fields, ENTITY_DENIAL.cap);
    throw new BadUserInputError(
      `A request reads at most ${MAX_PEOPLE_PER_QUERY} persons (person, people and _entities together, over every alias).`,
      'representations',
    );
  }
  const persons: PersonParent[] = [];
  for (const [i, rep] of reps.entries()) {
    try {
      persons.push(personOfRepresentation(rep, i));
    } catch (err) {
      await recordRefusedRepresentations(ctx, [rep], fields, denialReason(rep));
      throw err;
    }
  }
  return persons;
}

/**
 * Query._entities answers null with FORBIDDEN for each person the caller may not read, the
 * others normally (as people does). The decisions were made, and denials recorded, by its
 * shield rule before the resolver ran; this looks them up, so no department is called for a
 * denied person.
 */
export function gateEntities(schema: GraphQLSchema, access: AccessDeps): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      if (typeName !== schema.getQueryType()?.name || fieldName !== '_entities') return fieldConfig;
      const inner: GraphQLFieldResolver<unknown, GatewayContext> = fieldConfig.resolve ?? defaultFieldResolver;
      const resolve: GraphQLFieldResolver<unknown, GatewayContext> = async (source, args, ctx, info) => {
        const items = await Promise.all((await inner(source, args, ctx, info)) as unknown[]);
        const persons = items.filter(isPersonParent);
        const fields = selectedFields(info);
        return Promise.all(
          items.map(async (item) => {
            if (!isPersonParent(item)) return new ForbiddenError();
            try {
              const family = familyOf(persons, item.purpose);
              const d = await decidePersonAccess(access, ctx, item.idNumber, item.purpose, { fields, family });
              return d.allowed ? item : new ForbiddenError();
            } catch (err) {
              return err instanceof Error ? err : new ForbiddenError();
            }
          }),
        );
      };
      return { ...fieldConfig, resolve };
    },
  });
}

function isPersonParent(v: unknown): v is PersonParent {
  const p = v as PersonParent | null;
  return !!p && typeof p.idNumber === 'string' && !!p.purpose && typeof p.purpose.applicationId === 'string';
}
