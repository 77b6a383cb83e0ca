// The console's search form: what an auditor typed, checked field by field (each error names
// its field in Chinese and English), turned into the audit layer's filter. The ID number is
// only ever read from a POST body; it becomes the keyed subject hash before anything else
// sees it, so it never appears in a URL, the browser's history or a log line.
import { normalizeIdNumber, validateIdNumber } from '../codes/idNumber';
import { isJiningCounty } from '../codes/regions';
import { ROLES } from '../auth/viewer';
import type { AccessLogFilterInput } from '../audit/index';
import { ACCESS_ACTIONS, type AccessAction, type AccessOutcome } from '../audit/types';
import { DEPARTMENTS, EVIDENCE_NAMES } from '../evidence/kinds';
import type { SubjectHasher } from '../evidence/subjectHash';

/** The fields a search URL may carry (never the ID number). */
export const URL_FIELDS = [
  'subject',
  'actorSubject',
  'actorRole',
  'countyCode',
  'applicationId',
  'department',
  'evidence',
  'outcome',
  'action',
  'requestId',
  'from',
  'to',
] as const;
export type UrlField = (typeof URL_FIELDS)[number];
export type FormField = UrlField | 'idNumber';

export const FIELD_LABELS: Record<FormField, string> = {
  idNumber: '身份证号 ID number',
  subject: '当事人标识 Person (hash)',
  actorSubject: '访问主体 Actor',
  actorRole: '访问角色 Role',
  countyCode: '县区代码 County',
  applicationId: '申请编号 Application',
  department: '数据部门 Department',
  evidence: '材料 Evidence kind',
  outcome: '访问结果 Outcome',
  action: '操作 Action',
  requestId: '请求标识 Request ID',
  from: '起始时间 From',
  to: '截止时间 To',
};

export const ROLE_LABELS: Record<string, string> = {
  county_platform: '县区招生平台 county platform',
  school_reviewer: '学校审核员 school reviewer',
  help_desk: '帮办代办 help desk',
  applicant: '家长 applicant',
  auditor: '审计员 auditor',
  admin: '运维 admin',
};

export const DEPARTMENT_LABELS: Record<string, string> = {
  police: '公安 police',
  civilAffairs: '民政 civil affairs',
  humanResources: '人社 human resources',
  naturalResources: '自然资源 natural resources',
  housing: '住建 housing',
  health: '卫健 health',
  marketRegulation: '市场监管 market regulation',
};

export const EVIDENCE_LABELS: Record<string, string> = {
  household: '户籍 household',
  residencePermits: '居住证 residence permits',
  properties: '不动产 properties',
  purchaseContracts: '购房合同 purchase contracts',
  leaseFilings: '租赁备案 lease filings',
  subsidizedHousing: '保障房 subsidized housing',
  individualBusinesses: '个体工商户 individual businesses',
  enterprises: '企业法人 enterprises',
  socialInsurance: '社保 social insurance',
  marriages: '婚姻 marriages',
  birthCertificates: '出生证明 birth certificates',
};

export const OUTCOME_LABELS: Record<AccessOutcome, string> = { ALLOWED: '允许 allowed', DENIED: '拒绝 denied', ERROR: '出错 error' };

export const ACTION_LABELS: Record<AccessAction, string> = {
  READ: '读取 read',
  REGISTER_APPLICATION: '登记申请 register application',
  CLOSE_APPLICATION: '关闭申请 close application',
  SEARCH_LOG: '查询日志 search log',
  EXPORT_LOG: '导出日志 export log',
  EVICT_CACHE: '清除缓存 evict cache',
  GRANT_CONSENT: '授权 grant consent',
  REVOKE_CONSENT: '撤回授权 revoke consent',
  VIEW_OWN_LOG: '查看本人记录 view own log',
};

export const CHOICES: Partial<Record<FormField, Record<string, string>>> = {
  actorRole: Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r] ?? r])),
  department: Object.fromEntries(DEPARTMENTS.map((d) => [d, DEPARTMENT_LABELS[d] ?? d])),
  evidence: Object.fromEntries(EVIDENCE_NAMES.map((e) => [e, EVIDENCE_LABELS[e] ?? e])),
  outcome: OUTCOME_LABELS,
  action: Object.fromEntries(ACCESS_ACTIONS.map((a) => [a, ACTION_LABELS[a]])),
};

