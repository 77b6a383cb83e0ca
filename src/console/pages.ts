// The console's pages, rendered on the server: plain HTML forms, links and tables that work
// with the keyboard and a screen reader as they are, plus a little script (static/console.js).
import type { AccessAlerts } from '../audit/alerts';
import { isReadable, type ApplicationRecord } from '../applications/store';
import type { ApplicationActivity } from '../audit/activity';
import { entryHash } from '../audit/canonical';
import { fieldsOf, readsOf } from '../audit/reads';
import type { AccessLogEntry, IntegrityReport } from '../audit/index';
import type { ConsoleSession } from '../auth/consoleSessions';
import { countyName } from '../codes/regions';
import { beijing, html, short, type Html } from './html';
import {
  ACTION_LABELS,
  CHOICES,
  DEPARTMENT_LABELS,
  EVIDENCE_LABELS,
  FIELD_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
  searchQuery,
  type FormField,
  type ParsedSearch,
} from './search';

export const BASE = '/console';

/** One page of entries as the views show it */
export interface EntryPage {
  entries: AccessLogEntry[];
  /** null past 10,000 */
  total: number | null;
  endCursor: string | null;
  hasNextPage: boolean;
  isFirst: boolean;
}

export interface PageOptions {
  title: string;
  session?: ConsoleSession | null;
  /** which navigation item is current */
  current?: 'search' | 'integrity' | 'alerts';
}

export function layout(opts: PageOptions, body: Html): Html {
  const nav = opts.session
    ? html`<nav aria-label="主导航 Main">
        <ul>
          <li><a href="${BASE}" ${opts.current === 'search' ? html`aria-current="page"` : ''}>检索 Search</a></li>
          <li><a href="${BASE}/integrity" ${opts.current === 'integrity' ? html`aria-current="page"` : ''}>完整性 Integrity</a></li>
          <li><a href="${BASE}/alerts" ${opts.current === 'alerts' ? html`aria-current="page"` : ''}>预警 Alerts</a></li>
        </ul>
        <form method="post" action="${BASE}/sign-out" class="sign-out">
          <input type="hidden" name="csrf" value="${opts.session.csrf}" />
          <span class="who">${opts.session.displayName ?? opts.session.subject}</span>
          <button type="submit">退出 Sign out</button>
        </form>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · 审计台 Audit console</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${BASE}/static/console.css" />
        <script src="${BASE}/static/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">跳到正文 Skip to content</a>
        <header>
          <p class="brand">济宁义务教育入学数据网关 · 审计台 <span lang="en">Enrollment gateway audit console</span></p>
          ${nav}
        </header>
        <main id="main" tabindex="-1">${body}</main>
      </body>
    </html>`;
}

// ------------------------------------------------------------------ sign-in and refusals

export function signInPage(opts: { oidc: boolean; development: boolean; error?: string }): Html {
  return layout(
    { title: '登录 Sign in' },
    html`<h1>登录 Sign in</h1>
      <p>审计台仅供审计员使用。<span lang="en">The audit console is for auditors only.</span></p>
      ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
      ${
        opts.oidc
          ? html`<p>
              <a class="button" href="${BASE}/oidc/start">通过统一身份认证登录 <span lang="en">Sign in with the identity platform</span></a>
            </p>`
          : ''
      }
      ${
        opts.development
          ? html`<section aria-labelledby="dev-h">
              <h2 id="dev-h">开发环境登录 <span lang="en">Development sign-in</span></h2>
              <p class="hint">仅在开发环境提供，生产环境不存在此入口。<span lang="en">Development only; absent in production.</span></p>
              <form method="post" action="${BASE}/dev-sign-in" class="stack">
                <label for="dev-subject">用户标识 Subject</label>
                <input id="dev-subject" name="subject" value="dev-auditor" autocomplete="username" required maxlength="100" />
                <label for="dev-role">角色 Role</label>
                <select id="dev-role" name="role">
                  ${Object.entries(ROLE_LABELS).map(([v, l]) => html`<option value="${v}" ${v === 'auditor' ? html`selected` : ''}>${l}</option>`)}
                </select>
                <label for="dev-county">县区代码 County <span class="hint">(县区角色 county roles)</span></label>
                <input id="dev-county" name="county" inputmode="numeric" maxlength="6" />
                <button type="submit">进入审计台 Sign in</button>
              </form>
            </section>`
          : ''
      }
      ${
        !opts.oidc && !opts.development
          ? html`<p class="error" role="alert">
              尚未配置统一身份认证（CONSOLE_OIDC_*）。<span lang="en">Sign-in is not configured (CONSOLE_OIDC_*).</span>
            </p>`
          : ''
      }`,
  );
}

