// `npm run bench -- --profile`: a --cpu-prof of the compiled gateway under 50 clients cold and
// under 32 clients warm, its self time grouped by what the code is for (access log,
// authorization, cache sealing, department HTTP, payload validation, GraphQL execution, JSON,
// GC, …). Frames in dist/ are mapped back to their source files through esbuild's source maps.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { RESULTS_DIR, ROOT, round } from '../common';
import { familyRequests, load, log, ourGateway, row, save, stop, take, warmUp, type Plan } from '../harness';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface Profile {
  nodes: { id: number; children?: number[]; callFrame: Frame }[];
  samples: number[];
  timeDeltas: number[];
}

/** What a frame's code is for, first match wins (source path after mapping, or package). */
const CATEGORIES: [string, RegExp][] = [
  ['GC', /^\(garbage collector\)/],
  ['idle', /^\(idle\)/],
  ['access log (src/audit, pg driver)', /\/src\/audit\/|\/src\/db\/|node_modules\/(pg|pg-protocol|pg-pool|@electric-sql)\//],
  ['authorization + masking (src/auth, graphql-shield, graphql-middleware)', /\/src\/auth\/|graphql-shield|graphql-middleware/],
  [
    'cache + sealing (src/evidence/cache, ioredis, AES-GCM)',
    /\/src\/evidence\/cache\/|node_modules\/(ioredis|@ioredis|redis-parser|lru-cache)\/|internal\/crypto\/cipher/,
  ],
  ['hashing and signing (HMAC, SHA-256)', /internal\/crypto\/(hash|keys|hkdf)|\/connectors\/signing/],
  ['department payload validation (ajv)', /node_modules\/ajv\/|\/connectors\/openapi/],
  ['department HTTP (connectors, node http client)', /\/connectors\/|node:_http_(client|agent)|internal\/http/],
  ['evidence layer (loaders, dataloader)', /\/src\/evidence\/|node_modules\/dataloader\//],
  ['verification rules', /\/src\/verification\//],
  ['GraphQL parse + validate + execute (graphql-js, tools)', /node_modules\/(graphql|@graphql-tools|@escape\.tech)\//],
  ['Apollo Server', /node_modules\/@apollo\//],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|fast-redact|thread-stream)/],
  ['resolvers and schema', /\/resolvers\/|\/src\/schema/],
  [
    'HTTP server and sockets (node)',
    /node:(_http_server|_http_common|_http_outgoing|net|stream|internal\/stream)|internal\/(streams|net)|node:events/,
  ],
  ['request handling (src/server, context, observability, resilience)', /\/src\/(server|context|app|errors|observability\/|resilience\/)/],
  ['other gateway code (src/)', /^\/src\//],
  ['(program) native and runtime', /^\(program\)/],
];

const maps = new Map<string, SourceMap | null>();
/** The source file and line of a frame (through the source map for code in dist/). */
function sourceOf(f: Frame): { file: string; line: number } {
  // only our build's (packages' own dist/ folders carry maps to sources of theirs)
  if (!f.url.startsWith(`file://${ROOT}dist/`)) return { file: f.url.replace(`file://${ROOT}`, '/'), line: f.lineNumber + 1 };
  const path = f.url.replace(/^file:\/\//, '');
  if (!maps.has(path)) {
    try {
      maps.set(path, new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))));
    } catch {
      maps.set(path, null);
    }
  }
  const e = maps.get(path)?.findEntry(f.lineNumber, f.columnNumber);
  return e && 'originalSource' in e
    ? { file: `/${e.originalSource.replace(/^(\.\.\/)+/, '')}`, line: e.originalLine + 1 }
    : { file: f.url, line: f.lineNumber + 1 };
}

function categoryOf(f: Frame, file: string): string | undefined {
  const subject = f.functionName.startsWith('(') ? f.functionName : file;
  return CATEGORIES.find(([, re]) => re.test(subject))?.[0];
}

export function categorize(prof: Profile, skipUs: number) {
  const byNode = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const fns = new Map<string, number>();
  let at = 0;
  let busy = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    at += dt;
    if (at < skipUs) return;
    const f = byNode.get(id)!;
    const src = sourceOf(f);
    // a native frame (no script: a string or socket write, a microtask run) and node's own
    // internals count for the nearest code of ours or of a package that called them (the pg
    // driver's socket writes are the access log's); node's category when nothing did
    let cat = f.url.startsWith('node:') || !f.url ? undefined : categoryOf(f, src.file);
    if (f.functionName.startsWith('(')) cat = categoryOf(f, src.file);
    let nodeCat = f.url.startsWith('node:') ? categoryOf(f, src.file) : undefined;
    for (let n = parent.get(id); !cat && !f.functionName.startsWith('(') && n !== undefined; n = parent.get(n)) {
      const pf = byNode.get(n)!;
      if (!pf.url) continue;
      const pfile = sourceOf(pf).file;
      if (pf.url.startsWith('node:')) nodeCat ??= categoryOf(pf, pfile);
      else cat = categoryOf(pf, pfile) ?? `other (${pfile.replace(/^.*node_modules\//, '').split('/')[0]})`;
    }
    cat ??= nodeCat;
    cat ??= `other (${src.file.replace(/^.*node_modules\//, '').split('/')[0] || 'native'})`;
    if (cat === 'idle') return;
    busy += dt;
    self.set(cat, (self.get(cat) ?? 0) + dt);
    const fk = `${f.functionName || '(anonymous)'} ${src.file.replace(/^.*node_modules\//, '')}:${src.line}`;
    fns.set(fk, (fns.get(fk) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: round(us / 1000, 0), share: round(us / busy, 3) }));
  return { busyMs: round(busy / 1000, 0), categories: top(self, 20), functions: top(fns, 15) };
}

async function profiled(
  label: string,
  prepare: (url: string) => Promise<Plan['requests']>,
  connections: number,
): Promise<ReturnType<typeof categorize> | undefined> {
  const dir = join(RESULTS_DIR, 'profile', label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const g = await ourGateway(`profile-${label}`, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const requests = await prepare(g.url);
  const loadStart = process.hrtime.bigint();
  await load(g, connections, requests, undefined, `profile ${label}`);
  await stop(g, 60_000);
  // from the load run's start to the profile's end (the process exits): start-up and warm-up are not in it
  const windowUs = Number(process.hrtime.bigint() - loadStart) / 1e3;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  if (!file) return void log('  no profile written');
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile & { startTime: number; endTime: number };
  return categorize(prof, Math.max(0, prof.endTime - prof.startTime - windowUs));
}

export async function run(): Promise<void> {
  log('profile: --cpu-prof of the gateway, cold 50 clients and warm 32 clients');
  const cold = await profiled('cold', () => familyRequests(take(1100), false), 50);
  const warmFamilies = take(200);
  const warm = await profiled(
    'warm',
    async (url) => {
      await warmUp({ url } as never, warmFamilies);
      return familyRequests(warmFamilies, false);
    },
    32,
  );
  for (const [label, p] of [
    ['cold 50 clients', cold],
    ['warm 32 clients', warm],
  ] as const) {
    if (!p) continue;
    row(
      'profile',
      `${label}: self time by module`,
      p.categories
        .slice(0, 8)
        .map((c) => `${c.name.replace(/ \(.*$/, '')} ${round(c.share * 100, 0)}%`)
        .join(', '),
      '',
      undefined,
    );
  }
  save('profile', { cold, warm });
}