const ID_REASONS: Record<string, string> = {
  length: '应为 18 位 must be 18 characters',
  format: '应为 17 位数字加 1 位校验码 must be 17 digits and a check character',
  checkDigit: '校验码不符 fails its check digit',
  birthDate: '出生日期不存在 holds an impossible birth date',
};

/** YYYY-MM-DD, optionally with HH:MM[:SS], in Beijing time (UTC+8) */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A Beijing-time text as an ISO instant; a date alone as `to` means the end of that day. */
export function parseBeijingTime(text: string, endOfDay: boolean): string | null {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return null;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // 2025-02-30 or 25:00 rolls over: refuse rather than guess
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const dayEnd = endOfDay && m[4] === undefined ? 24 * 3600_000 : 0;
  return new Date(ms - 8 * 3600_000 + dayEnd).toISOString();
}

export interface ParsedSearch {
  /** the search, as the URL carries it (refills the form, builds page links) */
  values: Partial<Record<FormField, string>>;
  filter: AccessLogFilterInput;
  errors: Partial<Record<FormField, string>>;
  /** set when the form named a person by ID number (the search is recorded as SEARCH_LOG) */
  idNumber: string | null;
}

/** Reads a search from a form or a URL; the ID number only when `allowIdNumber` (a POST body). */
export function parseSearch(params: URLSearchParams, subjectHash: SubjectHasher, allowIdNumber: boolean): ParsedSearch {
  const values: Partial<Record<FormField, string>> = {};
  const errors: Partial<Record<FormField, string>> = {};
  const filter: AccessLogFilterInput = {};
  let idNumber: string | null = null;
  const get = (k: FormField) => {
    const v = params.get(k)?.trim() ?? '';
    if (v !== '' && k !== 'idNumber') values[k] = v;
    return v;
  };

  const rawId = allowIdNumber ? get('idNumber') : '';
  if (rawId !== '') {
    const id = normalizeIdNumber(rawId);
    const check = validateIdNumber(id);
    if (check.ok) {
      idNumber = id;
      // the number is replaced by its keyed hash here: the URL carries only the hash
      values.subject = subjectHash(id);
      filter.subjectHash = values.subject;
    } else {
      errors.idNumber = `身份证号无效 The ID number ${ID_REASONS[check.reason] ?? 'is malformed'}.`;
    }
  }
  const subject = get('subject');
  if (subject !== '' && !idNumber) {
    if (/^[0-9a-f]{64}$/.test(subject)) filter.subjectHash = subject;
    else errors.subject = '当事人标识应为 64 位十六进制 The person hash must be 64 hex characters.';
  }
  for (const k of ['actorSubject', 'applicationId', 'requestId'] as const) {
    const v = get(k);
    if (v === '') continue;
    if (v.length > (k === 'actorSubject' ? 200 : 64)) errors[k] = `${FIELD_LABELS[k]}: 过长 too long.`;
    else filter[k] = v;
  }
  const county = get('countyCode');
  if (county !== '') {
    if (isJiningCounty(county)) filter.countyCode = county;
    else errors.countyCode = '县区代码应为济宁市县级区划代码（如 370811）The county must be a Jining county code such as 370811.';
  }
  for (const k of ['actorRole', 'department', 'evidence', 'outcome', 'action'] as const) {
    const v = get(k);
    if (v === '') continue;
    if (!Object.prototype.hasOwnProperty.call(CHOICES[k] ?? {}, v)) errors[k] = `${FIELD_LABELS[k]}: 不是可选值 not one of the choices.`;
    else (filter as Record<string, string>)[k] = v;
  }
  for (const k of ['from', 'to'] as const) {
    const v = get(k);
    if (v === '') continue;
    const iso = parseBeijingTime(v, k === 'to');
    if (iso) filter[k] = iso;
    else
      errors[k] =
        `${FIELD_LABELS[k]}格式不正确：应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间） must be YYYY-MM-DD or YYYY-MM-DD HH:MM (Beijing time).`;
  }
  if (filter.from && filter.to && filter.from >= filter.to && !errors.to) errors.to = '截止时间应晚于起始时间 To must be after From.';
  return { values, filter, errors, idNumber };
}

/** The search as a query string (for result pages, paging and export) */
export function searchQuery(values: Partial<Record<FormField, string>>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of URL_FIELDS) if (values[k]) p.set(k, values[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
