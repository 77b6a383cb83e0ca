// Rule 5: the category; rule 6: zero proof and what is missing
import type { EnrollmentCategory, EvidenceKind } from '../../generated/graphql';
import { sortKinds, type Tri } from './tri';

export interface CategoryRule {
  category: Exclude<EnrollmentCategory, 'UNDETERMINED'>;
  fact: Tri;
}

/** The first rule that holds; every rule before it that could not be decided is what the family must still prove. */
export function decideCategory(rules: readonly CategoryRule[]): { category: EnrollmentCategory; undecided: EvidenceKind[] } {
  const undecided: EvidenceKind[] = [];
  for (const r of rules) {
    if (r.fact.v === 'T') return { category: r.category, undecided: sortKinds(undecided) };
    if (r.fact.v === 'U') undecided.push(...r.fact.needs);
  }
  return { category: 'UNDETERMINED', undecided: sortKinds(undecided) };
}