export function refusedPage(role: string): Html {
  return layout(
    { title: '无权访问 Not allowed' },
    html`<h1>无权访问 <span lang="en">Not allowed</span></h1>
      <p role="alert">
        此账号的角色是「${ROLE_LABELS[role] ?? role}」，不是审计员，不能使用审计台。
        <span lang="en">This account's role is ${role}, not auditor: the audit console is for auditors only.</span>
      </p>
      <p><a href="${BASE}/sign-in">换一个账号登录 Sign in as someone else</a></p>`,
  );
}

export function storeDownPage(session: ConsoleSession | null, requestId: string): Html {
  return layout(
    { title: '审计存储不可用 Audit store unavailable', session },
    html`<h1>审计存储暂时无法访问 <span lang="en">The audit store cannot be reached</span></h1>
      <p role="alert" class="error">
        访问日志现在读不到，因此这里不显示任何结果（不是“没有记录”）。请稍后重试，或联系运维并提供请求标识
        <code>${requestId}</code>。
        <span lang="en"
          >The access log cannot be read right now, so nothing is shown (this is not "no entries"). Try again later, or give the operator
          the request id above.</span
        >
      </p>`,
  );
}

export function notFoundPage(session: ConsoleSession | null, what: string): Html {
  return layout(
    { title: '未找到 Not found', session },
    html`<h1>未找到 <span lang="en">Not found</span></h1>
      <p role="alert">${what}</p>
      <p><a href="${BASE}">返回检索 Back to search</a></p>`,
  );
}

export function continuePage(target: string): Html {
  // after the identity platform's redirect: a navigation from our own page carries the SameSite=Strict cookie
  return layout(
    { title: '登录成功 Signed in' },
    html`<h1>登录成功 <span lang="en">Signed in</span></h1>
      <p><a id="continue" href="${target}" data-auto-follow>进入审计台 Continue to the console</a></p>`,
  );
}

// ------------------------------------------------------------------ search

function field(name: FormField, search: ParsedSearch | null, opts: { type?: string; hint?: string; value?: string } = {}): Html {
  const id = `f-${name}`;
  const error = search?.errors[name];
  const value = opts.value ?? search?.values[name] ?? '';
  const describedBy = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const choices = CHOICES[name];
  const control = choices
    ? html`<select
        id="${id}"
        name="${name}"
        ${error ? html`aria-invalid="true"` : ''}
        ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      >
        <option value="">（全部 any）</option>
        ${Object.entries(choices).map(([v, l]) => html`<option value="${v}" ${v === value ? html`selected` : ''}>${l}</option>`)}
      </select>`
    : html`<input
        id="${id}"
        name="${name}"
        type="${opts.type ?? 'text'}"
        value="${value}"
        autocomplete="off"
        ${error ? html`aria-invalid="true"` : ''}
        ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      />`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for="${id}">${FIELD_LABELS[name]}</label>
    ${control} ${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : ''}
    ${error ? html`<span class="error" id="${id}-error">${error}</span>` : ''}
  </div>`;
}

export function errorSummary(errors: Partial<Record<FormField, string>>): Html {
  const list = Object.entries(errors) as [FormField, string][];
  if (list.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
    <h2>请更正以下内容 <span lang="en">Please correct the following</span></h2>
    <ul>
      ${list.map(([k, msg]) => html`<li><a href="#f-${k}">${FIELD_LABELS[k]}：${msg}</a></li>`)}
    </ul>
  </div>`;
}

export function searchForm(session: ConsoleSession, search: ParsedSearch | null): Html {
  return html`<form method="post" action="${BASE}/search" class="search" aria-labelledby="search-h">
    <h2 id="search-h" class="visually-hidden">检索条件 Search</h2>
    <input type="hidden" name="csrf" value="${session.csrf}" />
    <div class="grid">
      ${field('idNumber', search, {
        hint: '在服务器上转为哈希后检索，不保存、不出现在地址栏 Hashed on the server; never stored or shown in the address bar',
      })}
      ${field('subject', search)} ${field('actorSubject', search)} ${field('actorRole', search)} ${field('countyCode', search)}
      ${field('applicationId', search)} ${field('department', search)} ${field('evidence', search)} ${field('outcome', search)}
      ${field('action', search)} ${field('requestId', search)}
      ${field('from', search, { hint: 'YYYY-MM-DD [HH:MM]，北京时间 Beijing time' })}
      ${field('to', search, { hint: '只写日期时含当天 A date alone includes that day' })}
    </div>
    <p class="actions">
      <button type="submit">检索 Search</button>
      <a href="${BASE}">清空 Clear</a>
    </p>
  </form>`;
}

