// One read of a person's data, as the audit store receives it. The recorder replaces the
// ID number by its keyed hash before anything is written; the number itself is never stored.
import type { Department, EvidenceName } from '../evidence/kinds';

export type AccessOutcome = 'ALLOWED' | 'DENIED' | 'ERROR';

/**
 * What an entry records. READ: a read of a person's data (allowed, denied or failed). The
 * others are acts that must be accountable too: the registration and closure of an
 * application, an auditor's search of the log by a person or an export of it, an operator's
 * cache eviction, a resident's consent, a parent's look at who read their family's data.
 */
export const ACCESS_ACTIONS = [
  'READ',
  'REGISTER_APPLICATION',
  'CLOSE_APPLICATION',
  'SEARCH_LOG',
  'EXPORT_LOG',
  'EVICT_CACHE',
  'GRANT_CONSENT',
  'REVOKE_CONSENT',
  'VIEW_OWN_LOG',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export type AccessSource = 'DEPARTMENT' | 'CACHE';

/** One kind of evidence read, with the fields selected under it. */
export interface EvidenceRead {
  evidence: EvidenceName;
  fields: string[];
}

export { NO_RECORD, readReason } from '../evidence/readReason';
export const EXPIRED_APPLICATION = 'the application is past its enrollment season';

export interface AccessRecord {
  /** READ when omitted */
  action?: AccessAction;
  at: string;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  applicationId: string | null;
  countyCode: string | null;
  /** whose data; hashed with SUBJECT_HASH_KEY by the recorder */
  idNumber: string | null;
  /** whose data, already hashed (an auditor's search by the hash an entry shows); used when idNumber is null */
  subjectHash?: string | null;
  department: Department | null;
  evidence: EvidenceName | null;
  /** the fields actually selected */
  fields: string[];
  /**
   * Several kinds read for one person in one request (format 3): one entry instead of one per
   * kind. Given, it replaces evidence and fields; department is then the one department read,
   * or null when the kinds come from several.
   */
  reads?: EvidenceRead[];
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
