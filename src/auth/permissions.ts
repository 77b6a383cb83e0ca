// Who may call which field: graphql-shield, deny by default (docs/design.md). Every field of the
// schema is named below with its rule; a field nobody named is denied to everyone, and
// test/unit/permissions.test.ts fails until it is named, so nothing is exposed by omission.
//
// Rules read the viewer from the context. Those that read only the context are cached per
// request ('contextual'); those that read arguments or the parent per arguments and parent
// ('strict'). Denials answer FORBIDDEN ("not allowed", no hint why); a denied read of a person
// is recorded in the access log and no department is called for it.
//
// Cost: shield wraps every field it is given in an async middleware (a promise per field per
// object). The leaves of result types are `allow`, and `allow` fields are NOT handed to
// shield at all (see securityMiddleware), because each of those types is reachable only
// through a field that is guarded:
//   - evidence records (HouseholdRegistration … BirthCertificate, with CoOwnership, CoOwner,
//     SubsidizedHousingMember, Provenance) only through a Person field, and every Person field
//     is `personVisible`, which holds only for a person this request was allowed to read;
//     a Person itself only through Query.person / Query.people (guarded, and each checks the
//     person, the purpose and the county before any department is called);
//   - Verification and its parts only through Query.verifyApplication (county roles, own county);
//   - the audit types only through Query.accessLogs / auditIntegrity (auditor);
//   - the MyAccessLog types only through Query.myAccessLog (applicant);
//   - Consent only through the consent fields (applicant); CacheEviction only through
//     Mutation.evictPersonCache (admin).
// No root field is ever `allow` (a unit test holds this), so a new path to any of these types
// must come with its own rule. Masking is separate (masking.ts): allowed is not unmasked.
import { allow, and, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { middleware, type IMiddlewareGenerator, type IMiddlewareTypeMap } from 'graphql-middleware';
import { GraphQLError, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { isValidIdNumber, normalizeIdNumber } from '../codes/idNumber';
import type { GatewayContext } from '../context';
import { ForbiddenError } from '../errors';
import { selectedFields } from '../evidence/fields';
import { EVIDENCE_NAMES } from '../evidence/kinds';
import type { PersonParent } from '../evidence/person';
import type { Purpose } from '../evidence/reader';
import { checkIdNumber, checkIdNumberList, checkPurpose } from '../evidence/validate';
import {
  allowedBasis,
  decidePersonAccess,
  DENIAL,
  PERSON_READER_ROLES,
  recordDenial,
  type AccessDecision,
  type AccessDeps,
} from './access';
import { checkRepresentations, familyOf, recordRefusedRepresentations } from './entities';
import { COUNTY_ROLES, ROLES, type Role } from './viewer';

type Ctx = GatewayContext;
/** graphql-shield's ShieldRule (its package does not export the name) */
export type ShieldRule = Parameters<typeof and>[number];
/** field name -> rule, for one type */
export type FieldRules = Record<string, ShieldRule>;

/** Runs a rule body: our own errors (BAD_USER_INPUT, DEPARTMENT_UNAVAILABLE …) reach the caller; anything else is masked by formatError. */
async function guarded(body: () => Promise<boolean | Error>): Promise<boolean | Error> {
  try {
    return await body();
  } catch (err) {
    return err instanceof Error ? err : new GraphQLError('authorization failed');
  }
}

function hasRole(name: string, roles: readonly Role[]) {
  return rule(name, { cache: 'contextual' })((_parent, _args, ctx: Ctx) => roles.includes(ctx.viewer.role));
}

export const isAuditor = hasRole('isAuditor', ['auditor']);
export const isAdmin = hasRole('isAdmin', ['admin']);
export const isApplicant = hasRole('isApplicant', ['applicant']);
/** `_service { sdl }`: the printed schema, what introspection shows and docs/schema.graphql holds; any signed-in caller. */
export const isSignedIn = hasRole('isSignedIn', ROLES);
/** county roles (their own county: the service checks it) and auditors */
export const isApplicationReader = hasRole('isApplicationReader', [...COUNTY_ROLES, 'auditor']);

const validIdOrNull = (v: unknown): string | null =>
  typeof v === 'string' && isValidIdNumber(normalizeIdNumber(v)) ? normalizeIdNumber(v) : null;
function purposeOrNull(p: unknown): Purpose | null {
  try {
    return checkPurpose(p as Purpose);
  } catch {
    return null;
  }
}

/** Allowed, or the refusal the caller sees: a clear one when an application does not cover the read. */
const refusalOf = (d: AccessDecision): boolean | Error => d.allowed || (d.message ? new ForbiddenError(d.message) : false);

/** The rules that read persons need the consent store and the county policy. */
export function personRules(deps: AccessDeps) {
  /** Query.person: the whole decision, before the resolver and before any department. */
  const canReadPerson = rule('canReadPerson', { cache: 'strict' })(
    (_p, args: { idNumber: string; purpose: Purpose }, ctx: Ctx, info: GraphQLResolveInfo) =>
      guarded(async () => {
        const fields = selectedFields(info);
        if (!PERSON_READER_ROLES.includes(ctx.viewer.role)) {
          await recordDenial(ctx, validIdOrNull(args.idNumber), purposeOrNull(args.purpose), fields, DENIAL.role);
          return false;
        }
        const idNumber = checkIdNumber(args.idNumber, 'idNumber');
        const purpose = checkPurpose(args.purpose);
        return refusalOf(await decidePersonAccess(deps, ctx, idNumber, purpose, { fields }));
      }),
  );

  /**
   * Query.people: decides every person named (the others in the list are the family a
   * parent's consent can cover). All denied: the field is FORBIDDEN. Some denied: the field
   * runs and each denied person is a null item with FORBIDDEN (gatePeople, in index.ts).
   */
  const canReadPeople = rule('canReadPeople', { cache: 'strict' })(
    (_p, args: { idNumbers: string[]; purpose: Purpose }, ctx: Ctx, info: GraphQLResolveInfo) =>
      guarded(async () => {
        const fields = selectedFields(info);
        if (!PERSON_READER_ROLES.includes(ctx.viewer.role)) {
          const purpose = purposeOrNull(args.purpose);
          for (const id of args.idNumbers.slice(0, 50)) await recordDenial(ctx, validIdOrNull(id), purpose, fields, DENIAL.role);
          return false;
        }
        const idNumbers = checkIdNumberList(args.idNumbers, 'idNumbers');
        const purpose = checkPurpose(args.purpose);
        if (idNumbers.length === 0) return true;
        const decisions = await Promise.allSettled(
          idNumbers.map((id) => decidePersonAccess(deps, ctx, id, purpose, { fields, family: idNumbers })),
        );
        // a check that failed (a department down) is reported per person by peopleGate
        if (decisions.some((d) => d.status === 'rejected' || d.value.allowed)) return true;
        const first = decisions[0];
        return first?.status === 'fulfilled' ? refusalOf(first.value) : false;
      }),
  );

  /**
   * Query.verifyApplication: county roles, for their own county. The persons it names are
   * decided by verifyApplication itself, after it registered the application or found it.
   */
  const canVerifyApplication = rule('canVerifyApplication', { cache: 'strict' })(
    (
      _p,
      args: { input: { applicationId: string; countyCode: string; child: { idNumber: string }; guardians: { idNumber: string }[] } },
      ctx: Ctx,
      info: GraphQLResolveInfo,
    ) =>
      guarded(async () => {
        const fields = selectedFields(info);
        const input = args.input;
        const named = [
          ...new Set(
            [input.child.idNumber, ...input.guardians.map((g) => g.idNumber)].map(validIdOrNull).filter((id): id is string => id !== null),
          ),
        ];
        if (!COUNTY_ROLES.includes(ctx.viewer.role)) {
          const purpose = purposeOrNull({ applicationId: input.applicationId, countyCode: input.countyCode });
          const reason = PERSON_READER_ROLES.includes(ctx.viewer.role) ? DENIAL.verifyRole : DENIAL.role;
          for (const id of named) await recordDenial(ctx, id, purpose, fields, reason);
          return false;
        }
        const purpose = checkPurpose({ applicationId: input.applicationId, countyCode: input.countyCode }, 'input');
        if (purpose.countyCode !== ctx.viewer.county) {
          for (const id of named) await recordDenial(ctx, id, purpose, fields, DENIAL.county);
          return false;
        }
        // the persons are decided by verifyApplication once the application is registered (or
        // found): every one it names must be a member, and readable on the county's basis
        return true;
      }),
  );

  /**
   * Every Person field: the person was allowed for this purpose in this request (the Query
   * rules decided it, so this is a map look-up), or, reached any other way, is decided now.
   * No shield cache: its key (the parent and arguments hashed, for each of a person's twelve
   * fields) cost more than the look-up, and decidePersonAccess already decides (and records a
   * denial) once per person per request.
   */
  const personVisible = rule('personVisible', { cache: 'no_cache' })((parent: PersonParent, _args, ctx: Ctx, info: GraphQLResolveInfo) =>
    guarded(async () => {
      if (!parent || typeof parent.idNumber !== 'string' || !parent.purpose) return false;
      if (allowedBasis(ctx, parent.idNumber, parent.purpose) !== undefined) return true;
      return (await decidePersonAccess(deps, ctx, parent.idNumber, parent.purpose, { fields: [info.fieldName] })).allowed;
    }),
  );

  /**
   * Query._entities (a supergraph's router resolving Person references): the same decision as
   * people, for the persons and purposes the representations' keys name. A representation
   * without its purpose, of an unknown type, or past the request's cap is refused and
   * recorded before any decision (entities.ts); no department is called.
   */
  const canReadEntities = rule('canReadEntities', { cache: 'strict' })(
    (_p, args: { representations: unknown[] }, ctx: Ctx, info: GraphQLResolveInfo) =>
      guarded(async () => {
        const fields = selectedFields(info);
        if (!PERSON_READER_ROLES.includes(ctx.viewer.role)) {
          await recordRefusedRepresentations(ctx, args.representations, fields, DENIAL.role);
          return false;
        }
        const persons = await checkRepresentations(ctx, info, args.representations, fields);
        if (persons.length === 0) return true;
        const decisions = await Promise.allSettled(
          persons.map((p) => decidePersonAccess(deps, ctx, p.idNumber, p.purpose, { fields, family: familyOf(persons, p.purpose) })),
        );
        // a check that failed (a department down) is reported per person by gateEntities
        return decisions.some((d) => d.status === 'rejected' || d.value.allowed);
      }),
  );

  return { canReadPerson, canReadPeople, canVerifyApplication, personVisible, canReadEntities };
}

const allowAll = (fields: string[]): FieldRules => Object.fromEntries(fields.map((f) => [f, allow]));

/**
 * The rule of every field, by type. Leaf types list their fields one by one (not `'*'`), so
 * that a field added to the SDL is denied until someone decides here who may see it.
 */
export function ruleTree(deps: AccessDeps): Record<string, FieldRules> {
  const p = personRules(deps);
  return {
    Query: {
      person: p.canReadPerson,
      people: p.canReadPeople,
      verifyApplication: p.canVerifyApplication,
      accessLogs: isAuditor,
      auditIntegrity: isAuditor,
      accessAlerts: isAuditor,
      myConsents: isApplicant,
      myAccessLog: isApplicant,
      _entities: p.canReadEntities,
      _service: isSignedIn,
      application: isApplicationReader,
    },
    Mutation: {
      evictPersonCache: isAdmin,
      grantConsent: isApplicant,
      revokeConsent: isApplicant,
      // the roles that may ever read a person reach the service, which checks the role again
      // (registrars, applicants), the county, members and parent-child links, and records each
      // refusal in the access log
      registerApplication: hasRole('mayRegisterApplication', PERSON_READER_ROLES),
      closeApplication: hasRole('mayCloseApplication', COUNTY_ROLES),
    },
    // one field per entry of the EVIDENCE registry, and the purpose; a record's own fields below stay listed by hand (deny by default)
    Person: Object.fromEntries(['idNumber', ...EVIDENCE_NAMES, 'purpose'].map((f) => [f, p.personVisible])),
    // the purpose a Person was read for: reachable only through Person.purpose (personVisible)
    ReadPurpose: allowAll(['applicationId', 'countyCode']),
    // the subgraph's printed schema: reachable only through Query._service (signed in)
    _Service: allowAll(['sdl']),

    // evidence records: reachable only through a Person field (personVisible)
    HouseholdRegistration: allowAll([
      'idNumber',
      'name',
      'gender',
      'birthDate',
      'ethnicity',
      'nativePlace',
      'regionCode',
      'regionName',
      'address',
      'issuingAuthority',
      'householdType',
      'householdNumber',
      'headOfHouseholdName',
      'relationToHeadCode',
      'relationToHeadName',
      'provenance',
    ]),
    ResidencePermit: allowAll([
      'idNumber',
      'name',
      'gender',
      'ethnicity',
      'registeredResidence',
      'currentAddress',
      'issuingAuthority',
      'validFrom',
      'validUntil',
      'regionCode',
      'provenance',
    ]),
    PropertyCertificate: allowAll([
      'holderName',
      'holderIdNumber',
      'certificateNumber',
      'rightType',
      'rightNature',
      'registeredOn',
      'regionCode',
      'location',
      'usage',
      'status',
      'coOwnership',
      'provenance',
    ]),
    PurchaseContract: allowAll([
      'contractNumber',
      'buyerName',
      'buyerIdNumber',
      'coOwnership',
      'signedAt',
      'agreedDeliveryDate',
      'regionCode',
      'location',
      'plannedUsage',
      'provenance',
    ]),
    LeaseFiling: allowAll([
      'filingNumber',
      'lessorName',
      'lessorIdNumber',
      'lesseeName',
      'lesseeIdNumber',
      'regionCode',
      'location',
      'propertyCertificateNumber',
      'leaseStart',
      'leaseEnd',
      'provenance',
    ]),
    SubsidizedHousingContract: allowAll([
      'regionCode',
      'address',
      'members',
      'contractStatus',
      'reviewStatus',
      'contractStart',
      'subsidyType',
      'contractEnd',
      'applicationCertificateNumber',
      'provenance',
    ]),
    SubsidizedHousingMember: allowAll(['relationToPrimaryApplicant', 'name', 'idNumber']),
    IndividualBusinessLicense: allowAll([
      'operatorName',
      'operatorIdNumber',
      'creditCode',
      'establishedOn',
      'businessAddress',
      'regionCode',
      'provenance',
    ]),
    EnterpriseLicense: allowAll([
      'enterpriseName',
      'creditCode',
      'licenseName',
      'legalRepresentativeName',
      'registeredOn',
      'registeredAddress',
      'regionCode',
      'provenance',
    ]),
    SocialInsurancePayment: allowAll(['idNumber', 'name', 'employerName', 'period', 'insuranceType', 'regionCode', 'provenance']),
    MarriageRegistration: allowAll(['husbandIdNumber', 'husbandName', 'wifeIdNumber', 'wifeName', 'registeredOn', 'status', 'provenance']),
    BirthCertificate: allowAll([
      'certificateNumber',
      'childName',
      'birthDate',
      'fatherName',
      'fatherIdNumber',
      'motherName',
      'motherIdNumber',
      'provenance',
    ]),
    CoOwnership: allowAll(['mode', 'coOwners']),
    CoOwner: allowAll(['name', 'idNumber', 'share']),
    Provenance: allowAll(['department', 'retrievedAt', 'fromCache']),

    // verification results: reachable only through Query.verifyApplication
    Verification: allowAll([
      'applicationId',
      'category',
      'zeroProof',
      'ageEligible',
      'checks',
      'missingEvidence',
      'points',
      'registryDraft',
    ]),
    Check: allowAll(['name', 'status', 'department', 'detail']),
    Points: allowAll(['total', 'items']),
    PointsItem: allowAll(['item', 'score', 'evidence', 'detail']),
    StudentRegistryDraft: allowAll([
      'name',
      'idNumber',
      'gender',
      'birthDate',
      'ethnicity',
      'nativePlace',
      'householdAddress',
      'householdRegionCode',
      'householdType',
      'birthCertificateNumber',
      'guardians',
    ]),
    RegistryGuardian: allowAll(['name', 'idNumber', 'relation', 'verifiedBy']),

    // the alerts: reachable only through Query.accessAlerts (auditor); people by keyed hash counts only
    AccessAlerts: allowAll(['from', 'to', 'volume', 'noRecord', 'denied', 'closedApplications', 'expiredApplications']),
    AlertCaller: allowAll(['subject', 'role', 'county']),
    VolumeAlert: allowAll(['caller', 'reads', 'people', 'medianPeople']),
    NoRecordAlert: allowAll(['caller', 'unknownPeople', 'people', 'lastAt']),
    DeniedAlert: allowAll(['caller', 'denied', 'people', 'lastAt']),
    ClosedApplicationAlert: allowAll(['applicationId', 'countyCode', 'closedAt', 'actorSubject', 'reads', 'allowed', 'lastAt']),
    ExpiredApplicationAlert: allowAll(['applicationId', 'countyCode', 'actorSubject', 'reads', 'lastAt']),

    // the access log: reachable only through Query.accessLogs / auditIntegrity (auditor)
    AccessLogConnection: allowAll(['edges', 'pageInfo', 'totalCount']),
    AccessLogEdge: allowAll(['cursor', 'node']),
    AccessLogEntry: allowAll([
      'seq',
      'chainId',
      'at',
      'action',
      'requestId',
      'actorSubject',
      'actorRole',
      'actorCounty',
      'applicationId',
      'countyCode',
      'subjectHash',
      'department',
      'evidence',
      'fields',
      'reads',
      'outcome',
      'source',
      'reason',
      'hash',
      'prevHash',
    ]),
    AccessLogRead: allowAll(['department', 'evidence', 'fields']),
    PageInfo: allowAll(['hasNextPage', 'endCursor']),
    AuditIntegrity: allowAll(['ok', 'verifiedAt', 'entries', 'chains']),
    AuditChain: allowAll([
      'chainId',
      'entries',
      'archivedEntries',
      'lastSeq',
      'lastHash',
      'ok',
      'firstBrokenSeq',
      'problem',
      'lastCheckpoint',
      'reachesCheckpoint',
    ]),
    AuditCheckpoint: allowAll(['seq', 'hash', 'at', 'keyId', 'signature']),

    // a parent's own access log: reachable only through Query.myAccessLog (applicant)
    MyAccessLogConnection: allowAll(['edges', 'pageInfo']),
    MyAccessLogEdge: allowAll(['cursor', 'node']),
    MyAccessLogEntry: allowAll([
      'sentence',
      'at',
      'subject',
      'childBirthDate',
      'organisation',
      'actorRole',
      'actorCountyCode',
      'applicationId',
      'action',
      'evidence',
      'evidenceName',
      'departmentName',
      'fields',
      'source',
      'outcome',
    ]),

    // the applicant's consents (applicant) and the operator's cache eviction (admin)
    Consent: allowAll(['applicationId', 'countyCode', 'grantedAt', 'revokedAt', 'active']),

    // applications: reachable only through Query.application and the two mutations
    Application: allowAll([
      'applicationId',
      'countyCode',
      'schoolYear',
      'stage',
      'status',
      'registeredAt',
      'registeredRole',
      'expiresAt',
      'closedAt',
      'closeReason',
      'members',
    ]),
    ApplicationMember: allowAll(['subjectHash', 'kind', 'reason']),
    CacheEviction: allowAll(['evicted']),
  };
}

/** The part of the tree the schema has (the tree may name fields another change has not added yet). */
export function treeForSchema(tree: Record<string, FieldRules>, schema: GraphQLSchema): Record<string, FieldRules> {
  const out: Record<string, FieldRules> = {};
  for (const [typeName, fields] of Object.entries(tree)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const have = type.getFields();
    const kept = Object.fromEntries(Object.entries(fields).filter(([f]) => Object.prototype.hasOwnProperty.call(have, f)));
    if (Object.keys(kept).length > 0) out[typeName] = kept;
  }
  return out;
}

/** A stable key of parent and arguments for 'strict' rules; cheaper than shield's default object-hash. */
export function stableKey(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      return v;
    }) ?? 'undefined'
  );
}

