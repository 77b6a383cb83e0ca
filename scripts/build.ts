// `npm run build`: the gateway as compiled JavaScript for production (`node dist/main.js`),
// so no loader transpiles TypeScript in the serving process. esbuild bundles our own code
// into dist/ (packages stay in node_modules, loaded as Node loads them). Split chunks keep
// the mock departments (imported only outside production) out of what production loads.
//
// Our modules read files beside themselves at run time (schema/*.graphql, the OpenAPI
// documents, county policies) through `import.meta.url`. In a bundle that URL would be the
// bundle's, so each module's `import.meta.url` is replaced by the URL of its source file,
// computed from dist/ at run time: dist/ must stay inside the checkout it was built from.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = new URL('../', import.meta.url).pathname;
// --outdir=DIR (inside the checkout, so node_modules resolves from it): the e2e test's own copy
const OUT = process.argv.find((a) => a.startsWith('--outdir='))?.slice(9) ?? `${ROOT}dist`;

const sourceUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const fromDist = JSON.stringify(relative(OUT, args.path));
      return { contents: text.replaceAll('import.meta.url', `new URL(${fromDist}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

// A deep import into a package with no "exports" map (ajv/dist/2020) resolves under a loader
// but not under Node's own ESM resolution, which wants the file's extension.
const deepImports: Plugin = {
  name: 'deep-import-extension',
  setup(b) {
    b.onResolve({ filter: /^(@[^/.][^/]*\/)?[^/.@][^/]*\/.+/ }, (args) => {
      if (args.path.endsWith('.js') || args.path.startsWith('node:')) return undefined;
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      const pkg = `${ROOT}node_modules/${name}/package.json`;
      if (!existsSync(pkg) || 'exports' in (JSON.parse(readFileSync(pkg, 'utf8')) as object)) return undefined;
      return existsSync(`${ROOT}node_modules/${args.path}.js`) ? { path: `${args.path}.js`, external: true } : undefined;
    });
  },
};

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  // the gateway, and the audit commands an operator runs beside it in production
  entryPoints: {
    main: 'src/main.ts',
    ...Object.fromEntries(
      readdirSync(`${ROOT}scripts`)
        .filter((f) => /^audit-.*\.ts$/.test(f))
        .map((f) => [f.replace(/\.ts$/, ''), `scripts/${f}`]),
    ),
  },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceUrl, deepImports],
});
const bytes = Object.values(result.metafile.outputs).reduce((a, o) => a + o.bytes, 0);
console.log(
  `${relative(ROOT, OUT)}/: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files, ${Math.round(bytes / 1024)} KB`,
);
