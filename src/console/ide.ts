// GET /graphql in a browser, outside production: GraphiQL (served from its npm package with
// React's UMD files; this machine has no CDN) with the operations in examples/ preloaded as
// tabs, and a panel that mints a development token from the development keys. In production
// none of it exists: the routes answer 404 like any unknown path.
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { App } from '../app';
import { devTokenSigner } from '../auth/devKeys';
import { viewerFromClaims } from '../auth/jwt';
import { COUNTY_ROLES, ROLES, type Role } from '../auth/viewer';
import { html } from './html';

export const IDE_BASE = '/graphql/ide';
/** examples/<name>.graphql (+ <name>.variables.json), read at each page load so new ones show at once */
export const EXAMPLES_DIR = new URL('../../examples/', import.meta.url).pathname;

const require = createRequire(import.meta.url);
/** The only files served: a fixed list, never a path from the request. */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'ide.js': { module: '', file: new URL('./static/ide.js', import.meta.url).pathname, type: 'text/javascript' },
  'ide.css': { module: '', file: new URL('./static/ide.css', import.meta.url).pathname, type: 'text/css' },
};

export interface Example {
  name: string;
  /** the role its header comment names, if any */
  role: Role | null;
  county: string | null;
  query: string;
  variables: string;
}

/** Every example operation, in name order; a folder that is missing or unreadable gives none. */
export function readExamples(dir = EXAMPLES_DIR): Example[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.graphql'));
  } catch {
    return [];
  }
  return names.sort().map((file) => {
    const name = file.slice(0, -'.graphql'.length);
    const query = readFileSync(join(dir, file), 'utf8');
    const header = query
      .split('\n')
      .filter((l, i, all) => l.startsWith('#') && all.slice(0, i).every((p) => p.startsWith('#')))
      .join('\n');
    const role = ROLES.find((r) => new RegExp(`\\b${r}\\b`).test(header)) ?? null;
    const county = /\b(3708\d\d)\b/.exec(header)?.[1] ?? null;
    let variables = '';
    try {
      variables = readFileSync(join(dir, `${name}.variables.json`), 'utf8');
    } catch {
      // an operation without variables
    }
    return { name, role, county, query, variables };
  });
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface Ide {
  /** answers GET /graphql (HTML) and /graphql/ide/*; false when the request is not the IDE's */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function createIde(app: App): Ide | undefined {
  if (app.config.production) return undefined;
  // tokens from the development keys are accepted only when no identity platform is configured
  const devKeys = !app.config.jwt.jwksUrl && !app.config.jwt.publicKeyPem;
  const signer = devKeys ? devTokenSigner(app.config.dataDir, app.config.jwt) : undefined;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  async function mint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || new URL(origin).host !== req.headers.host)
      return json(res, 403, { error: 'Mint tokens from the IDE page itself.' });
    if (!signer)
      return json(res, 409, {
        error: 'This gateway trusts an identity platform (JWKS_URL or JWT_PUBLIC_KEY): development tokens would be refused.',
      });
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    let body: { role?: unknown; county?: unknown; idNumber?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return json(res, 400, { error: 'The body is not JSON.', field: null });
    }
    const role = typeof body.role === 'string' ? body.role : '';
    if (!(ROLES as readonly string[]).includes(role))
      return json(res, 400, { error: `role must be one of ${ROLES.join(', ')}.`, field: 'role' });
    // a county only on a county role's token, an ID number only on an applicant's (as the gateway reads them)
    const county =
      COUNTY_ROLES.includes(role as Role) && typeof body.county === 'string' && body.county.trim() ? body.county.trim() : undefined;
    const idNumber = role === 'applicant' && typeof body.idNumber === 'string' && body.idNumber.trim() ? body.idNumber.trim() : undefined;
    // the same checks the gateway makes on every token, said before the token is made
    try {
      viewerFromClaims({ sub: 'ide', role, county, idNumber });
    } catch {
      if (COUNTY_ROLES.includes(role as Role))
        return json(res, 400, { error: `${role} needs a Jining county code, such as 370811.`, field: 'county' });
      if (role === 'applicant') return json(res, 400, { error: 'applicant needs a valid ID number.', field: 'idNumber' });
      return json(res, 400, { error: 'These claims would not verify.', field: null });
    }
    const sign = await signer;
    const token = await sign({ role, county, idNumber }, { sub: `ide-${role}${county ? `-${county}` : ''}`, ttl: '1h' });
    app.logger.info({ role }, 'development token minted from the IDE');
    return json(res, 200, { token, role, county: county ?? null, expiresInSeconds: 3600 });
  }

  return {
    async handle(req, res, url) {
      const method = req.method ?? 'GET';
      if (url.pathname === '/graphql') {
        const accept = String(req.headers.accept ?? '');
        if (method !== 'GET' || !accept.includes('text/html') || url.search !== '') return false;
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        res.end(idePage().value);
        return true;
      }
      if (!url.pathname.startsWith(`${IDE_BASE}/`)) return false;
      const name = url.pathname.slice(IDE_BASE.length + 1);
      if (name === 'token' && method === 'POST') {
        await mint(req, res);
        return true;
      }
      if (name === 'examples.json' && method === 'GET') {
        json(res, 200, { examples: readExamples(), roles: ROLES, countyRoles: COUNTY_ROLES, devKeys });
        return true;
      }
      const asset = ASSETS[name];
      if (!asset || method !== 'GET') return false;
      let body: Buffer;
      try {
        // through package.json: react's "exports" does not list its UMD files
        body = readFileSync(asset.module ? join(dirname(require.resolve(`${asset.module}/package.json`)), asset.file) : asset.file);
      } catch {
        json(res, 404, { error: `${asset.module} is not installed: run npm ci (it is a development dependency).` });
        return true;
      }
      res.writeHead(200, {
        'content-type': `${asset.type}; charset=utf-8`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'max-age=3600',
      });
      res.end(body);
      return true;
    },
  };
}

function idePage() {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>GraphQL IDE · 济宁入学数据网关（开发环境 development）</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${IDE_BASE}/graphiql.css" />
        <link rel="stylesheet" href="${IDE_BASE}/ide.css" />
        <script src="${IDE_BASE}/react.js" defer></script>
        <script src="${IDE_BASE}/react-dom.js" defer></script>
        <script src="${IDE_BASE}/graphiql.js" defer></script>
        <script src="${IDE_BASE}/ide.js" defer></script>
      </head>
      <body>
        <form id="minter" class="minter" aria-label="签发开发令牌 Mint a development token">
          <strong>开发环境 Development</strong>
          <label for="m-example">示例 Example</label>
          <select id="m-example"></select>
          <label for="m-role">角色 Role</label>
          <select id="m-role"></select>
          <label for="m-county">县区 County</label>
          <input id="m-county" size="7" maxlength="6" inputmode="numeric" value="370811" />
          <label for="m-id">身份证号 ID (applicant)</label>
          <input id="m-id" size="19" maxlength="18" autocomplete="off" />
          <button type="submit">签发令牌 Mint token</button>
          <output id="m-status" role="status" aria-live="polite"></output>
        </form>
        <div id="graphiql" class="graphiql-host"></div>
      </body>
    </html>`;
}