export const SHIELD_OPTIONS = {
  fallbackRule: deny,
  allowExternalErrors: true,
  debug: false,
  fallbackError: new ForbiddenError(),
  hashFunction: ({ parent, args }: { parent: unknown; args: unknown }) => stableKey({ parent, args }),
};

/**
 * shield's middleware for the schema, minus the `allow` fields: they would only add a
 * promise per field per object, and the path to each of them is guarded (see the top).
 * Every other field, including any the tree does not name, keeps shield's wrapper, so
 * `fallbackRule: deny` still denies what nobody named. (graphql-middleware's
 * "declared resolvers only" mode is not used: it would leave unnamed leaf fields unwrapped,
 * that is, allowed.)
 */
export function securityMiddleware(tree: Record<string, FieldRules>): IMiddlewareGenerator<unknown, Ctx, unknown> {
  return middleware<unknown, Ctx, unknown>((schema: GraphQLSchema) => {
    const rules = treeForSchema(tree, schema);
    const generator: IMiddlewareGenerator<unknown, Ctx, unknown> = shield(rules as IRules, SHIELD_OPTIONS);
    const full = generator.generate(schema) as IMiddlewareTypeMap;
    const out: IMiddlewareTypeMap = {};
    for (const [typeName, fields] of Object.entries(full)) {
      const kept = Object.fromEntries(Object.entries(fields as Record<string, unknown>).filter(([f]) => rules[typeName]?.[f] !== allow));
      if (Object.keys(kept).length > 0) out[typeName] = kept as IMiddlewareTypeMap[string];
    }
    return out;
  });
}

/** Every "Type.field" of the schema (introspection types aside) and whether the tree names it. */
export function unnamedFields(tree: Record<string, FieldRules>, schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) {
      if (!tree[type.name]?.[field]) missing.push(`${type.name}.${field}`);
    }
  }
  return missing;
}
