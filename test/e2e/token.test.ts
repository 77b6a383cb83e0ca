// `npm run token` as a developer types it. Every token it prints is one the gateway accepts
// (checked with the gateway's own verifier); everything else is one line on stderr naming the
// flag, exit 2, and nothing on stdout: never a stack trace, never a token the gateway refuses.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../src/auth/devKeys';
import { createTokenVerifier } from '../../src/auth/jwt';
import { loadConfig } from '../../src/config';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { ROOT, TSX } from '../support/process';

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gateway-token-'));
  await ensureDevKeys(dataDir); // as npm start leaves them; the runs below then share one key
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const token = (...args: string[]) => run(TSX, ['scripts/token.ts', ...args]);

async function gatewayAccepts(jwt: string) {
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
  const verifier = await createTokenVerifier(config.jwt, (await ensureDevKeys(dataDir)).publicKeyPem);
  return verifier.verify(jwt);
}

const parent = buildBuiltinDataset().scenarios[0]!.guardians[0]!.idNumber;

describe.concurrent('refused: one line naming the flag, exit 2, nothing on stdout', () => {
  it.each([
    [['--role', 'county_platform'], /^npm run token: --county: missing claim county \(required for county_platform\)$/],
    [['--role', 'school_reviewer', '--county', '3708'], /^npm run token: --county: county is not a county code of Jining$/],
    [['--role', 'help_desk', '--county', '110101'], /^npm run token: --county: county is not a county code of Jining$/],
    [['--role', 'applicant'], /^npm run token: --id-number: missing claim idNumber \(required for applicant\)$/],
    [
      ['--role', 'applicant', '--id-number', '370811201903150010'],
      /^npm run token: --id-number: idNumber is not a valid resident ID number$/,
    ],
    [['--role', 'superuser'], /^npm run token: --role must be one of county_platform, .*, admin$/],
    [[], /^npm run token: --role is required: one of county_platform, .*$/],
    [['--role', 'admin', '--ttl', '5x'], /^npm run token: --ttl must be a duration such as 30m, 1h or 8h$/],
    // the gateway refuses tokens valid for longer than JWT_MAX_LIFETIME_SEC (12 h by default)
    [['--role', 'admin', '--ttl', '13h'], /^npm run token: --ttl must be at most 12h \(JWT_MAX_LIFETIME_SEC\)$/],
    [['--role', 'admin', '--ttl', '7d'], /^npm run token: --ttl must be at most 12h \(JWT_MAX_LIFETIME_SEC\)$/],
    [['--role', 'admin', '--sub', 'evil\u202egnp.exe'], /^npm run token: --sub: missing or unprintable subject \(sub\)$/],
    [['--role', 'admin', '--ttl=-1h'], /^npm run token: --ttl must be a duration in the future, such as 1h$/],
    [['--role', 'admin', '--colour', 'red'], /^npm run token: Unknown option '--colour' \(--help for usage\)$/],
    [['--role'], /^npm run token: Option '--role <value>' argument missing \(--help for usage\)$/],
    [['--role', 'admin', 'extra'], /^npm run token: .*'extra'.* \(--help for usage\)$/],
  ])('%j', async (args, line) => {
    const r = await token(...args);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
    // an ID number given on the command line is never repeated back
    expect(r.stderr).not.toContain('370811201903150010');
  });

  it('with JWT_PUBLIC_KEY set the gateway would not trust the development key: refused', async () => {
    const r = await token('--role', 'admin');
    expect(r.status).toBe(0);
    const pem = (await ensureDevKeys(dataDir)).publicKeyPem;
    const other = await run(TSX, ['scripts/token.ts', '--role', 'admin'], { JWT_PUBLIC_KEY: pem });
    expect(other).toEqual({ status: 2, stdout: '', stderr: expect.stringMatching(/^npm run token: JWT_PUBLIC_KEY is set: .*\n$/) });
  });

  it('in production: refused', async () => {
    const r = await run(TSX, ['scripts/token.ts', '--role', 'admin'], { NODE_ENV: 'production' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe.concurrent('accepted: one token on stdout that the gateway accepts', () => {
  it.each([
    [
      'a county platform',
      ['--role', 'county_platform', '--county', '370811'],
      { role: 'county_platform', county: '370811', idNumber: null },
    ],
    [
      'a school reviewer for 30 minutes',
      ['--role', 'school_reviewer', '--county', '370828', '--ttl', '30m'],
      { role: 'school_reviewer', county: '370828', idNumber: null },
    ],
    [
      'an applicant (a built-in parent)',
      ['--role', 'applicant', '--id-number', parent],
      { role: 'applicant', county: null, idNumber: parent },
    ],
    [
      'an auditor with a subject',
      ['--role', 'auditor', '--sub', 'auditor-7'],
      { role: 'auditor', county: null, idNumber: null, sub: 'auditor-7' },
    ],
    ['an admin for 12 hours, the longest allowed', ['--role', 'admin', '--ttl', '12h'], { role: 'admin', county: null, idNumber: null }],
  ] as const)('%s', async (_label, args, viewer) => {
    const r = await token(...args);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await gatewayAccepts(r.stdout.trim())).toMatchObject(viewer);
  });

  it('a flag the role does not use: the token, and a note that it is ignored', async () => {
    const r = await token('--role', 'auditor', '--county', '370811');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('npm run token: note: --county is ignored for auditor\n');
    expect(await gatewayAccepts(r.stdout.trim())).toMatchObject({ role: 'auditor', county: null });
  });
});

describe('--help', () => {
  it('npm run token -- --help: the usage on stdout, every role and flag named, exit 0', async () => {
    const r = await run('npm', ['run', '-s', 'token', '--', '--help']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: npm run token -- --role ROLE/);
    for (const word of ['county_platform', 'applicant', 'admin', '--county', '--id-number', '--sub', '--ttl', '370811']) {
      expect(r.stdout).toContain(word);
    }
  });
});
