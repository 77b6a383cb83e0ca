// Each county decides on what basis its staff read a family's data (群众授权、后台调取):
// "statutory" - the county's statutory enrollment duty is the basis; "consent" - a read of a
// person needs a live consent (群众授权) for that application. src/auth/countyConsentPolicy.json
// holds the setting, checked once at start-up; a county it does not name is "statutory".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isJiningCounty } from '../codes/regions';

export type ReadBasisPolicy = 'statutory' | 'consent';
export const READ_BASIS_POLICIES: readonly ReadBasisPolicy[] = ['statutory', 'consent'];

export const DEFAULT_COUNTY_POLICY_PATH = fileURLToPath(new URL('./countyConsentPolicy.json', import.meta.url));

/** What the access log's reason says for an allowed county read on each basis. */
export const BASIS_REASON = {
  statutory: 'statutory duty',
  consent: 'consent',
} as const;

export class CountyPolicyError extends Error {}

export class CountyConsentPolicy {
  private readonly byCounty: ReadonlyMap<string, ReadBasisPolicy>;

  constructor(entries: Record<string, ReadBasisPolicy> = {}) {
    this.byCounty = new Map(Object.entries(entries));
  }

  /** The county's setting; "statutory" where the file does not name the county. */
  policyOf(countyCode: string): ReadBasisPolicy {
    return this.byCounty.get(countyCode) ?? 'statutory';
  }

  entries(): Record<string, ReadBasisPolicy> {
    return Object.fromEntries(this.byCounty);
  }
}

/** Checks a parsed policy file; throws one line naming the first thing wrong. */
export function parseCountyConsentPolicy(raw: unknown, source = 'county consent policy'): CountyConsentPolicy {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CountyPolicyError(`${source}: must be one JSON object mapping county codes to "statutory" or "consent"`);
  }
  const out: Record<string, ReadBasisPolicy> = {};
  for (const [county, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isJiningCounty(county)) throw new CountyPolicyError(`${source}: "${county}" is not a county-level region code of Jining`);
    if (typeof value !== 'string' || !(READ_BASIS_POLICIES as readonly string[]).includes(value)) {
      throw new CountyPolicyError(`${source}: county ${county} must be "statutory" or "consent"`);
    }
    out[county] = value as ReadBasisPolicy;
  }
  return new CountyConsentPolicy(out);
}

/** Reads and checks the policy file (start-up). */
export function loadCountyConsentPolicy(path = DEFAULT_COUNTY_POLICY_PATH): CountyConsentPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CountyPolicyError(`county consent policy: cannot read ${path}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CountyPolicyError(`county consent policy: ${path} is not valid JSON`);
  }
  return parseCountyConsentPolicy(raw, `county consent policy ${path}`);
}
