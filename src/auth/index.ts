// Wraps the executable schema with the security layers, in this order from the outside in:
// authorization (graphql-shield, deny by default: permissions.ts), the per-person gate of
// Query.people, then role-based masking of every @pii field (masking.ts). Resolvers hold
// none of it. Authentication happened before GraphQL (server.ts, jwt.ts).
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { applyMiddleware } from 'graphql-middleware';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { ApplicationStore } from '../applications/store';
import type { Config } from '../config';
import type { SubjectBudgets } from '../resilience/subjectBudget';
import type { GatewayContext } from '../context';
import { ForbiddenError } from '../errors';
import type { PersonParent } from '../evidence/person';
import type { Purpose } from '../evidence/reader';
import type { SubjectHasher } from '../evidence/subjectHash';
import { selectedFields } from '../evidence/fields';
import { decidePersonAccess, type AccessDeps } from './access';
import { createConsentStore, type ConsentStore } from './consentStore';
import { loadCountyConsentPolicy, type CountyConsentPolicy } from './countyPolicy';
import { gateEntities } from './entities';
import { applyMasking } from './masking';
import { ruleTree, securityMiddleware, type FieldRules } from './permissions';

export interface SecurityDeps {
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databaseSchema'>;
  subjectHash: SubjectHasher;
  /** default: PostgreSQL at DATABASE_URL, or an embedded store under DATA_DIR/consent, opened on first use */
  consents?: ConsentStore;
  /** default: src/auth/countyConsentPolicy.json, checked now (start-up) */
  policy?: CountyConsentPolicy;
  applications: ApplicationStore;
  budgets: SubjectBudgets;
  /** the clock applications expire by (default: the system's) */
  now?: () => Date;
}

/** What the secured schema carries: the consent store and county policy its rules use. */
export interface Security {
  /** shared with the rules; `policy` may be replaced (tests do, to make a county "consent") */
  access: AccessDeps;
  /** the rule of every field, as shield was given it */
  rules: Record<string, FieldRules>;
  close(): Promise<void>;
}

const registry = new WeakMap<GraphQLSchema, Security>();

/** The security of a schema applySecurity built (the consent resolvers and tests use it). */
export function securityOf(schema: GraphQLSchema): Security | undefined {
  return registry.get(schema);
}

export function applySecurity(schema: GraphQLSchema, deps: SecurityDeps): GraphQLSchema {
  const access: AccessDeps = {
    consents:
      deps.consents ??
      createConsentStore({
        databaseUrl: deps.config.databaseUrl,
        dataDir: deps.config.dataDir,
        databaseSchema: deps.config.databaseSchema,
      }),
    policy: deps.policy ?? loadCountyConsentPolicy(),
    subjectHash: deps.subjectHash,
    applications: deps.applications,
    budgets: deps.budgets,
    now: deps.now ?? (() => new Date()),
  };
  const rules = ruleTree(access);
  const gated = gateEntities(gatePeople(applyMasking(schema), access), access);
  const secured = applyMiddleware(gated, securityMiddleware(rules));
  registry.set(secured, { access, rules, close: () => access.consents.close() });
  return secured;
}

/**
 * For a service that reads people beyond those the query named (verification following a
 * marriage to a spouse): the decision the rules make for a named person, the basis recorded
 * for the access log and a denial recorded as DENIED. False: do not read the person.
 * `derived`: how the service reached the person through department data; a county's
 * application then records them as a derived member with that reason.
 */
export async function authorizeRead(
  ctx: GatewayContext,
  idNumber: string,
  purpose: Purpose,
  opts: { fields: string[]; family?: readonly string[]; derived?: string },
): Promise<boolean> {
  const security = securityOf(ctx.app.schema);
  if (!security) return false;
  return (await decidePersonAccess(security.access, ctx, idNumber, purpose, opts)).allowed;
}

/**
 * Query.people answers null with FORBIDDEN for each person the caller may not read, and the
 * others normally. The decisions were made (and denials recorded) by its shield rule before
 * the resolver ran; this only looks them up, so no department is called for a denied person.
 */
function gatePeople(schema: GraphQLSchema, access: AccessDeps): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      if (typeName !== schema.getQueryType()?.name || fieldName !== 'people') return fieldConfig;
      const inner: GraphQLFieldResolver<unknown, GatewayContext> = fieldConfig.resolve ?? defaultFieldResolver;
      const resolve: GraphQLFieldResolver<unknown, GatewayContext> = async (source, args, ctx, info) => {
        const people = (await inner(source, args, ctx, info)) as (PersonParent | null)[];
        const family = people.flatMap((p) => (p ? [p.idNumber] : []));
        const fields = selectedFields(info);
        return Promise.all(
          people.map(async (p) => {
            if (!p) return p;
            try {
              const d = await decidePersonAccess(access, ctx, p.idNumber, p.purpose, { fields, family });
              return d.allowed ? p : new ForbiddenError(d.message);
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
