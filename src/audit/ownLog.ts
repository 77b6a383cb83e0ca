// A parent's view of the access log (myAccessLog): the entries about the signed-in parent and
// the children the departments link to them, newest first, each told in one Chinese sentence.
// Read side only: the same entries auditors search, selected by keyed subject hash; who counts
// as a child is decided elsewhere (src/auth/ownFamily.ts) and arrives here as hashes.
import { countyName, JINING_CITY_CODE } from '../codes/regions';
import type { Sql } from '../db/index';
import { BadUserInputError } from '../errors';
import { DEPARTMENT_NAMES, DEPARTMENTS, EVIDENCE, EVIDENCE_NAMES, type Department, type EvidenceName } from '../evidence/kinds';
import type { Purpose } from '../evidence/reader';
import type { AccessLogEntry } from './canonical';
import { evidenceOf, fieldsOf, readsOf } from './reads';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './queries';
import type { AccessOutcome, AccessSource, AccessAction } from './types';
import { ENTRY_SELECT, rowToEntry, type EntryRow } from './verify';

export const OWN_LOG_DEFAULT_PAGE_SIZE = 20;

/**
 * The purpose under which a parent's look reads the departments to find their children. Its
 * county is the city's code, which no caller's purpose can carry (a purpose names a county),
 * so the reads a look makes are told apart from every other and left out of the listing: they
 * hand nothing out. Auditors still see them.
 */
export const OWN_LOG_PURPOSE: Readonly<Purpose> = Object.freeze({ applicationId: 'VIEW_OWN_LOG', countyCode: JINING_CITY_CODE });

export interface OwnSubject {
  subjectHash: string;
  relation: 'SELF' | 'CHILD';
  /** a child's birth date (from the department's certificate): tells children apart without a name */
  birthDate: string | null;
}

