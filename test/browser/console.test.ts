// The auditor console as an auditor uses it: Debian's Chromium, headless, against a gateway
// listening on loopback (PostgreSQL for the access log, the mock departments through msw).
// Each test does what a person would (types, tabs, presses Enter, clicks) and checks what the
// page says; every page is also checked for console errors.
// CONSOLE_SCREENSHOTS=1 writes a screenshot of each view to docs/console/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readGuessedFamilies, registerApplicationFor } from '../support/applications';
import { DATABASE_URL, isolationName, PERSON_QUERY, startTestGateway, type TestGateway } from '../support/gateway';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { ROOT } from '../support/process';

const SHOTS = process.env.CONSOLE_SCREENSHOTS === '1';
async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(ROOT, 'docs/console', `${name}.png`), fullPage: false });
}

describe('the auditor console in Chromium', () => {
  let gw: TestGateway;
  let browser: TestBrowser;
  let child: string;
  let father: string;
  let county: string;
  let applicationId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ isolation: isolationName('console_browser'), env: { DATABASE_URL } });
    browser = await launchBrowser();
    const s = gw.scenarios.find((x) => x.key === 'full-evidence')!;
    child = s.child.idNumber;
    father = s.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
    county = s.countyCode;
    applicationId = 'APP-CONSOLE-1';
    // a county platform reads the child twice (two requests), the father once
    const token = await gw.token({ role: 'county_platform', county, sub: 'platform-zoucheng' });
    const purpose = await registerApplicationFor(gw, token, s, { applicationId });
    for (const id of [child, child, father]) {
      const r = await gw.graphql(PERSON_QUERY, { id, purpose }, { token });
      expect(r.body.errors).toBeUndefined();
    }
    // and is refused a child of another county's application
    const denied = await gw.graphql(
      PERSON_QUERY,
      { id: child, purpose: { applicationId: 'APP-ELSEWHERE', countyCode: '370811' } },
      { token },
    );
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  async function signIn(page: Page, role = 'auditor', countyCode = ''): Promise<void> {
    await page.goto(`${gw.url}/console/sign-in`);
    await page.getByLabel('用户标识 Subject').fill(role === 'auditor' ? 'auditor-li' : 'platform-zoucheng');
    await page.getByLabel('角色 Role').selectOption(role);
    if (countyCode) await page.getByLabel(/县区代码 County/).fill(countyCode);
    await Promise.all([page.waitForURL(/\/console(\/dev-sign-in)?$/), page.getByRole('button', { name: /进入审计台/ }).click()]);
  }

  it('a signed-out visitor sees the sign-in page, never data', async () => {
    const { page, errors } = await browser.open();
    for (const path of [
      '/console',
      '/console/search?outcome=ALLOWED',
      '/console/integrity',
      '/console/alerts',
      `/console/person/${'a'.repeat(64)}`,
    ]) {
      await page.goto(`${gw.url}${path}`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await expect(page.locator('table').count()).resolves.toBe(0);
    }
    await expect(page.locator('h1').textContent()).resolves.toBe('登录 Sign in');
    await shot(page, 'sign-in');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a county platform is refused with a page that says so, and gets no session', async () => {
    const { page, errors } = await browser.open();
    await signIn(page, 'county_platform', county);
    await expect(page.locator('h1').textContent()).resolves.toContain('无权访问');
    await expect(page.locator('main').textContent()).resolves.toContain('not auditor');
    // Chromium reports the page's own 403 status in the console: that, and nothing else
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 403 .*dev-sign-in/.test(e)));
    await shot(page, 'refused');
    await page.goto(`${gw.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect((await browser.context.cookies()).filter((c) => c.name === 'console_session')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('signs in with the keyboard alone and searches by ID number; the number stays out of the URL', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/sign-in`);
    // skip link, then the form: Tab from the top of the page
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').textContent()).resolves.toContain('跳到正文');
    await page.getByLabel('用户标识 Subject').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('auditor-li');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${gw.url}/console`);
    // the session cookie: httpOnly, SameSite=Strict, invisible to scripts
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'console_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await expect(page.evaluate('document.cookie')).resolves.toBe('');
    await expect(page.evaluate('localStorage.length + sessionStorage.length')).resolves.toBe(0);

    // "/" jumps to the first search field
    await page.locator('body').press('/');
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('f-idNumber');
    await page.keyboard.type(child);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/search\?/);
    expect(page.url()).not.toContain(child);
    expect(page.url()).toContain(`subject=${gw.app.subjectHash(child)}`);
    // every entry about the child, as the audit service counts them: one per request that read the
    // child (every kind read in it, in one entry), and the refusal
    const expected = await (await gw.app.audit.accessLogs({ idNumber: child }, { first: 200 })).totalCount();
    expect(expected).toBeGreaterThanOrEqual(3);
    await expect(page.locator('#total').textContent()).resolves.toContain(`共 ${expected} 条`);
    await expect(page.locator('table.entries tbody tr').count()).resolves.toBe(expected);
    await expect(page.locator('table.entries').textContent()).resolves.toContain('platform-zoucheng');
    await shot(page, 'search');

    // the search by a person is itself in the log, with the person's hash and not the number
    const searches = await gw.app.audit.accessLogs({ action: 'SEARCH_LOG' }, { first: 10 });
    expect(searches.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ actorSubject: 'auditor-li', actorRole: 'auditor', subjectHash: gw.app.subjectHash(child) }),
    ]);
    expect(JSON.stringify(searches.edges)).not.toContain(child);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a malformed ID number or date says which field is wrong', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console`);
    await page.getByLabel('身份证号 ID number').fill(`${child.slice(0, 17)}${child.endsWith('1') ? '2' : '1'}`);
    await page.getByLabel('起始时间 From').fill('2025-02-30');
    await page.getByLabel('截止时间 To').fill('yesterday');
    await page.getByRole('button', { name: /^检索/ }).click();
    const summary = page.locator('#error-summary');
    await expect(summary.textContent()).resolves.toMatch(/身份证号 ID number：.*校验码不符 fails its check digit/);
    await expect(summary.textContent()).resolves.toMatch(/起始时间 From.*YYYY-MM-DD/);
    await expect(summary.textContent()).resolves.toMatch(/截止时间 To.*YYYY-MM-DD/);
    // the summary takes the keyboard, and each field says it is the wrong one
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('error-summary');
    await expect(page.getByLabel('身份证号 ID number').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('起始时间 From').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('table.entries').count()).resolves.toBe(0);
    // the rejected number is not echoed back into the page
    await expect(page.content()).resolves.not.toContain(child.slice(0, 17));
    await shot(page, 'search-errors');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a person's timeline: who read the child's data, when and why", async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/search?subject=${gw.app.subjectHash(child)}&action=READ&outcome=ALLOWED`);
    await page.locator('table.entries tbody tr').first().getByRole('link', { name: /…/ }).click();
    await page.waitForURL(/\/console\/person\/[0-9a-f]{64}$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('谁在何时、为何读取了此人的数据');
    const rows = page.locator('table.entries tbody tr');
    // every entry naming the child, the auditor's own search included
    const expected = await (await gw.app.audit.accessLogs({ idNumber: child }, { first: 200 })).totalCount();
    await expect(rows.count()).resolves.toBe(expected);
    const text = await page.locator('table.entries').textContent();
    expect(text).toContain('platform-zoucheng');
    expect(text).toContain(applicationId);
    expect(text).toContain('statutory duty');
    expect(text).toContain('查询日志 search log');
    await shot(page, 'timeline');

    // one entry in full, by keyboard: Tab to the entry link and press Enter
    await page.locator('table.entries tbody tr').last().getByRole('link', { name: /entry/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/entry\//);
    await expect(page.locator('main').textContent()).resolves.toContain('条目内容与其哈希一致');
    await shot(page, 'entry');

    // the application the reads were made under
    await page.goto(`${gw.url}/console/application/${county}/${applicationId}`);
    await expect(page.locator('#members-h + table tbody tr').count()).resolves.toBe(2);
    // beside the reads, the record as registered: open, its school year, its three members by hash and kind
    const record = page.locator('#record-h ~ dl');
    await expect(record.textContent()).resolves.toMatch(/OPEN[\s\S]*School year[\s\S]*platform-zoucheng \(county_platform\)/);
    const members = await page.locator('table.record-members tbody tr').allTextContents();
    expect(members).toHaveLength(3);
    expect(members.some((m) => m.includes(gw.app.subjectHash(child).slice(0, 8)) && m.includes('Child'))).toBe(true);
    expect(members.filter((m) => m.includes('Guardian'))).toHaveLength(2);
    await expect(page.locator('main').textContent()).resolves.not.toContain(child);
    await shot(page, 'application');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports a search as CSV, streamed, and the export is recorded in the access log', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/search?subject=${gw.app.subjectHash(child)}&action=READ`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^access-log-\d{8}T\d{6}Z\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true); // spreadsheets read it as UTF-8
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'chainId,seq,at,action,requestId,actorSubject,actorRole,actorCounty,applicationId,countyCode,subjectHash,department,evidence,fields,outcome,source,reason,prevHash,hash',
    );
    const reads = await (await gw.app.audit.accessLogs({ idNumber: child, action: 'READ' }, { first: 200 })).totalCount();
    expect(lines).toHaveLength(1 + reads!);
    expect(lines.slice(1).every((l) => l.includes(gw.app.subjectHash(child)) && l.includes(',READ,'))).toBe(true);
    expect(csv).not.toContain(child);
    const exports = await gw.app.audit.accessLogs({ action: 'EXPORT_LOG' }, { first: 10 });
    expect(exports.edges).toHaveLength(1);
    expect(exports.edges[0]!.node).toMatchObject({ actorSubject: 'auditor-li', reason: expect.stringContaining('"action":"READ"') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('alerts: a caller refused again and again is listed', async () => {
    const token = await gw.token({ role: 'county_platform', county, sub: 'platform-prying' });
    for (let i = 0; i < 5; i++) {
      const r = await gw.graphql(
        PERSON_QUERY,
        { id: father, purpose: { applicationId: `APP-NOT-MINE-${i}`, countyCode: '370811' } },
        { token },
      );
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/alerts`);
    const denied = page.locator('#denied-h ~ table');
    await expect(denied.textContent()).resolves.toContain('platform-prying');
    await shot(page, 'alerts');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('alerts: the page and accessAlerts name the same caller whose reads keep finding nobody', async () => {
    const guesser = await gw.token({ role: 'county_platform', county, sub: 'platform-guessing' });
    await readGuessedFamilies(gw, guesser, county, 4);
    const auditor = await gw.token({ role: 'auditor', sub: 'auditor-alerts' });
    const api = await gw.graphql('{ accessAlerts { noRecord { caller { subject } unknownPeople } } }', {}, { token: auditor });
    expect(api.body.data.accessAlerts.noRecord).toEqual([{ caller: { subject: 'platform-guessing' }, unknownPeople: 12 }]);
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/alerts`);
    const rows = await page.locator('#norecord-h ~ table tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('platform-guessing');
    expect(rows[0]).toContain('12');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('flags a tampered chain on "verify now", down to the entry', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console/integrity`);
    await page.getByRole('button', { name: /立即校验/ }).click();
    await page.waitForURL(`${gw.url}/console/integrity`);
    await expect(page.locator('#integrity-verdict').textContent()).resolves.toContain('全部完整');
    // each chain shows its last signed checkpoint, and that the stored chain reaches it
    await expect(page.locator('td.checkpoint').first().textContent()).resolves.toMatch(/#\d+[\s\S]*key [0-9a-f]{16}[\s\S]*reached/);

    // someone with database access turns a denied read into an allowed one
    await gw.app.audit.sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
      await tx.query(`UPDATE access_log SET outcome = 'ALLOWED' WHERE seq = (SELECT min(seq) FROM access_log WHERE outcome = 'DENIED')`);
      await tx.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
    });
    await page.getByRole('button', { name: /立即校验/ }).click();
    await page.waitForURL(`${gw.url}/console/integrity`);
    const verdict = page.locator('#integrity-verdict');
    await expect(verdict.getAttribute('role')).resolves.toBe('alert');
    await expect(verdict.textContent()).resolves.toContain('发现篡改');
    await expect(page.locator('tr.broken').textContent()).resolves.toContain('does not match its hash');
    await shot(page, 'integrity-tampered');
    await page
      .locator('tr.broken')
      .getByRole('link', { name: /entry #/ })
      .click();
    await expect(page.locator('main .error').first().textContent()).resolves.toContain('条目内容与其哈希不一致');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard shortcuts move between views; sign-out ends the session', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/console`);
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.waitForURL(`${gw.url}/console/integrity`);
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.waitForURL(`${gw.url}/console/alerts`);
    await page.getByRole('button', { name: /退出/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${gw.url}/console/sign-in`);
    await page.goto(`${gw.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the audit store down: the console says so plainly instead of an empty table', async () => {
    const { page, errors } = await browser.open();
    await signIn(page);
    await page.waitForURL(`${gw.url}/console`);
    // the database goes away under the running gateway
    await gw.app.sql.close();
    const res = await page.goto(`${gw.url}/console/search?outcome=ALLOWED`);
    expect(res?.status()).toBe(503);
    await expect(page.locator('h1').textContent()).resolves.toContain('审计存储暂时无法访问');
    await expect(page.locator('table').count()).resolves.toBe(0);
    await shot(page, 'store-down');
    // a 503 document is itself reported by Chromium as a failed resource: that one, nothing else
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
    await page.close();
  });
});
