// Shared by the benchmark runner and its child processes: spawning, readiness, tokens,
// GraphQL bodies, department stats, memory readings and a little arithmetic.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { devTokenSigner } from '../src/auth/devKeys';
import { loadConfig } from '../src/config';
import { applicationInputOf, type Scenario } from '../mocks/data/families';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** Cohort size and seed the mocks serve in every scenario (the cohort run uses all of it). */
export const COHORT_FAMILIES = Number(process.env.BENCH_COHORT ?? 20_000);
export const COHORT_SEED = 20260701;

// ---------------------------------------------------------------- queries
const PROVENANCE = 'provenance { department retrievedAt fromCache }';
export const ALL_EVIDENCE_FIELDS = `
  idNumber
  household { idNumber name gender birthDate ethnicity nativePlace regionCode regionName address issuingAuthority householdType householdNumber headOfHouseholdName relationToHeadCode relationToHeadName ${PROVENANCE} }
  residencePermits { idNumber name gender ethnicity registeredResidence currentAddress issuingAuthority validFrom validUntil regionCode ${PROVENANCE} }
  properties { holderName holderIdNumber certificateNumber rightType rightNature registeredOn regionCode location usage status coOwnership { mode coOwners { name idNumber share } } ${PROVENANCE} }
  purchaseContracts { contractNumber buyerName buyerIdNumber coOwnership { mode coOwners { name idNumber share } } signedAt agreedDeliveryDate regionCode location plannedUsage ${PROVENANCE} }
  leaseFilings { filingNumber lessorName lessorIdNumber lesseeName lesseeIdNumber regionCode location propertyCertificateNumber leaseStart leaseEnd ${PROVENANCE} }
  subsidizedHousing { regionCode address members { relationToPrimaryApplicant name idNumber } contractStatus reviewStatus contractStart subsidyType contractEnd applicationCertificateNumber ${PROVENANCE} }
  individualBusinesses { operatorName operatorIdNumber creditCode establishedOn businessAddress regionCode ${PROVENANCE} }
  enterprises { enterpriseName creditCode licenseName legalRepresentativeName registeredOn registeredAddress regionCode ${PROVENANCE} }
  socialInsurance { idNumber name employerName period insuranceType regionCode ${PROVENANCE} }
  marriages { husbandIdNumber husbandName wifeIdNumber wifeName registeredOn status ${PROVENANCE} }
  birthCertificates { certificateNumber childName birthDate fatherName fatherIdNumber motherName motherIdNumber ${PROVENANCE} }
`;
export const PEOPLE_QUERY = `query Family($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } }`;
export const VERIFY_APPLICATION = `query Verify($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId category zeroProof ageEligible checks { name status department detail } missingEvidence } }`;

export function familyIds(s: Scenario): string[] {
  return [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)];
}

export function peopleBody(ids: string[], countyCode: string, applicationId: string): string {
  return JSON.stringify({ query: PEOPLE_QUERY, variables: { ids, purpose: { applicationId, countyCode } } });
}

/**
 * A family's one application (registered by the harness before any read: a county reads only
 * members of its own registered applications), the same id in every scenario and run.
 */
export const applicationIdOf = (s: Scenario): string => `BENCH-${s.key}`;

/** The family query for a family, under its registered application. */
export const familyBody = (s: Scenario): string => peopleBody(familyIds(s), s.countyCode, applicationIdOf(s));

/**
 * Some people of several families in one request: one aliased `people` field per family, each
 * under that family's application (as a county platform asks for people of several applications).
 */
export function groupBody(parts: { s: Scenario; ids: string[] }[]): string {
  const declarations = parts.map((_, i) => `$ids${i}: [String!]!, $purpose${i}: Purpose!`).join(', ');
  // the selection once, as a fragment: written out per field, 17 families' worth is past the token limit
  const fields = parts.map((_, i) => `f${i}: people(idNumbers: $ids${i}, purpose: $purpose${i}) { ...Evidence }`).join(' ');
  const variables: Record<string, unknown> = {};
  parts.forEach(({ s, ids }, i) => {
    variables[`ids${i}`] = ids;
    variables[`purpose${i}`] = { applicationId: applicationIdOf(s), countyCode: s.countyCode };
  });
  return JSON.stringify({
    query: `query Group(${declarations}) { ${fields} } fragment Evidence on Person { ${ALL_EVIDENCE_FIELDS} }`,
    variables,
  });
}

