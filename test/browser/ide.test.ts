// The development GraphQL IDE in Chromium: GraphiQL loads from the gateway itself (no CDN),
// with examples/ as tabs, a development token minted from the page, and a query run with it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExamples } from '../../src/console/ide';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { DATABASE_URL, isolationName, startTestGateway, type TestGateway } from '../support/gateway';

describe('examples/ as the IDE reads them', () => {
  it('names each operation, the role its header comment gives, and its variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'examples-'));
    try {
      writeFileSync(join(dir, 'family.graphql'), '# role: county_platform (county 370883)\n# a family\nquery F { __typename }\n');
      writeFileSync(join(dir, 'family.variables.json'), '{ "ids": [] }\n');
      writeFileSync(
        join(dir, 'audit.graphql'),
        '# An auditor reads the log.\nquery A { __typename }\n# auditor-looking text after the header is not the role: admin\n',
      );
      writeFileSync(join(dir, 'README.md'), 'not an operation');
      expect(readExamples(dir)).toEqual([
        { name: 'audit', role: 'auditor', county: null, query: expect.stringContaining('query A'), variables: '' },
        {
          name: 'family',
          role: 'county_platform',
          county: '370883',
          query: expect.stringContaining('query F'),
          variables: '{ "ids": [] }\n',
        },
      ]);
      expect(readExamples(join(dir, 'missing'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the GraphQL IDE in Chromium (development)', () => {
  let gw: TestGateway;
  let browser: TestBrowser;
  beforeAll(async () => {
    gw = await startTestGateway({ isolation: isolationName('ide'), env: { DATABASE_URL } });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('loads GraphiQL from the gateway, mints an auditor token from the page, without a console error (the token is used in test/integration/console.signin.test.ts)', async () => {
    const { page, errors } = await browser.open();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(gw.url) && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(`${gw.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await expect(page.locator('#m-status').textContent()).resolves.toMatch(/当前令牌 Token: /);
    // as many tabs as examples/ holds (at least the default one)
    const examples = readExamples();
    await expect(page.locator('.graphiql-tab').count()).resolves.toBe(examples.length > 1 ? examples.length : 0);

    await page.getByLabel('角色 Role').selectOption('auditor');
    await page.getByRole('button', { name: /签发令牌/ }).click();
    await page.waitForFunction(() => /auditor/.test(String((globalThis as any).document.getElementById('m-status')?.textContent)));
    await expect(page.evaluate('localStorage.length')).resolves.toBe(0);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    if (process.env.CONSOLE_SCREENSHOTS === '1') await page.screenshot({ path: join(__dirname, '../../docs/console/graphql-ide.png') });
    await page.close();
  }, 60_000); // a megabyte of GraphiQL to load and a token to mint first: slow on a loaded machine

  it('a county role without a county: the minter says which field, and keeps no token', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${gw.url}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByLabel('角色 Role').selectOption('county_platform');
    await page.getByLabel('县区 County').fill('');
    await page.getByRole('button', { name: /签发令牌/ }).click();
    await page.waitForFunction(() => /county code/.test(String((globalThis as any).document.getElementById('m-status')?.textContent)));
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('m-county');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });
});
