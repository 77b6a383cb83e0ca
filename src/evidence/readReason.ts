// The access log's reason for an allowed read (src/evidence/reader.ts writes it; src/audit/alerts.ts
// looks for NO_RECORD in it). Here, in the evidence layer, because the reader is below the audit.
/**
 * Reasons the alerts (src/audit/alerts.ts) look for. An allowed read whose department had no
 * record of the person carries NO_RECORD after its basis: a caller whose reads keep finding
 * nobody is walking through guessed ID numbers.
 */
export const NO_RECORD = 'no record';

/** The reason of an allowed read: its basis, and whether the department knew the person. */
export function readReason(basis: string | null, found: boolean): string | null {
  if (found) return basis;
  return basis ? `${basis}; ${NO_RECORD}` : NO_RECORD;
}
