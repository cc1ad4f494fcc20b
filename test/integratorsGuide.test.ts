// docs/integrators.md as a reader follows it: every ```sh command, in order, in one bash shell in an
// empty directory, with the guide's PASSGATE_TGZ=… the packed repository (dist/ must be built; the
// guide installs it and puts its `passgate` on PATH itself) and each PORT=… the test's own free
// loopback port; a command that exits non-zero, outlasts its time or does not print what the guide
// says under it (`# → …`) fails the test. The ```ts blocks are type-checked
// against the package's public types (its exports' .d.ts), and the result-code table lists exactly the
// SDK's result codes with describeResult's texts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeResult, RESULT_CODES } from '../sdk/index.js';
import { fencedBlocks, missingExpectation, shellCommands } from './support/markdownCommands.js';
import { PersistentShell } from './support/persistentShell.js';
import { packedPackage } from './packaging/packedPackage.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const GUIDE = readFileSync(join(REPO, 'docs/integrators.md'), 'utf8');
const blocks = fencedBlocks(GUIDE);
const scratch = mkdtempSync(join(tmpdir(), 'passgate-guide-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const at = server.address();
      server.close(() => (typeof at === 'object' && at ? resolve(at.port) : reject(new Error('no port'))));
    });
  });
}

describe('docs/integrators.md', () => {
  it('runs every shell command in order, each exiting 0 and printing what the guide states', { timeout: 900_000 }, async () => {
    const commands = blocks.filter((b) => b.lang === 'sh').flatMap(shellCommands);
    // The walk-through: getting the package, keys, lists, serving, rotation, revocation, sunset.
    for (const needed of ['npm install', 'node_modules/.bin:$PATH', 'passgate keygen', 'passgate trust build', 'passgate revocations build', 'passgate revocations filter', 'passgate serve', '/verify-batch', '/metrics', '--stdin']) {
      expect(commands.some((c) => c.text.includes(needed)), needed).toBe(true);
    }
    expect(commands.filter((c) => c.expect.length > 0).length).toBeGreaterThan(15);

    const ports = new Map<string, number>();
    for (const c of commands) for (const m of c.text.matchAll(/^(\w*PORT)=\d+$/gm)) if (!ports.has(m[1]!)) ports.set(m[1]!, await freePort());
    expect([...ports.keys()].sort()).toEqual(['LISTS_PORT', 'PORT']);

    const work = join(scratch, 'work');
    mkdirSync(work);
    const tarball = await packedPackage();
    expect(commands.some((c) => /^PASSGATE_TGZ=\S+/m.test(c.text))).toBe(true);
    const shell = new PersistentShell(work, { ...process.env });
    try {
      for (const command of commands) {
        const text = command.text
          .replace(/^(\w*PORT)=\d+$/gm, (_, name: string) => `${name}=${ports.get(name)!}`)
          .replace(/^PASSGATE_TGZ=\S+/gm, `PASSGATE_TGZ='${tarball}'`);
        const where = `docs/integrators.md:${command.line}: ${text}`;
        const run = await shell.run(text, 180_000);
        expect(run.status, `${where}\nexit ${run.status}\n${run.stdout}\n${run.stderr}`).toBe(0);
        expect(missingExpectation(run.stdout, command.expect), `${where}\nprinted:\n${run.stdout}\n${run.stderr}`).toBeUndefined();
      }
    } finally {
      shell.close();
    }
  });

  it('type-checks every TypeScript block against the package\'s public types', { timeout: 300_000 }, () => {
    const sources = blocks.filter((b) => b.lang === 'ts');
    expect(sources.length).toBeGreaterThanOrEqual(3);
    const dir = join(scratch, 'ts');
    mkdirSync(dir);
    sources.forEach((b, i) => writeFileSync(join(dir, `block-${i + 1}-line-${b.line}.ts`), b.body + '\n'));
    // Imports resolve as an app's would: to the types each of the package's exports names.
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types?: string }> };
    const paths: Record<string, string[]> = {};
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'object' && target.types) paths[subpath.replace(/^\./, pkg.name)] = [join(REPO, target.types)];
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')], strict: true, noEmit: true, skipLibCheck: true, paths,
      },
      include: ['*.ts'],
    }));
    let output = '';
    try {
      execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  });

  it('lists exactly the SDK\'s result codes, in check order, with describeResult\'s English summaries', () => {
    const rows = [...GUIDE.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ code: m[1]!, summary: m[2]!.trim() }));
    expect(rows.map((r) => r.code)).toEqual([...RESULT_CODES]);
    for (const { code, summary } of rows) expect(summary, code).toBe(describeResult(code as (typeof RESULT_CODES)[number], 'en').summary);
  });
});
