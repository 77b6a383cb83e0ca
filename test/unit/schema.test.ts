// The SDL against the contract: every Attachment 3 field with its nullability, provenance on
// every record, @pii on every ID number and personal name, and a Chinese description on
// everything a clerk reads. The expected lists are written from docs/source-notice.md and
// src/evidence/records.ts, not read from the SDL.
import { describe, expect, it } from 'vitest';
import {
  getNamedType,
  Kind,
  parse,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { piiFields } from '../../src/auth/masking';
import { buildExecutableSchema, loadTypeDefs } from '../../src/schema';
import { EVIDENCE } from '../../src/evidence/kinds';
import codegenConfig from '../../codegen';

const schema = buildExecutableSchema();

// GraphQL type of every field, as records.ts declares it (`| null` means nullable).
const EXPECTED: Record<string, Record<string, string>> = {
  HouseholdRegistration: {
    idNumber: 'String!',
    name: 'String!',
    gender: 'Gender',
    birthDate: 'Date',
    ethnicity: 'String',
    nativePlace: 'String',
    regionCode: 'String!',
    regionName: 'String',
    address: 'String',
    issuingAuthority: 'String',
    householdType: 'HouseholdType',
    householdNumber: 'String',
    headOfHouseholdName: 'String',
    relationToHeadCode: 'String',
    relationToHeadName: 'String',
  },
  ResidencePermit: {
    idNumber: 'String!',
    name: 'String!',
    gender: 'Gender',
    ethnicity: 'String',
    registeredResidence: 'String',
    currentAddress: 'String',
    issuingAuthority: 'String',
    validFrom: 'Date',
    validUntil: 'Date',
    regionCode: 'String!',
  },
  PropertyCertificate: {
    holderName: 'String!',
    holderIdNumber: 'String!',
    certificateNumber: 'String!',
    rightType: 'String',
    rightNature: 'String',
    registeredOn: 'Date',
    regionCode: 'String!',
    location: 'String',
    usage: 'String',
    status: 'String',
    coOwnership: 'CoOwnership',
  },
  PurchaseContract: {
    contractNumber: 'String!',
    buyerName: 'String!',
    buyerIdNumber: 'String!',
    coOwnership: 'CoOwnership',
    signedAt: 'Date',
    agreedDeliveryDate: 'Date',
    regionCode: 'String!',
    location: 'String',
    plannedUsage: 'String',
  },
  LeaseFiling: {
    filingNumber: 'String!',
    lessorName: 'String',
    lessorIdNumber: 'String',
    lesseeName: 'String!',
    lesseeIdNumber: 'String!',
    regionCode: 'String!',
    location: 'String',
    propertyCertificateNumber: 'String',
    leaseStart: 'Date',
    leaseEnd: 'Date',
  },
  SubsidizedHousingContract: {
    regionCode: 'String!',
    address: 'String',
    members: '[SubsidizedHousingMember!]!',
    contractStatus: 'String',
    reviewStatus: 'String',
    contractStart: 'Date',
    subsidyType: 'String',
    contractEnd: 'Date',
    applicationCertificateNumber: 'String',
  },
  IndividualBusinessLicense: {
    operatorName: 'String!',
    operatorIdNumber: 'String!',
    creditCode: 'String!',
    establishedOn: 'Date',
    businessAddress: 'String',
    regionCode: 'String!',
  },
  EnterpriseLicense: {
    enterpriseName: 'String!',
    creditCode: 'String!',
    licenseName: 'String',
    legalRepresentativeName: 'String!',
    registeredOn: 'Date',
    registeredAddress: 'String',
    regionCode: 'String!',
  },
  SocialInsurancePayment: {
    idNumber: 'String!',
    name: 'String!',
    employerName: 'String',
    period: 'String!',
    insuranceType: 'InsuranceType!',
    regionCode: 'String',
  },
  MarriageRegistration: {
    husbandIdNumber: 'String!',
    husbandName: 'String!',
    wifeIdNumber: 'String!',
    wifeName: 'String!',
    registeredOn: 'Date',
    status: 'MarriageStatus!',
  },
  BirthCertificate: {
    certificateNumber: 'String!',
    childName: 'String!',
    birthDate: 'Date!',
    fatherName: 'String',
    fatherIdNumber: 'String',
    motherName: 'String',
    motherIdNumber: 'String',
  },
};

const NESTED: Record<string, Record<string, string>> = {
  CoOwnership: { mode: 'CoOwnershipMode!', coOwners: '[CoOwner!]!' },
  CoOwner: { name: 'String!', idNumber: 'String', share: 'String' },
  SubsidizedHousingMember: { relationToPrimaryApplicant: 'String', name: 'String!', idNumber: 'String!' },
  Provenance: { department: 'String!', retrievedAt: 'DateTime!', fromCache: 'Boolean!' },
};

const PERSON_FIELDS: Record<string, string> = {
  idNumber: 'String!',
  household: 'HouseholdRegistration',
  residencePermits: '[ResidencePermit!]',
  properties: '[PropertyCertificate!]',
  purchaseContracts: '[PurchaseContract!]',
  leaseFilings: '[LeaseFiling!]',
  subsidizedHousing: '[SubsidizedHousingContract!]',
  individualBusinesses: '[IndividualBusinessLicense!]',
  enterprises: '[EnterpriseLicense!]',
  socialInsurance: '[SocialInsurancePayment!]',
  marriages: '[MarriageRegistration!]',
  birthCertificates: '[BirthCertificate!]',
  purpose: 'ReadPurpose!',
};

const ENUMS: Record<string, string[]> = {
  Gender: ['MALE', 'FEMALE'],
  HouseholdType: ['FAMILY', 'COLLECTIVE', 'COMMUNITY_PUBLIC', 'OTHER'],
  InsuranceType: ['PENSION', 'MEDICAL', 'UNEMPLOYMENT', 'WORK_INJURY', 'MATERNITY'],
  MarriageStatus: ['MARRIED', 'DIVORCED', 'ANNULLED'],
  CoOwnershipMode: ['SOLE', 'JOINT', 'BY_SHARES'],
  AccessOutcome: ['ALLOWED', 'DENIED', 'ERROR'],
  AccessSource: ['DEPARTMENT', 'CACHE'],
  Stage: ['PRIMARY', 'JUNIOR'],
  GuardianRelation: ['FATHER', 'MOTHER', 'OTHER'],
  CheckStatus: ['PASSED', 'FAILED', 'UNAVAILABLE', 'NOT_APPLICABLE'],
  EnrollmentCategory: ['HOUSEHOLD_AND_PROPERTY', 'PROPERTY_ONLY', 'HOUSEHOLD_ONLY', 'MIGRANT_WORKER_CHILD', 'PRIORITY', 'UNDETERMINED'],
};

// Every field holding a citizen ID number or a person's name, on any object type.
const PII: Record<string, 'ID_NUMBER' | 'NAME'> = {
  'Person.idNumber': 'ID_NUMBER',
  'HouseholdRegistration.idNumber': 'ID_NUMBER',
  'HouseholdRegistration.name': 'NAME',
  'HouseholdRegistration.headOfHouseholdName': 'NAME',
  'ResidencePermit.idNumber': 'ID_NUMBER',
  'ResidencePermit.name': 'NAME',
  'PropertyCertificate.holderName': 'NAME',
  'PropertyCertificate.holderIdNumber': 'ID_NUMBER',
  'CoOwner.name': 'NAME',
  'CoOwner.idNumber': 'ID_NUMBER',
  'PurchaseContract.buyerName': 'NAME',
  'PurchaseContract.buyerIdNumber': 'ID_NUMBER',
  'LeaseFiling.lessorName': 'NAME',
  'LeaseFiling.lessorIdNumber': 'ID_NUMBER',
  'LeaseFiling.lesseeName': 'NAME',
  'LeaseFiling.lesseeIdNumber': 'ID_NUMBER',
  'SubsidizedHousingMember.name': 'NAME',
  'SubsidizedHousingMember.idNumber': 'ID_NUMBER',
  'IndividualBusinessLicense.operatorName': 'NAME',
  'IndividualBusinessLicense.operatorIdNumber': 'ID_NUMBER',
  'EnterpriseLicense.legalRepresentativeName': 'NAME',
  'SocialInsurancePayment.idNumber': 'ID_NUMBER',
  'SocialInsurancePayment.name': 'NAME',
  'MarriageRegistration.husbandIdNumber': 'ID_NUMBER',
  'MarriageRegistration.husbandName': 'NAME',
  'MarriageRegistration.wifeIdNumber': 'ID_NUMBER',
  'MarriageRegistration.wifeName': 'NAME',
  'BirthCertificate.childName': 'NAME',
  'BirthCertificate.fatherName': 'NAME',
  'BirthCertificate.fatherIdNumber': 'ID_NUMBER',
  'BirthCertificate.motherName': 'NAME',
  'BirthCertificate.motherIdNumber': 'ID_NUMBER',
  'StudentRegistryDraft.name': 'NAME',
  'StudentRegistryDraft.idNumber': 'ID_NUMBER',
  'RegistryGuardian.name': 'NAME',
  'RegistryGuardian.idNumber': 'ID_NUMBER',
};

const CJK = /\p{Script=Han}/u;

function fieldTypes(typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
}

describe('evidence types', () => {
  it.each(Object.keys(EXPECTED))('%s has exactly the Attachment 3 fields, with records.ts nullability, plus provenance', (name) => {
    expect(fieldTypes(name)).toEqual({ ...EXPECTED[name], provenance: 'Provenance!' });
  });

  it.each(Object.keys(NESTED))('%s has its fields', (name) => {
    expect(fieldTypes(name)).toEqual(NESTED[name]);
  });

  it('never exposes the enterprise representative ID number', () => {
    expect(fieldTypes('EnterpriseLicense')).not.toHaveProperty('legalRepresentativeIdNumber');
  });

  it('Person answers every evidence field of the contract, each typed as kinds.ts says', () => {
    expect(fieldTypes('Person')).toEqual(PERSON_FIELDS);
    for (const [field, info] of Object.entries(EVIDENCE)) {
      expect(PERSON_FIELDS[field]?.replace(/[[\]!]/g, '')).toBe(info.typeName);
    }
    const args = (schema.getType('Person') as import('graphql').GraphQLObjectType).getFields().socialInsurance!.args;
    expect(Object.fromEntries(args.map((a) => [a.name, String(a.type)]))).toEqual({ from: 'String', to: 'String' });
  });

  it('EvidenceKind names the eleven kinds of kinds.ts', () => {
    const kind = schema.getType('EvidenceKind');
    if (!isEnumType(kind)) throw new Error('EvidenceKind is not an enum');
    expect(
      kind
        .getValues()
        .map((v) => v.name)
        .sort(),
    ).toEqual(
      Object.values(EVIDENCE)
        .map((e) => e.enumValue)
        .sort(),
    );
  });

  it.each(Object.keys(ENUMS))('enum %s has the contract values', (name) => {
    const e = schema.getType(name);
    if (!isEnumType(e)) throw new Error(`${name} is not an enum`);
    expect(e.getValues().map((v) => v.name)).toEqual(ENUMS[name]);
  });

  it('codegen maps every evidence type to its parent with provenance, and Person to PersonParent', () => {
    const out = Object.values(codegenConfig.generates)[0] as { config: { mappers: Record<string, string> } };
    const mappers = out.config.mappers;
    expect(mappers.Person).toBe('../evidence/person#PersonParent');
    for (const info of Object.values(EVIDENCE)) {
      expect(mappers[info.typeName]).toBe(`../evidence/graphqlMappers#EvidenceParent<'${info.typeName}'>`);
    }
  });

  it('EvidenceKind lists the EVIDENCE entries, in their order', () => {
    const kind = schema.getType('EvidenceKind');
    if (!isEnumType(kind)) throw new Error('EvidenceKind is not an enum');
    expect(kind.getValues().map((v) => v.name)).toEqual(Object.values(EVIDENCE).map((e) => e.enumValue));
  });

  it('Person has one field per EVIDENCE entry, of its registered type, and no other evidence field', () => {
    const person = schema.getType('Person') as GraphQLObjectType;
    // besides the evidence: the key of the entity (ID number and the purpose it was read for)
    const fields = Object.values(person.getFields()).filter((f) => f.name !== 'idNumber' && f.name !== 'purpose');
    expect(fields.map((f) => f.name).sort()).toEqual(Object.keys(EVIDENCE).sort());
    for (const f of fields) expect(getNamedType(f.type).name, f.name).toBe(EVIDENCE[f.name as keyof typeof EVIDENCE].typeName);
  });
});

describe('contract names', () => {
  it('Query has the five contract fields with their arguments', () => {
    const q = schema.getQueryType()!.getFields();
    const sig = (n: string) => `${q[n]!.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')} -> ${String(q[n]!.type)}`;
    expect(sig('person')).toBe('idNumber: String!, purpose: Purpose! -> Person');
    expect(sig('people')).toBe('idNumbers: [String!]!, purpose: Purpose! -> [Person]!');
    expect(sig('verifyApplication')).toBe('input: ApplicationInput! -> Verification!');
    expect(sig('accessLogs')).toBe('filter: AccessLogFilter, first: Int, after: String -> AccessLogConnection!');
    expect(sig('auditIntegrity')).toBe(' -> AuditIntegrity!');
  });

  it('ApplicationInput and Verification carry the contract fields', () => {
    const input = schema.getType('ApplicationInput');
    if (!isInputObjectType(input)) throw new Error('ApplicationInput is not an input');
    const fields = input.getFields();
    expect(Object.fromEntries(Object.values(fields).map((f) => [f.name, String(f.type)]))).toEqual({
      applicationId: 'ID!',
      countyCode: 'String!',
      schoolYear: 'Int!',
      stage: 'Stage!',
      child: 'ApplicantPerson!',
      guardians: '[Guardian!]!',
      priorityGroup: 'Boolean',
    });
    expect(fields.priorityGroup!.defaultValue).toBe(false);
    expect(fieldTypes('Verification')).toMatchObject({
      applicationId: 'ID!',
      category: 'EnrollmentCategory!',
      zeroProof: 'Boolean!',
      ageEligible: 'Boolean',
      checks: '[Check!]!',
      missingEvidence: '[EvidenceKind!]!',
      points: 'Points',
    });
  });

  it('AccessLogEntry and AccessLogFilter carry the contract fields', () => {
    expect(fieldTypes('AccessLogEntry')).toMatchObject({
      seq: 'Int!',
      at: 'DateTime!',
      action: 'AccessAction!',
      requestId: 'String!',
      actorSubject: 'String!',
      actorRole: 'String!',
      actorCounty: 'String',
      applicationId: 'String',
      countyCode: 'String',
      subjectHash: 'String',
      department: 'String',
      evidence: 'String',
      fields: '[String!]!',
      reads: '[AccessLogRead!]!',
      outcome: 'AccessOutcome!',
      source: 'AccessSource',
      hash: 'String!',
      prevHash: 'String!',
    });
    const filter = schema.getType('AccessLogFilter');
    if (!isInputObjectType(filter)) throw new Error('AccessLogFilter is not an input');
    // the contract's filters, plus requestId (an auditor following one request end to end), action and evidence
    expect(Object.keys(filter.getFields()).sort()).toEqual(
      [
        'evidence',
        'idNumber',
        'actorSubject',
        'actorRole',
        'countyCode',
        'applicationId',
        'department',
        'outcome',
        'from',
        'to',
        'requestId',
        'action',
      ].sort(),
    );
  });
});

describe('@pii', () => {
  // Walk the SDL's AST itself (object types and their extensions), independent of the built schema.
  const marked = new Map<string, string>();
  const candidates = new Set<string>();
  for (const sdl of loadTypeDefs()) {
    for (const def of parse(sdl).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of def.fields ?? []) {
        const key = `${def.name.value}.${field.name.value}`;
        if (/(^idNumber$|IdNumber$|^name$|Name$)/.test(field.name.value)) candidates.add(key);
        for (const d of field.directives ?? []) {
          if (d.name.value !== 'pii') continue;
          const arg = d.arguments?.find((a) => a.name.value === 'kind');
          marked.set(key, arg?.value.kind === Kind.ENUM ? arg.value.value : '?');
        }
      }
    }
  }

  it('marks exactly the ID-number and personal-name fields, with the right kind', () => {
    expect(Object.fromEntries([...marked].sort())).toEqual(Object.fromEntries(Object.entries(PII).sort()));
  });

  it('leaves no *Name or *IdNumber field unmarked except non-personal names', () => {
    const unmarked = [...candidates].filter((k) => !marked.has(k)).sort();
    expect(unmarked).toEqual([
      'Check.name',
      'EnterpriseLicense.enterpriseName',
      'EnterpriseLicense.licenseName',
      'HouseholdRegistration.regionName',
      'HouseholdRegistration.relationToHeadName',
      // what a parent is told in myAccessLog: a department's and a document's name
      'MyAccessLogEntry.departmentName',
      'MyAccessLogEntry.evidenceName',
      'SocialInsurancePayment.employerName',
    ]);
  });

  it('piiFields() reads the same marks from the built schema', () => {
    expect(Object.fromEntries([...piiFields(schema)].sort())).toEqual(Object.fromEntries(Object.entries(PII).sort()));
  });
});