function personLink(hash: string | null): Html {
  if (!hash) return html`<span class="muted">—</span>`;
  return html`<a href="${BASE}/person/${hash}" title="${hash}"><code>${short(hash)}</code></a>`;
}

function applicationLink(e: { applicationId: string | null; countyCode: string | null }): Html {
  if (!e.applicationId) return html`<span class="muted">—</span>`;
  if (!e.countyCode) return html`${e.applicationId}`;
  return html`<a href="${BASE}/application/${e.countyCode}/${encodeURIComponent(e.applicationId)}">${e.applicationId}</a>
    <span class="muted">${countyName(e.countyCode) ?? e.countyCode}</span>`;
}

function outcomeBadge(outcome: string): Html {
  return html`<span class="badge outcome-${outcome.toLowerCase()}"
    >${OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS] ?? outcome}</span
  >`;
}

const entryHref = (e: AccessLogEntry) => `${BASE}/entry/${encodeURIComponent(e.chainId)}/${e.seq}`;

function what(e: AccessLogEntry): Html {
  const reads = readsOf(e);
  if (reads.length === 0 && !e.department) return html`<span class="muted">—</span>`;
  const departments = reads.length ? [...new Set(reads.map((r) => r.department))] : [e.department!];
  return html`${reads.map((r) => EVIDENCE_LABELS[r.evidence] ?? r.evidence).join('、')}
    <span class="muted">${departments.map((d) => DEPARTMENT_LABELS[d] ?? d).join('、')}</span>`;
}

function actor(e: { actorSubject: string; actorRole: string; actorCounty: string | null }): Html {
  return html`<a href="${BASE}/search?${searchQuery({ actorSubject: e.actorSubject })}">${e.actorSubject}</a>
    <span class="muted"
      >${ROLE_LABELS[e.actorRole] ?? e.actorRole}${e.actorCounty ? ` · ${countyName(e.actorCounty) ?? e.actorCounty}` : ''}</span
    >`;
}

export function entriesTable(entries: AccessLogEntry[], caption: Html | string, opts: { timeline?: boolean } = {}): Html {
  if (entries.length === 0) return html`<p class="empty" role="status">没有符合条件的记录。<span lang="en">No entries match.</span></p>`;
  return html`<table class="entries">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">时间 Time <span class="muted">(UTC+8)</span></th>
        <th scope="col">操作 Action</th>
        <th scope="col">谁 Who</th>
        <th scope="col">为何 Why</th>
        ${opts.timeline ? '' : html`<th scope="col">当事人 Person</th>`}
        <th scope="col">读取了什么 What</th>
        <th scope="col">结果 Outcome</th>
        <th scope="col">详情 Entry</th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (e) =>
          html`<tr>
            <td><time datetime="${e.at}">${beijing(e.at)}</time></td>
            <td>${ACTION_LABELS[e.action] ?? e.action}</td>
            <td>${actor(e)}</td>
            <td>${applicationLink(e)}${e.reason ? html`<div class="reason">${e.reason}</div>` : ''}</td>
            ${opts.timeline ? '' : html`<td>${personLink(e.subjectHash)}</td>`}
            <td>${what(e)}</td>
            <td>
              ${outcomeBadge(e.outcome)}${e.source ? html` <span class="muted">${e.source === 'CACHE' ? '缓存 cache' : '部门 department'}</span>` : ''}
            </td>
            <td><a href="${entryHref(e)}" aria-label="条目 entry ${e.seq}">#${e.seq}</a></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function pager(base: string, query: string, endCursor: string | null, hasNextPage: boolean, isFirst: boolean): Html {
  const join = (extra: string) => `${base}?${[query, extra].filter(Boolean).join('&')}`;
  return html`<nav class="pager" aria-label="分页 Pages">
    ${isFirst ? '' : html`<a href="${join('')}">第一页 First page</a>`}
    ${hasNextPage && endCursor ? html`<a href="${join(`after=${encodeURIComponent(endCursor)}`)}" rel="next">下一页 Next page</a>` : ''}
  </nav>`;
}

