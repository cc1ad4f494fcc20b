// The layer rules of .dependency-cruiser.cjs (docs/architecture.md): the tree keeps them, and each kind
// of rule bites: a scratch copy of sdk/ and assembly/ with one forbidden import added fails the check.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** `npm run layers` in `dir`: its exit status and what it printed. */
function checkLayers(dir: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'sdk', 'assembly', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
    cwd: dir, encoding: 'utf8', timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** sdk/, assembly/ and what the check reads, copied; node_modules linked. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-layers-'));
  for (const f of ['sdk', 'assembly', '.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(REPO, f), join(dir, f), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the layers (npm run layers)', () => {
  it('hold in this tree: no upward import, no cycle, no orphan, node: modules only where allowed', () => {
    const { status, output } = checkLayers(REPO);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // Each case adds one import (or file) to the same scratch copy; the check must fail, naming each
  // rule at the file that breaks it.
  const cases: { rule: string; file: string; add: string; reported?: string }[] = [
    { rule: 'layer:sdk/pg1', file: 'sdk/pg1/claims.ts', add: "import '../verifier/verifier.js';\n" },
    { rule: 'layer:sdk/issuer', file: 'sdk/issuer/token.ts', add: "import '../state/stateStore.js';\n" },
    { rule: 'layer:assembly/crypto', file: 'assembly/crypto/field.ts', add: 'import { IO_BUFFER } from "../exports/ioBuffer";\nexport const leak = IO_BUFFER;\n' },
    // A cycle through types only: resultPacking.ts already imports CoreOutputs from verifierCore.ts.
    { rule: 'no-circular', file: 'sdk/core/verifierCore.ts', add: "import type { ResultPacker } from './resultPacking.js';\nexport type Packer = ResultPacker;\n" },
    { rule: 'node-only', file: 'sdk/verifier/lifecycle.ts', add: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" },
    // Allowed by the layers (verifier/ may use storage/), but it puts file storage in every browser bundle.
    { rule: 'browser-entries', file: 'sdk/verifier/sunsetTimer.ts', add: "import '../storage/fileStorage.js';\n", reported: 'sdk/index.ts → sdk/storage/fileStorage.ts' },
    { rule: 'node-at-run-time', file: 'sdk/issuer/filter/keySource.ts', add: "import { statSync } from 'node:fs';\nexport const sizeOf = statSync;\n" },
    { rule: 'no-orphans', file: 'sdk/pg1/forgotten.ts', add: 'export const forgotten = 1;\n' },
    { rule: 'unplaced', file: 'sdk/newRoom/thing.ts', add: "import { PassgateError } from '../errors.js';\nexport const e = PassgateError;\n" },
  ];

  it('bite: a scratch copy passes, and fails once it breaks each rule', () => {
    const dir = scratchCopy();
    try {
      expect(checkLayers(dir).status, 'the unchanged copy passes').toBe(0);
      for (const { file, add } of cases) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        appendFileSync(join(dir, file), add);
      }
      const { status, output } = checkLayers(dir);
      for (const { rule, file, reported } of cases) expect(output).toContain(`error ${rule}: ${reported ?? file}`);
      expect(status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
