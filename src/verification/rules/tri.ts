// Three-valued facts: T (the data shows it), F (the data shows it does not hold), U (a
// department could not answer, or the evidence was not asked for; carries the documents that
// would settle it).
import { EVIDENCE, type Department, type EvidenceName } from '../../evidence/kinds';
import type { CheckStatus, EvidenceKind } from '../../generated/graphql';

export interface Tri {
  v: 'T' | 'F' | 'U';
  /** for U: the documents that would settle it */
  needs: EvidenceKind[];
}
export const TRUE: Tri = Object.freeze({ v: 'T', needs: [] });
export const FALSE: Tri = Object.freeze({ v: 'F', needs: [] });
export function unknown(...needs: EvidenceKind[]): Tri {
  return { v: 'U', needs: sortKinds(needs) };
}
export function and(...xs: Tri[]): Tri {
  if (xs.some((x) => x.v === 'F')) return FALSE;
  if (xs.every((x) => x.v === 'T')) return TRUE;
  return unknown(...xs.flatMap((x) => (x.v === 'U' ? x.needs : [])));
}
export function or(...xs: Tri[]): Tri {
  if (xs.some((x) => x.v === 'T')) return TRUE;
  if (xs.every((x) => x.v === 'F')) return FALSE;
  return unknown(...xs.flatMap((x) => (x.v === 'U' ? x.needs : [])));
}
export const bool = (b: boolean): Tri => (b ? TRUE : FALSE);

/** EvidenceKind in the EVIDENCE registry's order (the enum in schema/verification.graphql lists them alike). */
export const EVIDENCE_KIND_ORDER: readonly EvidenceKind[] = Object.values(EVIDENCE).map((e) => e.enumValue);
export function sortKinds(kinds: Iterable<EvidenceKind>): EvidenceKind[] {
  const set = new Set(kinds);
  return EVIDENCE_KIND_ORDER.filter((k) => set.has(k));
}

export const kindOf = (name: EvidenceName): EvidenceKind => EVIDENCE[name].enumValue;
export const departmentOfKind = (kind: EvidenceKind): Department => Object.values(EVIDENCE).find((e) => e.enumValue === kind)!.department;
export const documentOf = (name: EvidenceName): string => EVIDENCE[name].documentName;

export function status(t: Tri): CheckStatus {
  return t.v === 'T' ? 'PASSED' : t.v === 'F' ? 'FAILED' : 'UNAVAILABLE';
}