export function totalText(total: number | null, shown: number): string {
  if (total === null) return `超过 10,000 条，显示 ${shown} 条 More than 10,000 entries; ${shown} shown`;
  return `共 ${total} 条，本页 ${shown} 条 ${total} entries; ${shown} on this page`;
}

export function searchPage(session: ConsoleSession, search: ParsedSearch | null, result: EntryPage | null): Html {
  const query = search ? searchQuery(search.values) : '';
  const hasErrors = search && Object.keys(search.errors).length > 0;
  return layout(
    { title: '检索访问日志 Search the access log', session, current: 'search' },
    html`<h1>检索访问日志 <span lang="en">Search the access log</span></h1>
      ${search ? errorSummary(search.errors) : ''} ${searchForm(session, search)}
      ${
        result && !hasErrors
          ? html`<section aria-labelledby="results-h">
              <h2 id="results-h">结果 <span lang="en">Results</span></h2>
              <p role="status" id="total">${totalText(result.total, result.entries.length)}</p>
              <form method="post" action="${BASE}/export.csv" class="inline">
                <input type="hidden" name="csrf" value="${session.csrf}" />
                <input type="hidden" name="q" value="${query}" />
                <button type="submit">导出 CSV <span lang="en">Export CSV</span></button>
                <span class="hint">导出本身记入访问日志 The export is itself recorded in the access log</span>
              </form>
              ${entriesTable(result.entries, '访问日志条目，最新在前 Entries, newest first')}
              ${pager(`${BASE}/search`, query, result.endCursor, result.hasNextPage, result.isFirst)}
            </section>`
          : ''
      }`,
  );
}

// ------------------------------------------------------------------ one entry

