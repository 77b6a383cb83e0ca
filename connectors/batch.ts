// How every connector asks its department about many people at once, written once: one
// question per person whatever spelling of the ID number was asked, the department's batch cap,
// chunks asked in parallel, paging where the department pages, and every record the
// department sends back attributed to the people asked by their normalized ID number, never to
// anyone else. What stays in a department's folder is what is its own: the request and answer
// shapes, the cap, the paging style, the mapping, and which ID numbers a record names.
import { normalizeIdNumber } from '../src/codes/idNumber';
import { DepartmentUnavailableError } from '../src/errors';
import type { Department } from '../src/evidence/kinds';
import type { CallOptions } from './http';
import type { BatchFetch } from './types';

export interface PageRequest {
  /** from 1 */
  number: number;
  size: number;
}

export interface Paging<Answer> {
  /** the page size asked for on page 1; later pages ask for the size the department answered with */
  pageSize: number;
  /** a total needing more pages than this is a broken answer, not a page count to follow */
  maxPages: number;
  /** pages 2.. one after another (a department that answers 429 when pushed), or all at once */
  order: 'sequential' | 'parallel';
  /** the department's count of items over all pages, and the size of the page it answered with */
  read(answer: Answer): { total: number; pageSize: number };
}

export interface BatchPlan<Answer, Row, R> {
  department: Department;
  /** the most ID numbers one call may carry: 1 for a department that takes one person per call */
  cap: number;
  /** one call for one chunk of normalized ID numbers (and one page, where the department pages) */
  ask(idNumbers: string[], page: PageRequest | undefined, opts: CallOptions | undefined): Promise<Answer>;
  paging?: Paging<Answer>;
  /** the items of one answer (`idNumbers`: the chunk it answers); where the department pages, exactly the page's items, counted against its total */
  rows(answer: Answer, idNumbers: readonly string[]): readonly Row[];
  /** the ID numbers, as the department wrote them, of the people a row belongs to */
  subjects(row: Row): Iterable<string>;
  map(row: Row): R;
  /** what makes two rows the same record, for one counted once per person (pages read apart, one row per role) */
  identity?(row: Row): string;
}

/** Splits a list into chunks of at most `size` (a department's batch cap). */
function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A fetcher for one department API. Its result has an entry for every ID number asked, in the
 * spelling asked (x or X), holding the records of that person; a person asked in both spellings
 * is asked once and both get the same records.
 */
export function batchFetch<Answer, Row, R>(plan: BatchPlan<Answer, Row, R>): BatchFetch<R> {
  return async (idNumbers, opts) => {
    const spellings = new Map<string, string[]>();
    for (const asked of new Set(idNumbers)) {
      const id = normalizeIdNumber(asked);
      spellings.set(id, [...(spellings.get(id) ?? []), asked]);
    }
    const found = new Map<string, R[]>([...spellings.keys()].map((id) => [id, []]));
    const answers = await settleAll(chunk([...spellings.keys()], plan.cap).map((ids) => askChunk(plan, ids, opts)));

    const seen = plan.identity ? new Map<string, Set<string>>() : undefined;
    for (const { ids, pages } of answers) {
      for (const answer of pages) {
        for (const row of plan.rows(answer, ids)) {
          // a row naming one person twice (holder and co-owner, x and X) counts once for them
          for (const id of new Set([...plan.subjects(row)].map(normalizeIdNumber))) {
            const list = found.get(id);
            if (!list) continue; // a record for someone nobody asked about is never attributed to anyone
            if (seen) {
              const key = plan.identity!(row);
              const mine = seen.get(id) ?? new Set<string>();
              seen.set(id, mine);
              if (mine.has(key)) continue;
              mine.add(key);
            }
            // each person gets their own mapped copy, so no caller can change another's record
            list.push(plan.map(row));
          }
        }
      }
    }

    const result = new Map<string, R[]>();
    for (const asked of new Set(idNumbers)) {
      const records = found.get(normalizeIdNumber(asked))!;
      result.set(asked, [...records]);
    }
    return result;
  };
}

/** One chunk's answer: a single call, or every page of it. */
async function askChunk<Answer, Row, R>(
  plan: BatchPlan<Answer, Row, R>,
  ids: string[],
  opts: CallOptions | undefined,
): Promise<{ ids: string[]; pages: Answer[] }> {
  const { paging } = plan;
  if (!paging) return { ids, pages: [await plan.ask(ids, undefined, opts)] };

  const first = await plan.ask(ids, { number: 1, size: paging.pageSize }, opts);
  const { total, pageSize } = paging.read(first);
  const count = Math.max(1, Math.ceil(total / pageSize));
  if (count > paging.maxPages) throw new DepartmentUnavailableError(plan.department, 'incomplete', 200);
  const rest: Answer[] = [];
  const next = (n: number) => plan.ask(ids, { number: n, size: pageSize }, opts);
  if (paging.order === 'parallel') {
    rest.push(...(await settleAll(Array.from({ length: count - 1 }, (_, i) => next(i + 2)))));
  } else {
    for (let n = 2; n <= count; n++) rest.push(await next(n));
  }
  const pages = [first, ...rest];
  if (!complete(plan, paging, ids, pages, total)) throw new DepartmentUnavailableError(plan.department, 'incomplete', 200);
  return { ids, pages };
}

/**
 * Whether the pages hold exactly what the department announced: every page tells the same
 * total and page size, each page holds the rows its place implies (full pages, then the rest),
 * and, where records have an identity, no record is listed twice (then another is missing). A
 * page that came back short, or a register that changed while its pages were read, leaves a
 * history with holes that would otherwise pass, and be cached, as complete.
 */
function complete<Answer, Row, R>(
  plan: BatchPlan<Answer, Row, R>,
  paging: Paging<Answer>,
  ids: readonly string[],
  pages: Answer[],
  total: number,
): boolean {
  const { pageSize } = paging.read(pages[0]!);
  const rows: Row[] = [];
  for (const [i, page] of pages.entries()) {
    const told = paging.read(page);
    if (told.total !== total || told.pageSize !== pageSize) return false;
    const own = plan.rows(page, ids);
    if (own.length !== Math.min(pageSize, total - i * pageSize)) return false;
    rows.push(...own);
  }
  return !plan.identity || new Set(rows.map((r) => plan.identity!(r))).size === total;
}

/** Waits for every call, then fails with the first failure: no call is left running unobserved. */
async function settleAll<T>(calls: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