describe('descriptions', () => {
  // the federation spec's own types (_Service, _Any, link__Purpose ...) are @apollo/subgraph's, described by the spec
  const federationOwn = (name: string) => name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');
  const userTypes = Object.values(schema.getTypeMap()).filter(
    (t: GraphQLNamedType) => !federationOwn(t.name) && !(isScalarType(t) && !['Date', 'DateTime'].includes(t.name)),
  );

  it('every type, field, argument and enum value has a description', () => {
    const missing: string[] = [];
    for (const t of userTypes) {
      if (!t.description?.trim()) missing.push(t.name);
      if (isObjectType(t) || isInputObjectType(t)) {
        for (const f of Object.values(t.getFields())) {
          if (federationOwn(f.name)) continue;
          if (!f.description?.trim()) missing.push(`${t.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : []) if (!a.description?.trim()) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
      if (isEnumType(t)) for (const v of t.getValues()) if (!v.description?.trim()) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('every evidence type and each of its fields names itself in Chinese', () => {
    const names = [...Object.keys(EXPECTED), ...Object.keys(NESTED), 'Person'];
    const missing: string[] = [];
    for (const name of names) {
      const t = schema.getType(name);
      if (!isObjectType(t)) throw new Error(`${name} is not an object type`);
      if (!CJK.test(t.description ?? '')) missing.push(name);
      for (const f of Object.values(t.getFields())) if (!CJK.test(f.description ?? '')) missing.push(`${name}.${f.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('every evidence type says which department holds it', () => {
    for (const info of Object.values(EVIDENCE)) {
      expect(schema.getType(info.typeName)!.description).toContain(`(${info.department})`);
    }
  });
});
