// Codegen mappers (codegen.ts): the parent value of each evidence GraphQL type is the
// contract record plus the provenance the evidence layer attaches, read off the EVIDENCE
// registry. (Resolvers may receive the data-set record with fields the SDL does not expose,
// e.g. an enterprise's legalRepresentativeIdNumber.)
import type { EvidenceNameOfType, EvidenceRecordMap, EvidenceTypeName, WithProvenance } from './kinds';

export type EvidenceParent<T extends EvidenceTypeName> = WithProvenance<EvidenceRecordMap[EvidenceNameOfType<T>]>;
