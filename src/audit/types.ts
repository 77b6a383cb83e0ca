// One read of a person's data, as the audit store receives it. The recorder replaces the
// ID number by its keyed hash before anything is written; the number itself is never stored.
import type { Department, EvidenceName } from '../evidence/kinds';

export type AccessOutcome = 'ALLOWED' | 'DENIED' | 'ERROR';
export type AccessSource = 'DEPARTMENT' | 'CACHE';

export interface AccessRecord {
  at: string;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  applicationId: string | null;
  countyCode: string | null;
  /** whose data; hashed with SUBJECT_HASH_KEY by the recorder */
  idNumber: string | null;
  department: Department | null;
  evidence: EvidenceName | null;
  /** the fields actually selected */
  fields: string[];
  outcome: AccessOutcome;
  source: AccessSource | null;
  /** why a read was denied or failed, in words without personal data */
  reason: string | null;
}

export interface AuditRecorder {
  /** resolves once the entries are durably committed; rejects when they cannot be */
  record(entries: AccessRecord[]): Promise<void>;
  healthy(): boolean;
  close(): Promise<void>;
}
