// What the evidence layer needs from a department: for many people at once, every record
// that names each of them. How the department is asked (batch endpoint, batch cap, paging,
// one call per person) is the connector's business and stays inside its folder.
import type { Department, EvidenceName, EvidenceRecordMap } from '../src/evidence/kinds';
import type { CallOptions } from './http';

/**
 * Fetches the records naming each ID number. The result has an entry for every requested ID
 * (an empty array when the department has no record). Rejects with DepartmentUnavailableError
 * when the department could not answer for the batch.
 */
export type BatchFetch<R> = (idNumbers: readonly string[], opts?: CallOptions) => Promise<Map<string, R[]>>;

export type EvidenceFetchers = { [N in EvidenceName]: BatchFetch<EvidenceRecordMap[N]> };

export interface DepartmentConnector<N extends EvidenceName = EvidenceName> {
  department: Department;
  /** the evidence this department provides */
  fetchers: { [K in N]: BatchFetch<EvidenceRecordMap[K]> };
}

/** Splits a list into chunks of at most `size` (a department's batch cap). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An entry for every requested ID, empty where the department knows nothing. */
export function emptyResult<R>(idNumbers: readonly string[]): Map<string, R[]> {
  return new Map(idNumbers.map((id) => [id, [] as R[]]));
}
