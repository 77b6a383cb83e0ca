// GraphQL Code Generator: the SDL in schema/ is the source; resolvers are typed against it,
// with each evidence type's parent being the contract record plus its provenance (one per
// entry of the EVIDENCE registry).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { EVIDENCE } from './src/evidence/kinds';

const mappers: Record<string, string> = {
  Person: '../evidence/person#PersonParent',
  Application: '../applications/store#ApplicationRecord',
};
for (const { typeName } of Object.values(EVIDENCE)) mappers[typeName] = `../evidence/graphqlMappers#EvidenceParent<'${typeName}'>`;

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
        // Person is an entity: its resolvers get a typed __resolveReference
        federation: true,
        avoidOptionals: false,
        mappers,
      },
    },
  },
};

export default config;
