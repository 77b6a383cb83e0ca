// What the evidence layer needs from a department: for many people at once, every record
// that names each of them. How the department is asked (batch endpoint, batch cap, paging,
// one call per person) is the connector's business: batch.ts does it once for all seven, and
// each department's folder says what is its own.
import type { Department, EvidenceName, EvidenceRecordMap } from '../src/evidence/kinds';
import type { CallOptions } from './http';

/**
 * Fetches the records naming each ID number. The result has an entry for every requested ID,
 * in the spelling requested (an empty array when the department has no record); x and X as the
 * check character name the same person. Rejects with DepartmentUnavailableError when the
 * department could not answer for the whole batch.
 */
export type BatchFetch<R> = (idNumbers: readonly string[], opts?: CallOptions) => Promise<Map<string, R[]>>;

export type EvidenceFetchers = { [N in EvidenceName]: BatchFetch<EvidenceRecordMap[N]> };

export interface DepartmentConnector<N extends EvidenceName = EvidenceName> {
  department: Department;
  /** the evidence this department provides */
  fetchers: { [K in N]: BatchFetch<EvidenceRecordMap[K]> };
}
