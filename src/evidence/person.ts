// The parent value of a GraphQL Person: who, and the purpose the read was made for.
// Evidence fields resolve from it through the per-request loaders, so the purpose
// travels with every read (audit and authorization need it).
export interface PersonParent {
  idNumber: string;
  purpose: { applicationId: string; countyCode: string };
}
