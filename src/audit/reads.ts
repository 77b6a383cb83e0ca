// What an entry read, the same for every format: one [department, evidence, fields] per kind.
// Formats 1 and 2 hold one kind in evidence/fields; format 3 a list of kinds (src/audit/canonical.ts).
// The GraphQL type, the console and the CSV export all show entries through these.
import { EVIDENCE, type EvidenceName } from '../evidence/kinds';
import type { AccessLogEntry } from './canonical';

export interface ReadView {
  department: string;
  evidence: string;
  fields: string[];
}

export function readsOf(e: AccessLogEntry): ReadView[] {
  if (e.reads) return e.reads.map(([evidence, fields]) => ({ department: departmentOf(evidence, e.department), evidence, fields }));
  if (e.evidence) return [{ department: departmentOf(e.evidence, e.department), evidence: e.evidence, fields: e.fields }];
  return [];
}

/** The one kind read, or null when none or several (see readsOf). */
export function evidenceOf(e: AccessLogEntry): string | null {
  if (!e.reads) return e.evidence;
  return e.reads.length === 1 ? e.reads[0]![0] : null;
}

/** The fields read: as recorded for one kind; "evidence.field" when an entry read several. */
export function fieldsOf(e: AccessLogEntry): string[] {
  if (!e.reads) return e.fields;
  if (e.reads.length === 1) return e.reads[0]![1];
  return e.reads.flatMap(([evidence, fields]) => fields.map((f) => `${evidence}.${f}`));
}

function departmentOf(evidence: string, fallback: string | null): string {
  return (EVIDENCE as Record<string, { department: string } | undefined>)[evidence as EvidenceName]?.department ?? fallback ?? '';
}
