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

/**
 * Reasons the alerts (src/audit/alerts.ts) look for. An allowed read whose department had no
 * record of the person carries NO_RECORD after its basis: a caller whose reads keep finding
 * nobody is walking through guessed ID numbers.
 */
export const NO_RECORD = 'no record';
export const EXPIRED_APPLICATION = 'the application is past its enrollment season';

/** The reason of an allowed read: its basis, and whether the department knew the person. */
export function readReason(basis: string | null, found: boolean): string | null {
  if (found) return basis;
  return basis ? `${basis}; ${NO_RECORD}` : NO_RECORD;
}

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
