// Configuration as an operator meets it: sensible defaults on a bare environment, one line
// naming the variable when a value is wrong, and production refusing to fall back silently.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

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
    const full: Record<string, string> = {
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
});