export function verifyBody(s: Scenario, applicationId: string): string {
  return JSON.stringify({
    query: VERIFY_APPLICATION,
    variables: { input: applicationInputOf(s, applicationId) },
  });
}

// ---------------------------------------------------------------- tokens
export class TokenMint {
  private readonly cache = new Map<string, string>();
  private constructor(private readonly sign: Awaited<ReturnType<typeof devTokenSigner>>) {}

  static async open(dataDir: string): Promise<TokenMint> {
    return new TokenMint(await devTokenSigner(dataDir, loadConfig().jwt));
  }

  /** A county platform's token for one county (cached: one subject per county). */
  async county(countyCode: string): Promise<string> {
    let t = this.cache.get(countyCode);
    if (!t) {
      t = await this.sign({ role: 'county_platform', county: countyCode }, { sub: `bench-platform-${countyCode}`, ttl: '2h' });
      this.cache.set(countyCode, t);
    }
    return t;
  }
}

// ---------------------------------------------------------------- processes
export interface Child {
  proc: ChildProcess;
  pid: number;
  url: string;
  /** SIGINT, then SIGKILL after graceMs (default 8 s) */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` (the real process, not a tsx wrapper, so its pid is the
 * one whose memory we read; a `.js` script runs without the loader) and waits for `ready <url>`
 * on stdout, or for a health URL (`readyPath`, default /healthz).
 */
export async function startChild(
  script: string,
  env: Record<string, string | undefined>,
  opts: { readyUrl?: string; readyPath?: string; nodeArgs?: string[]; args?: string[]; quietStdout?: boolean; timeoutMs?: number } = {},
): Promise<Child> {
  const loader = /\.[cm]?js$/.test(script) ? [] : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, script, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', opts.quietStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const timeoutMs = opts.timeoutMs ?? 60_000;

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready: ${stderr.trim().split('\n').slice(-6).join(' | ')}`));
    });
    if (opts.readyUrl) {
      const readyUrl = opts.readyUrl;
      const poll = async () => {
        try {
          const r = await fetch(`${readyUrl}${opts.readyPath ?? '/healthz'}`);
          if (r.ok) {
            clearTimeout(timer);
            return resolve(readyUrl);
          }
        } catch {
          /* not yet */
        }
        setTimeout(() => void poll(), 150);
      };
      void poll();
    } else {
      let buf = '';
      proc.stdout?.on('data', (c: Buffer) => {
        buf += c.toString();
        const m = /^ready (\S+)/m.exec(buf);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    }
  });
  proc.stdout?.resume();
  return {
    proc,
    pid: proc.pid!,
    url,
    async stop(graceMs = 8000) {
      if (proc.exitCode !== null) return;
      proc.kill('SIGINT');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/** VmHWM (peak) and VmRSS (now) of a process, in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { peakMb: NaN, rssMb: NaN };
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------- mocks
export type Stats = Record<string, { requests: number; ids: number }>;

export async function mockStats(mockUrl: string): Promise<Stats> {
  return (await (await fetch(`${mockUrl}/__mock/stats`)).json()) as Stats;
}
export async function mockReset(mockUrl: string): Promise<void> {
  await fetch(`${mockUrl}/__mock/reset`, { method: 'POST' });
}
export function totalCalls(s: Stats): number {
  return Object.values(s).reduce((a, d) => a + d.requests, 0);
}

// ---------------------------------------------------------------- HTTP
export async function postGraphql(
  url: string,
  body: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any }> {
  const r = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text.slice(0, 200) };
  }
  return { status: r.status, json };
}

/** The distinct error codes of a GraphQL answer (empty when it has none). */
export function errorCodes(json: any): string[] {
  return [...new Set<string>((json?.errors ?? []).map((e: any) => String(e?.extensions?.code ?? e?.message ?? '?')))];
}

// ---------------------------------------------------------------- arithmetic
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
export const round = (n: number, d = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);
