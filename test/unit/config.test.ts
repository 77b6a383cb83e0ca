// Configuration as an operator meets it: sensible defaults on a bare environment, one line
// naming the variable when a value is wrong, and production refusing to fall back silently.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { ConfigError, loadConfig } from '../../src/config';
import { ensureDevSecrets } from '../../src/devSecrets';

/** A production environment that starts: every setting given, none of them a development one. */
const PRODUCTION: Record<string, string> = {
  NODE_ENV: 'production',
  DEPARTMENT_APP_KEY: 'gw',
  JWKS_URL: 'https://idp.example/jwks',
  SUBJECT_HASH_KEY: 'k',
  DATABASE_URL: 'postgres://db/x',
  AUDIT_SIGNING_KEY: '/etc/gateway/audit-signing-key.pem',
  ...Object.fromEntries(
    ['POLICE', 'CIVIL_AFFAIRS', 'HUMAN_RESOURCES', 'NATURAL_RESOURCES', 'HOUSING', 'HEALTH', 'MARKET_REGULATION'].flatMap((p) => [
      [`${p}_URL`, `https://${p.toLowerCase()}.example`],
      [`${p}_APP_SECRET`, 's'],
    ]),
  ),
};

describe('loadConfig', () => {
  it('starts on embedded defaults with no environment at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.redisUrl).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(c.mock.enabled).toBe(true);
    expect(c.departments.police.baseUrl).toBe('http://127.0.0.1:4010/police');
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.cacheCommandTimeoutMs).toBe(250);
  });

  it('points the departments at another mock port', () => {
    expect(loadConfig({ MOCK_PORT: '5010' }).departments.health.baseUrl).toBe('http://127.0.0.1:5010/health');
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['CACHE_COMMAND_TIMEOUT_MS', '5', /CACHE_COMMAND_TIMEOUT_MS must be a whole number from 10/],
    ['REDIS_URL', 'not a url', /REDIS_URL is not a URL/],
    ['POLICE_TIMEOUT_MS', '-1', /POLICE_TIMEOUT_MS/],
  ])('%s=%s is refused with a line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('production refuses development fallbacks, one missing setting at a time', () => {
    const full: Record<string, string> = PRODUCTION;
    const c = loadConfig(full);
    expect(c.production).toBe(true);
    expect(c.mock.enabled).toBe(false);
    for (const missing of [
      'HEALTH_URL',
      'HEALTH_APP_SECRET',
      'JWKS_URL',
      'SUBJECT_HASH_KEY',
      'DATABASE_URL',
      'DEPARTMENT_APP_KEY',
      'AUDIT_SIGNING_KEY',
    ]) {
      const env = { ...full };
      delete env[missing];
      expect(() => loadConfig(env), missing).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...full, REDIS_URL: 'redis://r:6379' })).toThrow(/CACHE_ENCRYPTION_KEY/);
  });

  it('JWT_MAX_LIFETIME_SEC: 12 h unless set, and refused outside 1 minute to 7 days', () => {
    expect(loadConfig({}).jwt.maxLifetimeSec).toBe(12 * 3600);
    expect(loadConfig({ JWT_MAX_LIFETIME_SEC: '3600' }).jwt.maxLifetimeSec).toBe(3600);
    for (const bad of ['0', '59', '604801', '12h']) expect(() => loadConfig({ JWT_MAX_LIFETIME_SEC: bad })).toThrow(/JWT_MAX_LIFETIME_SEC/);
  });
});

describe('production refuses development secrets', () => {
  it.each([
    ['the development app key', { DEPARTMENT_APP_KEY: DEV_APP_KEY }, /^DEPARTMENT_APP_KEY is the development app key/],
    [
      "a department's development secret",
      { HOUSING_APP_SECRET: devDepartmentSecret('housing') },
      /^HOUSING_APP_SECRET is the development secret/,
    ],
  ])('%s: refused, with no opt-out', (_label, over, message) => {
    expect(() => loadConfig({ ...PRODUCTION, ...over })).toThrow(message);
    expect(() => loadConfig({ ...PRODUCTION, ...over, ALLOW_HTTP_ON_INTERNAL_NETWORK: '1' })).toThrow(message);
  });

  it('the subject hash or cache key a development gateway left in DATA_DIR: refused', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'config-dev-secrets-'));
    try {
      const dev = ensureDevSecrets(dataDir);
      const env = { ...PRODUCTION, DATA_DIR: dataDir };
      expect(loadConfig(env).production).toBe(true);
      expect(() => loadConfig({ ...env, SUBJECT_HASH_KEY: dev.subjectHashKey })).toThrow(/^SUBJECT_HASH_KEY is the development key/);
      expect(() => loadConfig({ ...env, REDIS_URL: 'redis://r:6379', CACHE_ENCRYPTION_KEY: dev.cacheEncryptionKey })).toThrow(
        /^CACHE_ENCRYPTION_KEY is the development key/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('production refuses http:// for the identity keys and the departments', () => {
  it.each([
    ['JWKS_URL', 'http://idp.internal/jwks'],
    ['POLICE_URL', 'http://police.internal'],
    ['HEALTH_URL', 'HTTP://health.internal'],
  ])('%s=%s: refused, naming the setting', (name, value) => {
    expect(() => loadConfig({ ...PRODUCTION, [name]: value })).toThrow(new RegExp(`^${name} is http://: production needs https://`));
  });

  it('all of them named in one line', () => {
    expect(() => loadConfig({ ...PRODUCTION, JWKS_URL: 'http://a', POLICE_URL: 'http://b' })).toThrow(/^JWKS_URL, POLICE_URL are http:/);
  });

  it('ALLOW_HTTP_ON_INTERNAL_NETWORK=1: started, and the settings it let through are listed for the warning', () => {
    const c = loadConfig({ ...PRODUCTION, POLICE_URL: 'http://police.internal', ALLOW_HTTP_ON_INTERNAL_NETWORK: '1' });
    expect(c.plainHttpSettings).toEqual(['POLICE_URL']);
    expect(loadConfig(PRODUCTION).plainHttpSettings).toEqual([]);
    expect(() => loadConfig({ ...PRODUCTION, POLICE_URL: 'http://p', ALLOW_HTTP_ON_INTERNAL_NETWORK: 'yes please' })).toThrow(/POLICE_URL/);
  });

  it('development keeps http:// (the mock departments)', () => {
    expect(loadConfig({}).plainHttpSettings).toEqual([]);
  });
});
