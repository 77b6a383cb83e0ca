// At most MAX_PEOPLE_PER_QUERY distinct persons per request, counted over the whole operation:
// every root field that names people (person, people, verifyApplication), under any alias,
// inside any fragment (named or inline), with variables resolved; before execution, so no
// department is called and nothing is logged as read; the refusal itself is one DENIED entry. A per-field cap
// alone let 25 aliases of `people` with 50 IDs each read 1,250 people in one request.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, getArgumentValues, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { isValidIdNumber, normalizeIdNumber } from '../codes/idNumber';
import type { GatewayContext } from '../context';
import { operationOf } from '../evidence/fields';
import { MAX_PEOPLE_PER_QUERY } from '../evidence/validate';
import { recordDenial } from './access';

/** The access log's reason for a refused request: one DENIED entry, no person named (the ID numbers asked for may be guesses). */
export const PERSON_CAP_REASON = `more than ${MAX_PEOPLE_PER_QUERY} distinct persons in one request`;

export const PERSON_CAP_MESSAGE = `A request may name at most ${MAX_PEOPLE_PER_QUERY} distinct persons, over all its fields and aliases.`;

/** The ID numbers a root field's arguments name (invalid ones too: each is a distinct person asked for). */
function idsOf(field: string, args: Record<string, unknown>): unknown[] {
  switch (field) {
    case 'person':
      return [args.idNumber];
    case 'people':
      return Array.isArray(args.idNumbers) ? args.idNumbers : [];
    case 'verifyApplication': {
      const input = args.input as { child?: { idNumber?: unknown }; guardians?: { idNumber?: unknown }[] } | undefined;
      return [input?.child?.idNumber, ...(input?.guardians ?? []).map((g) => g?.idNumber)];
    }
    default:
      return [];
  }
}

/** Distinct persons the operation names at its root, or Infinity once past `stopAt` (no need to count on). */
export function personsNamed(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  stopAt = MAX_PEOPLE_PER_QUERY,
): number {
  const found = operationOf(schema, document, operationName);
  if (!found) return 0;
  const { operation, root, fragments } = found;
  const persons = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        if (walk(s.selectionSet)) return true;
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        // a fragment spread twice names the same persons: walking it once is enough
        const f = fragments.get(s.name.value);
        if (!f || visited.has(f.name.value)) continue;
        visited.add(f.name.value);
        if (walk(f.selectionSet)) return true;
      } else {
        const def = root.getFields()[s.name.value];
        if (!def) continue;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(def, s, variables ?? {});
        } catch {
          continue; // bad arguments: execution reports them, with no department called
        }
        for (const id of idsOf(s.name.value, args)) {
          if (typeof id !== 'string') continue;
          const n = normalizeIdNumber(id);
          persons.add(isValidIdNumber(n) ? n : id);
          if (persons.size > stopAt) return true;
        }
      }
    }
    return false;
  };
  return walk(operation.selectionSet) ? Infinity : persons.size;
}

export function personCapPlugin(onRefused?: () => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (personsNamed(rc.schema, rc.document, rc.operationName, rc.request.variables) <= MAX_PEOPLE_PER_QUERY) return;
          onRefused?.();
          await recordDenial(rc.contextValue, null, null, [], PERSON_CAP_REASON);
          throw new GraphQLError(PERSON_CAP_MESSAGE, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
        },
      };
    },
  };
}
