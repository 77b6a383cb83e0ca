// A search exported as CSV, streamed page by page (keyset paging: memory stays flat however
// many entries match) and written only as fast as the browser reads it.
import type { ServerResponse } from 'node:http';
import type { AccessLogEntry, AccessLogFilterInput, AuditService } from '../audit/index';
import { MAX_PAGE_SIZE } from '../audit/queries';
import { fieldsOf, readsOf } from '../audit/reads';

export const CSV_COLUMNS = [
  'chainId',
  'seq',
  'at',
  'action',
  'requestId',
  'actorSubject',
  'actorRole',
  'actorCounty',
  'applicationId',
  'countyCode',
  'subjectHash',
  'department',
  'evidence',
  'fields',
  'outcome',
  'source',
  'reason',
  'prevHash',
  'hash',
] as const;

/** RFC 4180 quoting, and a leading quote on text a spreadsheet would run as a formula. */
export function csvCell(value: string | number | string[] | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(e: AccessLogEntry): string {
  // an entry that read several kinds lists them all (src/audit/reads.ts)
  const reads = readsOf(e);
  const shown = {
    ...e,
    department: e.department ?? [...new Set(reads.map((r) => r.department))],
    evidence: reads.map((r) => r.evidence),
    fields: fieldsOf(e),
  };
  return `${CSV_COLUMNS.map((c) => csvCell(shown[c])).join(',')}\r\n`;
}

/** Writes the header, then every matching entry, newest first; resolves with the count written. */
export async function streamCsv(res: ServerResponse, audit: AuditService, filter: AccessLogFilterInput): Promise<number> {
  // a BOM: spreadsheet programs then read the Chinese text as UTF-8
  await write(res, `\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  let after: string | null = null;
  let written = 0;
  for (;;) {
    const page = await audit.accessLogs(filter, { first: MAX_PAGE_SIZE, after });
    if (page.edges.length > 0) await write(res, page.edges.map((e) => csvLine(e.node)).join(''));
    written += page.edges.length;
    if (!page.pageInfo.hasNextPage || res.destroyed) return written;
    after = page.pageInfo.endCursor;
  }
}

function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      if (res.destroyed && !res.writableFinished) reject(new Error('the download was cancelled'));
      else resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
