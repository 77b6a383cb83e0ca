// One direction of imports (README, "Architecture"): each layer imports only the layers below
// it, and nothing imports in a circle. `npm run lint` runs it (depcruise), and so does CI.
// Outside the layers, mocks/, scripts/, bench/ and test/ may import the gateway; the gateway
// never imports them, except `npm start` (src/main.ts) starting the mock departments in development.

/** From the bottom up. A file of the gateway that no layer claims is an error of its own. */
const LAYERS = [
  // the shared vocabulary: codes, errors, logs and metrics, the store driver, and the registry of
  // evidence with its record shapes (what the connectors map department payloads into)
  {
    name: 'codes and errors',
    paths: [
      '^src/(codes|generated|observability|db)/',
      '^src/(errors|errorMessages|randomPool)[.]ts$',
      '^src/evidence/(kinds|records)[.]ts$',
    ],
  },
  { name: 'connectors', paths: ['^connectors/'] },
  { name: 'evidence', paths: ['^src/evidence/(?!(kinds|records)[.]ts$)'] },
  { name: 'auth and audit', paths: ['^src/(auth|audit)/', '^src/applications/store[.]ts$'] },
  // registering an application may verify the family's links, so the service sits with verification
  { name: 'verification', paths: ['^src/verification/', '^src/applications/service[.]ts$'] },
  { name: 'schema and resolvers', paths: ['^resolvers/', '^src/(schema|context)[.]ts$'] },
  { name: 'server', paths: ['^src/(app|server|main|config|lifecycle|stores|devSecrets)[.]ts$', '^src/(console|resilience)/'] },
];
const GATEWAY = ['^src/', '^connectors/', '^resolvers/'];
const OUTSIDE = ['^mocks/', '^scripts/', '^bench/', '^test/'];

const upward = LAYERS.slice(0, -1).flatMap((layer, i) => {
  const rule = {
    comment: `${layer.name} may import only ${
      LAYERS.slice(0, i)
        .map((l) => l.name)
        .join(', ') || 'libraries'
    } (and itself)`,
    from: { path: layer.paths },
    to: { path: LAYERS.slice(i + 1).flatMap((l) => l.paths) },
  };
  // code that runs fails the lint; a type imported from above (the Config, GatewayContext and
  // Viewer types, mostly) is shown as a warning until it is moved down (docs/design.md)
  return [
    { ...rule, name: `layer-${i}-imports-upward`, severity: 'error', to: { ...rule.to, dependencyTypesNot: ['type-only'] } },
    { ...rule, name: `layer-${i}-imports-a-type-from-above`, severity: 'warn', to: { ...rule.to, dependencyTypes: ['type-only'] } },
  ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'a circle of imports has no bottom: move the shared piece down a layer',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-through-types',
      comment: 'a circle closed only by type imports: not a load-order bug, still a knot to untie',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
    {
      name: 'gateway-imports-outside',
      comment: 'the gateway does not import mocks, scripts, benchmarks or tests (npm start alone starts the mocks)',
      severity: 'error',
      from: { path: GATEWAY, pathNot: '^src/main[.]ts$' },
      to: { path: OUTSIDE },
    },
    {
      name: 'not-in-a-layer',
      comment: 'every file of the gateway belongs to a layer (.dependency-cruiser.cjs, LAYERS)',
      severity: 'error',
      from: { path: GATEWAY, pathNot: LAYERS.flatMap((l) => l.paths) },
      to: {},
    },
    {
      name: 'mocks-beside-the-rules',
      comment:
        "the mock departments stand for the departments: they share the gateway's codes and record shapes, not its authorization, audit or resolvers",
      severity: 'error',
      from: { path: '^mocks/' },
      to: { path: ['^src/(auth|audit|console|resilience)/', '^resolvers/', '^src/(app|server|config|stores)[.]ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^src/generated/', '[.]generated[.]ts$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
