// GraphQL Code Generator: the SDL in schema/ is the source; resolvers are typed against it,
// with each evidence type's parent being the contract record plus its provenance.
import type { CodegenConfig } from '@graphql-codegen/cli';

const evidenceTypes = [
  'HouseholdRegistration',
  'ResidencePermit',
  'PropertyCertificate',
  'PurchaseContract',
  'LeaseFiling',
  'SubsidizedHousingContract',
  'IndividualBusinessLicense',
  'EnterpriseLicense',
  'SocialInsurancePayment',
  'MarriageRegistration',
  'BirthCertificate',
] as const;

const mappers: Record<string, string> = {
  Person: '../evidence/person#PersonParent',
  Application: '../applications/store#ApplicationRecord',
};
for (const t of evidenceTypes) mappers[t] = `../evidence/graphqlMappers#${t}Parent`;

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../context#GatewayContext',
        scalars: { Date: 'string', DateTime: 'string' },
        enumsAsTypes: true,
        avoidOptionals: false,
        mappers,
      },
    },
  },
};

export default config;