export function entryPage(session: ConsoleSession, e: AccessLogEntry): Html {
  const hashOk = entryHash(e.prevHash, e) === e.hash;
  const row = (label: string, value: Html | string | number | null) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value === null || value === '' ? html`<span class="muted">—</span>` : value}</dd>
    </div>`;
  return layout(
    { title: `条目 Entry ${e.seq}`, session },
    html`<h1>访问日志条目 <span lang="en">Access-log entry</span> #${e.seq}</h1>
      <p class="${hashOk ? 'ok' : 'error'}" role="status">
        ${
          hashOk
            ? '条目内容与其哈希一致 The entry matches its hash.'
            : '条目内容与其哈希不一致：写入后被改动 The entry does not match its hash: changed after it was written.'
        }
      </p>
      <dl class="entry">
        ${row('链 Chain', html`<code>${e.chainId}</code>`)} ${row('序号 Seq', e.seq)}
        ${row('时间 Time (UTC+8)', html`<time datetime="${e.at}">${beijing(e.at)}</time> <span class="muted">${e.at}</span>`)}
        ${row('操作 Action', ACTION_LABELS[e.action] ?? e.action)}
        ${row('请求标识 Request', html`<a href="${BASE}/search?${searchQuery({ requestId: e.requestId })}">${e.requestId}</a>`)}
        ${row('访问主体 Actor', actor(e))} ${row('申请 Application', applicationLink(e))}
        ${row('当事人 Person', e.subjectHash ? html`<a href="${BASE}/person/${e.subjectHash}"><code>${e.subjectHash}</code></a>` : null)}
        ${row(
          '部门 Department',
          readsOf(e).length
            ? [...new Set(readsOf(e).map((r) => r.department))].map((d) => DEPARTMENT_LABELS[d] ?? d).join('、')
            : e.department
              ? (DEPARTMENT_LABELS[e.department] ?? e.department)
              : null,
        )}
        ${row(
          '材料 Evidence',
          readsOf(e).length
            ? readsOf(e)
                .map((r) => EVIDENCE_LABELS[r.evidence] ?? r.evidence)
                .join('、')
            : null,
        )}
        ${row('字段 Fields', fieldsOf(e).length ? html`<code>${fieldsOf(e).join(', ')}</code>` : null)}
        ${row('结果 Outcome', outcomeBadge(e.outcome))} ${row('来源 Source', e.source)} ${row('原因 Reason', e.reason)}
        ${row('前一哈希 Previous hash', html`<code>${e.prevHash}</code>`)} ${row('哈希 Hash', html`<code>${e.hash}</code>`)}
        ${row('格式 Format', e.format)}
      </dl>
      <p>
        ${e.seq > 1 ? html`<a href="${BASE}/entry/${encodeURIComponent(e.chainId)}/${e.seq - 1}" rel="prev">上一条 Previous in chain</a>` : ''}
        <a href="${BASE}/entry/${encodeURIComponent(e.chainId)}/${e.seq + 1}" rel="next">下一条 Next in chain</a>
      </p>`,
  );
}

// ------------------------------------------------------------------ a person's timeline

export function timelinePage(session: ConsoleSession, subjectHash: string, result: EntryPage): Html {
  const readers = new Set(result.entries.filter((e) => e.action === 'READ').map((e) => e.actorSubject));
  return layout(
    { title: '当事人时间线 Timeline', session },
    html`<h1>谁在何时、为何读取了此人的数据 <span lang="en">Who read this person's data, when, and why</span></h1>
      <p>当事人标识 <span lang="en">Person (keyed hash)</span>: <code>${subjectHash}</code></p>
      <p role="status" id="total">${totalText(result.total, result.entries.length)}；本页读取者 ${readers.size} 个 readers on this page</p>
      <form method="post" action="${BASE}/export.csv" class="inline">
        <input type="hidden" name="csrf" value="${session.csrf}" />
        <input type="hidden" name="q" value="${searchQuery({ subject: subjectHash })}" />
        <button type="submit">导出 CSV <span lang="en">Export CSV</span></button>
      </form>
      ${entriesTable(result.entries, '时间线，最新在前 Timeline, newest first', { timeline: true })}
      ${pager(`${BASE}/person/${subjectHash}`, '', result.endCursor, result.hasNextPage, result.isFirst)}`,
  );
}

// ------------------------------------------------------------------ an application

const MEMBER_KIND_LABELS: Record<string, string> = { CHILD: '儿童 Child', GUARDIAN: '监护人 Guardian', DERIVED: '派生成员 Derived' };

/** The application as registered (src/applications/): what may be read under it, and until when. */
function registeredRecord(record: ApplicationRecord | null, now: Date): Html {
  if (!record)
    return html`<section aria-labelledby="record-h">
      <h2 id="record-h">登记的申请 <span lang="en">Registered application</span></h2>
      <p class="empty">未登记 Not registered: nothing may be read under it.</p>
    </section>`;
  const state =
    record.status === 'CLOSED'
      ? html`<span class="badge outcome-denied">已关闭 CLOSED</span> ${record.closedAt ? beijing(record.closedAt) : ''} ·
          ${record.closeReason ?? ''}`
      : isReadable(record, now)
        ? html`<span class="badge outcome-allowed">开放 OPEN</span>`
        : html`<span class="badge outcome-denied">已过期 OPEN, past its season</span>`;
  return html`<section aria-labelledby="record-h">
    <h2 id="record-h">登记的申请 <span lang="en">Registered application</span></h2>
    <dl class="entry record">
      <div>
        <dt>状态 Status</dt>
        <dd>${state}</dd>
      </div>
      <div>
        <dt>学年 School year</dt>
        <dd>${record.schoolYear} · ${record.stage}</dd>
      </div>
      <div>
        <dt>登记 Registered</dt>
        <dd>${beijing(record.registeredAt)} · ${record.registeredBy} (${record.registeredRole})</dd>
      </div>
      <div>
        <dt>到期 Expires</dt>
        <dd>${beijing(record.expiresAt)}</dd>
      </div>
    </dl>
    <table class="record-members">
      <caption class="visually-hidden">
        登记成员 Registered members
      </caption>
      <thead>
        <tr>
          <th scope="col">当事人 Person</th>
          <th scope="col">成员类型 Kind</th>
          <th scope="col">原因 Reason</th>
        </tr>
      </thead>
      <tbody>
        ${record.members.map(
          (m) =>
            html`<tr>
              <td>${personLink(m.subjectHash)}</td>
              <td>${MEMBER_KIND_LABELS[m.kind] ?? m.kind}</td>
              <td>${m.reason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function applicationPage(
  session: ConsoleSession,
  app: { applicationId: string; countyCode: string },
  activity: ApplicationActivity,
  reads: EntryPage,
  record: ApplicationRecord | null,
  now: Date,
): Html {
  const registered = activity.lifecycle.find((e) => e.action === 'REGISTER_APPLICATION' && e.outcome === 'ALLOWED');
  const closed = activity.lifecycle.find((e) => e.action === 'CLOSE_APPLICATION' && e.outcome === 'ALLOWED');
  const base = `${BASE}/application/${app.countyCode}/${encodeURIComponent(app.applicationId)}`;
  return layout(
    { title: `申请 Application ${app.applicationId}`, session },
    html`<h1>申请 <span lang="en">Application</span> ${app.applicationId}</h1>
      <dl class="entry">
        <div>
          <dt>县区 County</dt>
          <dd>${countyName(app.countyCode) ?? ''} <code>${app.countyCode}</code></dd>
        </div>
        <div>
          <dt>状态 Status</dt>
          <dd>
            ${
              closed
                ? html`<span class="badge outcome-denied">已关闭 closed</span> ${beijing(closed.at)}`
                : registered
                  ? html`<span class="badge outcome-allowed">开放 open</span>`
                  : html`<span class="muted">访问日志中没有登记记录 No registration in the access log</span>`
            }
          </dd>
        </div>
        <div>
          <dt>登记 Registered</dt>
          <dd>
            ${registered ? html`${beijing(registered.at)} · ${actor(registered)} · <a href="${entryHref(registered)}">#${registered.seq}</a>` : '—'}
          </dd>
        </div>
      </dl>
      ${registeredRecord(record, now)}
      <section aria-labelledby="members-h">
        <h2 id="members-h">成员 <span lang="en">Members (people read under this application)</span></h2>
        ${
          activity.members.length === 0
            ? html`<p class="empty">没有读取记录 No reads.</p>`
            : html`<table>
                <caption class="visually-hidden">
                  成员 Members
                </caption>
                <thead>
                  <tr>
                    <th scope="col">当事人 Person</th>
                    <th scope="col">读取次数 Reads</th>
                    <th scope="col">被拒 Denied</th>
                    <th scope="col">材料 Evidence</th>
                    <th scope="col">首次 First (UTC+8)</th>
                    <th scope="col">最近 Last (UTC+8)</th>
                  </tr>
                </thead>
                <tbody>
                  ${activity.members.map(
                    (m) =>
                      html`<tr>
                        <td>${personLink(m.subjectHash)}</td>
                        <td>${m.reads}</td>
                        <td>${m.denied}</td>
                        <td>${m.evidence.map((e) => EVIDENCE_LABELS[e] ?? e).join('、')}</td>
                        <td>${beijing(m.firstAt)}</td>
                        <td>${beijing(m.lastAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="lifecycle-h">
        <h2 id="lifecycle-h">登记与关闭 <span lang="en">Registration and closure</span></h2>
        ${entriesTable(activity.lifecycle, '登记与关闭记录 Registration and closure entries')}
      </section>
      <section aria-labelledby="reads-h">
        <h2 id="reads-h">针对此申请的全部访问 <span lang="en">Every access under this application</span></h2>
        <p role="status">${totalText(reads.total, reads.entries.length)}</p>
        ${entriesTable(reads.entries, '访问记录，最新在前 Entries, newest first')}
        ${pager(base, '', reads.endCursor, reads.hasNextPage, reads.isFirst)}
      </section>`,
  );
}

// ------------------------------------------------------------------ integrity

export function integrityPage(session: ConsoleSession, report: IntegrityReport | null, running: boolean): Html {
  return layout(
    { title: '完整性 Integrity', session, current: 'integrity' },
    html`<h1>审计链完整性 <span lang="en">Audit chain integrity</span></h1>
      <form method="post" action="${BASE}/integrity/verify" class="inline">
        <input type="hidden" name="csrf" value="${session.csrf}" />
        <button type="submit" ${running ? html`aria-disabled="true"` : ''}>立即校验 <span lang="en">Verify now</span></button>
        <span class="hint">逐条重算每条链的哈希 Recomputes every link of every chain</span>
      </form>
      ${
        report === null
          ? html`<p role="status">本进程启动后尚未校验。<span lang="en">Not verified since this gateway started.</span></p>`
          : html`<p role="${report.ok ? 'status' : 'alert'}" class="${report.ok ? 'ok banner' : 'error banner'}" id="integrity-verdict">
                ${
                  report.ok
                    ? html`全部完整：${report.chains.length} 条链、${report.entries} 条记录均校验通过。<span lang="en"
                          >All intact: ${report.chains.length} chains, ${report.entries} entries verified.</span
                        >`
                    : html`发现篡改：${report.chains.filter((c) => !c.ok).length} 条链校验失败。<span lang="en"
                          >Tampering found: ${report.chains.filter((c) => !c.ok).length} chain(s) fail verification.</span
                        >`
                }
              </p>
              <p>校验时间 Verified at (UTC+8): <time datetime="${report.verifiedAt}">${beijing(report.verifiedAt)}</time></p>
              <table>
                <caption class="visually-hidden">
                  每条链 Each chain
                </caption>
                <thead>
                  <tr>
                    <th scope="col">链 Chain</th>
                    <th scope="col">状态 Status</th>
                    <th scope="col">条目 Entries</th>
                    <th scope="col">已归档 Archived</th>
                    <th scope="col">最后校验点 Last verified point</th>
                    <th scope="col">最后签名检查点 Last signed checkpoint</th>
                    <th scope="col">问题 Problem</th>
                  </tr>
                </thead>
                <tbody>
                  ${report.chains.map(
                    (c) =>
                      html`<tr class="${c.ok ? '' : 'broken'}">
                        <td><code>${c.chainId}</code></td>
                        <td>
                          ${c.ok ? html`<span class="badge outcome-allowed">完整 intact</span>` : html`<span class="badge outcome-error">已损坏 broken</span>`}
                        </td>
                        <td>${c.entries}</td>
                        <td>${c.archivedEntries}</td>
                        <td>
                          ${
                            c.ok
                              ? html`#${c.lastSeq} <code title="${c.lastHash}">${short(c.lastHash)}</code>`
                              : c.firstBrokenSeq && c.firstBrokenSeq > 1
                                ? html`#${c.firstBrokenSeq - 1}`
                                : html`<span class="muted">—</span>`
                          }
                        </td>
                        <td class="checkpoint">
                          ${
                            c.lastCheckpoint
                              ? html`#${c.lastCheckpoint.seq}
                                  <time datetime="${c.lastCheckpoint.at}">${beijing(c.lastCheckpoint.at)}</time>
                                  <span class="muted">key ${c.lastCheckpoint.keyId}</span>
                                  ${
                                    c.reachesCheckpoint
                                      ? html`<span class="badge outcome-allowed">链已到达 reached</span>`
                                      : html`<span class="badge outcome-error">链未到达 not reached</span>`
                                  }`
                              : html`<span class="muted">无 none</span>`
                          }
                        </td>
                        <td>
                          ${
                            c.ok
                              ? ''
                              : html`${c.problem}
                                ${
                                  c.firstBrokenSeq
                                    ? html`<a href="${BASE}/entry/${encodeURIComponent(c.chainId)}/${c.firstBrokenSeq}"
                                        >条目 entry #${c.firstBrokenSeq}</a
                                      >`
                                    : ''
                                }`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }`,
  );
}

// ------------------------------------------------------------------ alerts

type CallerAlert = { actorSubject: string; actorRole: string; actorCounty: string | null; people: number; lastAt: string };

/** One table of callers (no-record, denied): the count that flagged them, people, last time, their entries. */
function callerTable<A extends CallerAlert>(rows: A[], countHeader: string, count: (a: A) => number, filter: { outcome?: 'DENIED' }): Html {
  if (rows.length === 0) return html`<p class="empty">无 None.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">访问主体 Actor</th>
        <th scope="col">${countHeader}</th>
        <th scope="col">涉及人数 People</th>
        <th scope="col">最近 Last (UTC+8)</th>
        <th scope="col">记录 Entries</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (a) =>
          html`<tr>
            <td>${actor(a)}</td>
            <td>${count(a)}</td>
            <td>${a.people}</td>
            <td>${beijing(a.lastAt)}</td>
            <td><a href="${BASE}/search?${searchQuery({ actorSubject: a.actorSubject, ...filter })}">查看 View</a></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function alertsPage(
  session: ConsoleSession,
  alerts: AccessAlerts,
  values: { from: string; to: string },
  errors: Partial<Record<FormField, string>>,
): Html {
  const any =
    alerts.volume.length +
    alerts.noRecord.length +
    alerts.denied.length +
    alerts.closedApplications.length +
    alerts.expiredApplications.length;
  return layout(
    { title: '预警 Alerts', session, current: 'alerts' },
    html`<h1>预警 <span lang="en">Alerts</span></h1>
      ${errorSummary(errors)}
      <form method="get" action="${BASE}/alerts" class="search">
        <div class="grid">
          ${field('from', { values, errors, filter: {}, idNumber: null }, { hint: 'YYYY-MM-DD [HH:MM]，北京时间 Beijing time' })}
          ${field('to', { values, errors, filter: {}, idNumber: null })}
        </div>
        <p class="actions"><button type="submit">刷新 Refresh</button></p>
      </form>
      <p role="status">
        时间窗 Window (UTC+8): ${beijing(alerts.window.from)} —
        ${beijing(alerts.window.to)}；${any === 0 ? '没有预警 No alerts' : `${any} 项 items`}
      </p>
      <section aria-labelledby="volume-h">
        <h2 id="volume-h">访问量异常 <span lang="en">Unusual volume</span></h2>
        <p class="hint">
          读取人数不少于 ${alerts.thresholds.volumeFloor} 且为中位数的 ${alerts.thresholds.volumeFactor} 倍以上
          <span lang="en"
            >At least ${alerts.thresholds.volumeFloor} people read and ${alerts.thresholds.volumeFactor}× the median caller</span
          >
        </p>
        ${
          alerts.volume.length === 0
            ? html`<p class="empty">无 None.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">访问主体 Actor</th>
                    <th scope="col">读取人数 People</th>
                    <th scope="col">读取次数 Reads</th>
                    <th scope="col">中位数 Median</th>
                  </tr>
                </thead>
                <tbody>
                  ${alerts.volume.map(
                    (a) =>
                      html`<tr>
                        <td>${actor(a)}</td>
                        <td>${a.people}</td>
                        <td>${a.reads}</td>
                        <td>${a.medianPeople}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="norecord-h">
        <h2 id="norecord-h">大量查无记录 <span lang="en">Reads finding no record</span></h2>
        <p class="hint">
          读取的人中至少 ${alerts.thresholds.noRecordMin} 人各部门均无记录（疑似猜测身份证号）
          <span lang="en"
            >At least ${alerts.thresholds.noRecordMin} people read of whom no department had a record (guessed ID numbers?)</span
          >
        </p>
        ${callerTable(alerts.noRecord, '查无人数 Unknown people', (a) => a.unknownPeople, {})}
      </section>
      <section aria-labelledby="denied-h">
        <h2 id="denied-h">多次被拒 <span lang="en">Repeatedly denied</span></h2>
        <p class="hint">
          被拒不少于 ${alerts.thresholds.deniedMin} 次 <span lang="en">Denied at least ${alerts.thresholds.deniedMin} times</span>
        </p>
        ${callerTable(alerts.denied, '被拒次数 Denied', (a) => a.denied, { outcome: 'DENIED' })}
      </section>
      <section aria-labelledby="closed-h">
        <h2 id="closed-h">申请关闭后的读取 <span lang="en">Reads against closed applications</span></h2>
        ${
          alerts.closedApplications.length === 0
            ? html`<p class="empty">无 None.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">申请 Application</th>
                    <th scope="col">关闭于 Closed (UTC+8)</th>
                    <th scope="col">访问主体 Actor</th>
                    <th scope="col">读取 Reads</th>
                    <th scope="col">其中允许 Allowed</th>
                    <th scope="col">最近 Last (UTC+8)</th>
                  </tr>
                </thead>
                <tbody>
                  ${alerts.closedApplications.map(
                    (a) =>
                      html`<tr>
                        <td>${applicationLink(a)}</td>
                        <td>${beijing(a.closedAt)}</td>
                        <td><a href="${BASE}/search?${searchQuery({ actorSubject: a.actorSubject })}">${a.actorSubject}</a></td>
                        <td>${a.reads}</td>
                        <td>${a.allowed}</td>
                        <td>${beijing(a.lastAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section aria-labelledby="expired-h">
        <h2 id="expired-h">申请过期后的读取 <span lang="en">Reads against expired applications</span></h2>
        ${
          alerts.expiredApplications.length === 0
            ? html`<p class="empty">无 None.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">申请 Application</th>
                    <th scope="col">访问主体 Actor</th>
                    <th scope="col">被拒读取 Refused reads</th>
                    <th scope="col">最近 Last (UTC+8)</th>
                  </tr>
                </thead>
                <tbody>
                  ${alerts.expiredApplications.map(
                    (a) =>
                      html`<tr>
                        <td>${applicationLink(a)}</td>
                        <td><a href="${BASE}/search?${searchQuery({ actorSubject: a.actorSubject })}">${a.actorSubject}</a></td>
                        <td>${a.reads}</td>
                        <td>${beijing(a.lastAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>`,
  );
}
