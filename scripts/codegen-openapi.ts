// Generates connectors/<department>/api.generated.ts from each openapi.yaml, so a connector's
// types are the department's published API. `--check` fails when a generated file is stale.
import { readdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../connectors/', import.meta.url).pathname;
const check = process.argv.includes('--check');
let stale = 0;

for (const dir of readdirSync(root, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const spec = join(root, dir.name, 'openapi.yaml');
  if (!existsSync(spec)) continue;
  const ast = await openapiTS(new URL(`file://${spec}`));
  const out = join(root, dir.name, 'api.generated.ts');
  const text = `// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.\n${astToString(ast)}`;
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`stale: connectors/${dir.name}/api.generated.ts (run npm run codegen)`);
    stale++;
  } else {
    writeFileSync(out, text);
    console.log(`wrote connectors/${dir.name}/api.generated.ts`);
  }
}
if (stale) process.exit(1);
