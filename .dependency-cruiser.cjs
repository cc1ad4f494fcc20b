// The layers of sdk/ and assembly/ (docs/architecture.md explains them), checked by dependency-cruiser:
//   npx depcruise sdk assembly --config .dependency-cruiser.cjs      (test/layers.test.ts runs it)
// Each folder may import only the folders listed for it (a lower layer never imports a higher one);
// no import cycle, type-only imports included; no orphan file; `node:` modules only where listed.
// A new folder needs a line in LAYERS (and a paragraph in docs/architecture.md).

/** Folder (or root file) -> what it may import besides itself. Lowest layer first. */
const LAYERS = {
  // ---- assembly/: the core, compiled to one .wasm ----
  'assembly/memory': [],
  'assembly/crypto': [],
  'assembly/encoding': [],
  'assembly/pg1': ['assembly/memory', 'assembly/crypto', 'assembly/encoding'],
  'assembly/exports': ['assembly/memory', 'assembly/crypto', 'assembly/encoding', 'assembly/pg1'],
  'assembly/probes': ['assembly/memory', 'assembly/crypto', 'assembly/encoding', 'assembly/pg1'],
  'assembly/index.ts': ['assembly/exports'],
  // ---- sdk/: foundations ----
  'sdk/errors.ts': [],
  'sdk/sha256.ts': [],
  'sdk/encoding': ['sdk/errors.ts'],
  'sdk/cbor': ['sdk/errors.ts', 'sdk/encoding'],
  // ---- the format ----
  'sdk/cose': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor'],
  'sdk/pg1': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor'],
  // ---- the engine: the core's JavaScript side, then what the verifier keeps and fetches ----
  'sdk/core': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1'],
  'sdk/storage': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor'],
  'sdk/state': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/core', 'sdk/storage'],
  'sdk/sync': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/state'],
  'sdk/worker': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/core', 'sdk/state'],
  // ---- the Verifier facade ----
  'sdk/verifier': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/core', 'sdk/storage', 'sdk/state', 'sdk/sync', 'sdk/worker'],
  // ---- features on top ----
  'sdk/explain': ['sdk/errors.ts', 'sdk/sha256.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/verifier'],
  'sdk/scanner': ['sdk/errors.ts', 'sdk/verifier'],
  'sdk/card': ['sdk/errors.ts', 'sdk/encoding'],
  // The issuer toolkit stands on the format and its encodings only: it never needs a verifier.
  'sdk/issuer': ['sdk/errors.ts', 'sdk/sha256.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/cose', 'sdk/pg1'],
  // The command line and `passgate serve` are one Node application: they share cli/'s JSON and line
  // readers, and the command line starts the server.
  'sdk/transcode': ['sdk/errors.ts', 'sdk/encoding', 'sdk/pg1', 'sdk/issuer'],
  'sdk/serve': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/storage', 'sdk/sync', 'sdk/worker', 'sdk/verifier', 'sdk/explain', 'sdk/card', 'sdk/cli'],
  'sdk/cli': ['sdk/errors.ts', 'sdk/sha256.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/cose', 'sdk/pg1', 'sdk/verifier', 'sdk/explain', 'sdk/issuer', 'sdk/card', 'sdk/transcode', 'sdk/serve'],
  // ---- the entry points ----
  'sdk/index.ts': ['sdk/errors.ts', 'sdk/encoding', 'sdk/cbor', 'sdk/pg1', 'sdk/core', 'sdk/storage', 'sdk/sync', 'sdk/worker', 'sdk/verifier'],
  'sdk/node.ts': ['sdk/index.ts', 'sdk/storage', 'sdk/explain'],
};

/**
 * The only files that import `node:` modules (type-only imports aside): the Node entry's file storage,
 * the Node variants that the package's `imports` map picks (#inflate-core, #default-spawn) and the
 * worker they start, the issuer's filter worker, and the command line and server. No browser entry
 * reaches them (rule browser-entries).
 */
const NODE_ONLY = [
  '^sdk/cli/',
  '^sdk/serve/',
  '^sdk/storage/(fileStorage|atomicFile|fileLock|ownFile)\\.ts$',
  '^sdk/core/nodeInflate\\.ts$',
  '^sdk/worker/(nodeSpawn|nodeVerifierWorker)\\.ts$',
  '^sdk/issuer/filter/filterWorker\\.ts$',
  '^sdk/transcode/',
];
/** Files that load `node:` modules with import() at run time, in Node only (the issuer's filter threads and key files). */
const NODE_AT_RUN_TIME = ['^sdk/issuer/filter/(filterThreads|keySource)\\.ts$'];

/** The entries a browser loads: the package's browser exports and the workers they start. */
const BROWSER_ENTRIES = [
  '^sdk/index\\.ts$',
  '^sdk/scanner/index\\.ts$',
  '^sdk/explain/index\\.ts$',
  '^sdk/issuer/index\\.ts$',
  '^sdk/worker/verifierWorker\\.ts$',
  '^sdk/scanner/decoderWorker\\.ts$',
  '^sdk/card/index\\.ts$',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folder matches the files inside it; a root file only itself. */
const pattern = (unit) => (unit.endsWith('.ts') ? `^${escape(unit)}$` : `^${escape(unit)}/`);

const layerRules = Object.entries(LAYERS).map(([unit, allowed]) => ({
  name: `layer:${unit}`,
  comment: `${unit} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: pattern(unit) },
  to: { path: '^(sdk|assembly)/', pathNot: [pattern(unit), ...allowed.map(pattern)] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'unplaced',
      comment: 'every file of sdk/ and assembly/ lies in a folder (or is a root file) listed in LAYERS',
      severity: 'error',
      from: { path: '^(sdk|assembly)/', pathNot: Object.keys(LAYERS).map(pattern) },
      to: {},
    },
    {
      name: 'node-only',
      comment: `node: modules only in ${NODE_ONLY.join(' ')} (and by import() in ${NODE_AT_RUN_TIME.join(' ')})`,
      severity: 'error',
      from: { path: '^sdk/', pathNot: [...NODE_ONLY, ...NODE_AT_RUN_TIME] },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'node-at-run-time',
      comment: 'the files that load node: modules in Node only do it with import(), never statically',
      severity: 'error',
      from: { path: NODE_AT_RUN_TIME },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'browser-entries',
      comment: 'what runs in a browser (passgate, passgate/scanner, passgate/explain, passgate/issuer, the two workers) reaches no Node-only file',
      severity: 'error',
      from: { path: BROWSER_ENTRIES },
      to: { path: NODE_ONLY, reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'no import cycle, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'a file nothing imports and that imports nothing is dead (or a forgotten entry)',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '(^|/)tsconfig\\.json$'] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (#inflate-core, #default-spawn, core/wasmBinary.ts and core/scalarWasmBinary.ts exist once built)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^#', '^\\./(scalarW|w)asmBinary\\.js$'] },
    },
  ],
  options: {
    // Type-only imports count: a cycle through types is a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The package's own `imports` (#inflate-core, #default-spawn) resolve into dist/: not cruised.
    doNotFollow: { path: ['node_modules', '^dist/'] },
    exclude: { path: ['^sdk/core/(scalarW|w)asmBinary\\.ts$'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.d.ts'],
    },
  },
};