export interface OwnLogPage {
  edges: { cursor: string; node: AccessLogEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What the parent is shown of one entry: never the clerk's subject, the request or the chain. */
export interface OwnLogEntry {
  sentence: string;
  at: string;
  subject: 'SELF' | 'CHILD';
  childBirthDate: string | null;
  organisation: string;
  actorRole: string;
  actorCountyCode: string | null;
  applicationId: string | null;
  action: AccessAction;
  evidence: string | null;
  evidenceName: string | null;
  departmentName: string | null;
  fields: string[];
  source: AccessSource | null;
  outcome: AccessOutcome;
}

// entries that are neither a parent's look nor the reads it made (see OWN_LOG_PURPOSE)
const NOT_A_LOOK = `action <> 'VIEW_OWN_LOG' AND NOT (application_id IS NOT DISTINCT FROM $2 AND county_code IS NOT DISTINCT FROM $3)`;

/**
 * Which of these subject hashes have entries a parent would be shown: one index probe per hash
 * that stops at its first entry (a plain `= ANY(...)` over thousands of hashes is planned as a
 * scan of the whole table).
 */
export async function subjectsWithEntries(sql: Sql, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { rows } = await sql.query<{ subject_hash: string }>(
    `SELECT s.h AS subject_hash FROM unnest($1::text[]) AS s(h)
      WHERE EXISTS (SELECT 1 FROM access_log WHERE subject_hash = s.h AND ${NOT_A_LOOK})`,
    [hashes, OWN_LOG_PURPOSE.applicationId, OWN_LOG_PURPOSE.countyCode],
  );
  return new Set(rows.map((r) => r.subject_hash));
}

export interface OwnLogPageArgs {
  first?: number | null;
  after?: string | null;
  from?: string | null;
  to?: string | null;
}

/** BAD_USER_INPUT for paging no answer could have; checked before any department is asked. */
export function checkOwnLogPage(page: OwnLogPageArgs): { first: number; after: [string, string, number] | null } {
  const first = page.first ?? OWN_LOG_DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new BadUserInputError(`first must be from 1 to ${MAX_PAGE_SIZE}.`, 'first');
  // the DateTime scalar has checked the form; the order is ours to check
  if (page.from && page.to && Date.parse(page.from) > Date.parse(page.to))
    throw new BadUserInputError('from must not be after to.', 'from');
  return { first, after: page.after === null || page.after === undefined ? null : decodeCursor(page.after) };
}

export async function queryOwnAccessLog(sql: Sql, subjectHashes: readonly string[], page: OwnLogPageArgs): Promise<OwnLogPage> {
  const { first, after } = checkOwnLogPage(page);
  const params: unknown[] = [subjectHashes, OWN_LOG_PURPOSE.applicationId, OWN_LOG_PURPOSE.countyCode];
  const where = [NOT_A_LOOK];
  if (page.from) {
    params.push(page.from);
    where.push(`at >= $${params.length}::timestamptz`);
  }
  if (page.to) {
    params.push(page.to);
    where.push(`at < $${params.length}::timestamptz`);
  }
  if (after) {
    params.push(...after);
    const n = params.length;
    where.push(`(at, chain_id, seq) < ($${n - 2}::timestamptz, $${n - 1}::text, $${n}::bigint)`);
  }
  // Per person, newest first down their own index (subject_hash, at), at most a page each; then
  // the few pages merged. What is read is bounded by people x page, not by the size of the log
  // or by how long ago the family's entries were written.
  const order = 'ORDER BY access_log.at DESC, access_log.chain_id DESC, access_log.seq DESC';
  const { rows } = await sql.query<EntryRow>(
    `SELECT ${ENTRY_SELECT} FROM (
       SELECT e.* FROM unnest($1::text[]) AS s(h)
       CROSS JOIN LATERAL (SELECT * FROM access_log WHERE subject_hash = s.h AND ${where.join(' AND ')} ${order} LIMIT ${first + 1}) e
     ) access_log ${order} LIMIT ${first + 1}`,
    params,
  );
  const edges = rows.slice(0, first).map((r) => {
    const node = rowToEntry(r);
    return { cursor: encodeCursor(node), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

const COUNTY_ROLE_NAMES: Readonly<Record<string, string>> = {
  county_platform: '招生平台',
  school_reviewer: '学校招生审核人员',
  help_desk: '帮办代办窗口',
};

/** The organisation, by role and county name; a clerk's or another resident's subject never. */
export function organisationOf(e: Pick<AccessLogEntry, 'actorRole' | 'actorCounty' | 'actorSubject'>, viewerSub: string): string {
  const role = COUNTY_ROLE_NAMES[e.actorRole];
  if (role) return `${(e.actorCounty && countyName(e.actorCounty)) || '济宁市'}${role}`;
  if (e.actorRole === 'applicant') return e.actorSubject === viewerSub ? '您本人（爱山东）' : '另一位申请人（爱山东）';
  if (e.actorRole === 'auditor') return '济宁市数据审计人员';
  if (e.actorRole === 'admin') return '网关运维人员';
  return '其他机构';
}

const isEvidence = (v: string | null): v is EvidenceName => v !== null && (EVIDENCE_NAMES as readonly string[]).includes(v);
const isDepartment = (v: string | null): v is Department => v !== null && (DEPARTMENTS as readonly string[]).includes(v);

/** One entry as a parent reads it. */
export function toOwnEntry(e: AccessLogEntry, subject: OwnSubject, viewerSub: string): OwnLogEntry {
  const organisation = organisationOf(e, viewerSub);
  // an entry may read several kinds (format 3: src/audit/reads.ts); a refused read names none,
  // and the Person fields it asked for say which (recorded as paths: household.name, …)
  const reads = readsOf(e);
  const fields = fieldsOf(e);
  const kinds =
    reads.length > 0
      ? reads.map((r) => r.evidence).filter(isEvidence)
      : [...new Set(fields.map((f) => f.split('.')[0]!))].filter(isEvidence);
  const evidenceName = kinds.length > 0 ? kinds.map((k) => EVIDENCE[k].documentName).join('、') : null;
  const departments = [...new Set(kinds.map((k) => EVIDENCE[k].department))];
  const department = isDepartment(e.department) ? e.department : departments.length === 1 ? departments[0]! : null;
  const departmentName = department
    ? DEPARTMENT_NAMES[department]
    : departments.length > 1
      ? departments.map((d) => DEPARTMENT_NAMES[d]).join('、')
      : null;
  const whose = subject.relation === 'SELF' ? '您' : subject.birthDate ? `您孩子（${subject.birthDate} 出生）` : '您孩子';
  const what = `${whose}的${evidenceName ?? ''}信息`;
  const app = e.applicationId ? ` ${e.applicationId} ` : '';
  const forApp = e.applicationId ? `为申请${app}` : '';
  const county = (e.countyCode && countyName(e.countyCode)) || '县区';
  let sentence: string;
  switch (e.action) {
    case 'READ':
      if (e.outcome === 'ALLOWED') {
        const from =
          e.source === 'CACHE'
            ? `（来自网关缓存，原由${departmentName ?? ''}部门提供）`
            : departmentName
              ? `（来自${departmentName}部门）`
              : '';
        sentence = `${organisation}${forApp}读取了${what}${from}`;
      } else if (e.outcome === 'DENIED') {
        sentence = `${organisation}${forApp}请求读取${what}，被拒绝，未读取任何数据`;
      } else {
        sentence = `${organisation}${forApp}请求读取${what}，${departmentName ? `${departmentName}部门` : '部门'}未能答复，未读取到数据`;
      }
      break;
    case 'REGISTER_APPLICATION':
      sentence = `${organisation}登记了申请${app}，申请成员包括${whose}`;
      break;
    case 'CLOSE_APPLICATION':
      sentence = `${organisation}关闭了申请${app}`;
      break;
    case 'SEARCH_LOG':
      sentence = `${organisation}在访问日志中查询了${whose}的访问记录`;
      break;
    case 'EXPORT_LOG':
      sentence = `${organisation}导出了${whose}的访问记录`;
      break;
    case 'EVICT_CACHE':
      sentence = `${organisation}清除了网关缓存中${what}`;
      break;
    case 'GRANT_CONSENT':
      sentence = `${organisation}授权${county}为申请${app}调取家庭数据`;
      break;
    case 'REVOKE_CONSENT':
      sentence = `${organisation}撤回了对${county}申请${app}的授权`;
      break;
    default:
      sentence = `${organisation}查看了访问记录`;
  }
  return {
    sentence: sentence.replace(/ {2,}/g, ' ').replace(/ (?=[，。、])/g, ''),
    at: e.at,
    subject: subject.relation,
    childBirthDate: subject.relation === 'CHILD' ? subject.birthDate : null,
    organisation,
    actorRole: e.actorRole,
    actorCountyCode: e.actorCounty,
    applicationId: e.applicationId,
    action: e.action,
    evidence: evidenceOf(e),
    evidenceName,
    departmentName,
    fields,
    source: e.source,
    outcome: e.outcome,
  };
}
