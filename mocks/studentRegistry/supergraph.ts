// The supergraph of the gateway and the mock student registry, composed with
// @apollo/composition (what `npm run supergraph` prints and the router test serves).
import { composeServices } from '@apollo/composition';
import { loadTypeDefsDocument } from '../../src/schema';
import { STUDENT_REGISTRY_SDL } from './server';

export interface SubgraphUrls {
  /** the gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  gateway: string;
  /** the student registry's */
  studentRegistry: string;
}

/** The supergraph SDL, or an Error listing every composition error. */
export function composeSupergraph(urls: SubgraphUrls): string {
  const result = composeServices([
    { name: 'gateway', typeDefs: loadTypeDefsDocument(), url: urls.gateway },
    { name: 'studentRegistry', typeDefs: STUDENT_REGISTRY_SDL, url: urls.studentRegistry },
  ]);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
