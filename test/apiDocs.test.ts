// The API reference (`npm run docs`, TypeDoc): built here into a temporary directory with the project's
// own typedoc.json, which treats every warning as an error: an export without a comment, a parameter
// without @param, a {@link} to nothing, a public type that refers to one left out of the reference.
// Then the reference is read back (its JSON) for what TypeDoc does not check by itself: that it covers
// exactly what package.json publishes, that every error code has its own sentence, and that internals
// stay out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The parts of TypeDoc's JSON output this test reads. */
interface Reflection {
  readonly id: number;
  readonly name: string;
  readonly kind: number;
  readonly comment?: { readonly summary: readonly { readonly text: string }[] };
  readonly children?: readonly Reflection[];
  readonly signatures?: readonly Reflection[];
  readonly parameters?: readonly Reflection[];
  readonly getSignature?: Reflection;
  readonly setSignature?: Reflection;
  readonly inheritedFrom?: unknown;
  readonly sources?: readonly { readonly fileName: string }[];
  readonly type?: {
    readonly type: string;
    readonly declaration?: Reflection;
    readonly types?: readonly { readonly type: string; readonly value?: unknown }[];
    readonly elementSummaries?: readonly (readonly { readonly text: string }[])[];
  };
}

// TypeDoc's ReflectionKind values.
const KIND = {
  module: 2, class: 128, interface: 256, constructor: 512, property: 1024, method: 2048, callSignature: 4096,
  constructorSignature: 16384, parameter: 32768, typeLiteral: 65536, accessor: 262144, getSignature: 524288,
  setSignature: 1048576, typeAlias: 2097152, reference: 4194304,
} as const;
const SIGNATURES: readonly number[] = [KIND.callSignature, KIND.constructorSignature, KIND.getSignature, KIND.setSignature];

/** Every reflection under `r`, with its parent, and whether it is part of a parameter's type. */
function* walk(r: Reflection, parent: Reflection | null = null, inParameter = false): Generator<{ r: Reflection; parent: Reflection | null; inParameter: boolean }> {
  yield { r, parent, inParameter };
  const under = inParameter || r.kind === KIND.parameter;
  for (const c of [...(r.children ?? []), ...(r.signatures ?? []), ...(r.parameters ?? [])]) yield* walk(c, r, under);
  if (r.type?.type === 'reflection' && r.type.declaration) yield* walk(r.type.declaration, r, under);
  for (const s of [r.getSignature, r.setSignature]) if (s) yield* walk(s, r, under);
}

const hasText = (parts: readonly { readonly text: string }[] | undefined): boolean =>
  (parts ?? []).some((p) => p.text.trim().length > 0);

let out = '';
let build: { status: number | null; output: string };
let project: Reflection;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'passgate-apidocs-'));
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/typedoc/bin/typedoc'), '--out', join(out, 'html'), '--json', join(out, 'api.json')], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  build = { status: run.status, output: `${run.stdout}${run.stderr}` };
  if (existsSync(join(out, 'api.json'))) project = JSON.parse(readFileSync(join(out, 'api.json'), 'utf8')) as Reflection;
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('npm run docs (TypeDoc)', () => {
  it('builds the reference with no warning and no error', () => {
    expect(build.output).not.toMatch(/\[(warning|error)\]/);
    expect(build.status, build.output).toBe(0);
    expect(existsSync(join(out, 'html', 'index.html'))).toBe(true);
  });

  it('has one module per entry point that package.json publishes, named as it is imported', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string | null>> };
    const documented: string[] = [];
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (subpath === './package.json') continue;
      const types = typeof target === 'string' ? target.replace(/\.js$/, '.d.ts') : target.types!;
      const declarations = readFileSync(join(REPO, types), 'utf8');
      // The worker entries run a worker and export nothing a user calls: nothing to document.
      if (!/^export (?!\{\s*\};)/m.test(declarations)) continue;
      documented.push(subpath === '.' ? 'passgate' : `passgate/${subpath.slice(2)}`);
    }
    expect(documented.sort()).toEqual(['passgate', 'passgate/card', 'passgate/explain', 'passgate/issuer', 'passgate/node', 'passgate/scanner', 'passgate/transcode']);
    expect(project.children!.map((m) => m.name).sort()).toEqual(documented.sort());
    for (const m of project.children!) expect(hasText(m.comment?.summary), `${m.name}: a module comment`).toBe(true);
  });

  it('documents every symbol, member and parameter defined in the package', () => {
    const missing: string[] = [];
    const counts = { symbols: 0, members: 0, parameters: 0 };
    for (const { r, parent, inParameter } of walk(project)) {
      if (parent === null || r.kind === KIND.module || r.kind === KIND.reference || r.kind === KIND.typeLiteral) continue;
      // Signatures count with their declaration; members inherited from Error are the platform's; the
      // parts of a parameter's type are described by its @param (TypeDoc's own rule).
      if (SIGNATURES.includes(r.kind) || r.inheritedFrom !== undefined || inParameter) continue;
      // Implicit constructors (no source) and the platform's types are not the package's to document.
      if (r.kind === KIND.constructor && r.sources === undefined) continue;
      if (r.sources?.some((s) => s.fileName.includes('node_modules'))) continue;
      // A function's or method's comment sits on its signature, an accessor's on its getter.
      const comments = [r.comment, ...(r.signatures ?? []).map((s) => s.comment), r.getSignature?.comment];
      if (!comments.some((c) => hasText(c?.summary))) missing.push(`${parent.name}.${r.name}`);
      if (r.kind === KIND.parameter) counts.parameters++;
      else if (parent?.kind === KIND.module) counts.symbols++;
      else counts.members++;
    }
    expect(missing).toEqual([]);
    // The figures the lead asked for; a reference this small would mean entry points went missing.
    console.log(`API reference: ${counts.symbols} exported symbols, ${counts.members} members, ${counts.parameters} parameters, all documented`);
    expect(counts.symbols).toBeGreaterThan(150);
  });

  it('gives every error code and refusal reason a sentence of its own', () => {
    const unions = [...walk(project)]
      .map(({ r }) => r)
      .filter((r) => r.kind === KIND.typeAlias && /ErrorCode$|^ListRefusal$|^Ed25519Status$/.test(r.name));
    expect(unions.map((u) => u.name).sort()).toEqual([
      'CardErrorCode', 'CborEncodeErrorCode', 'Ed25519Status', 'KeyErrorCode', 'ListRefusal', 'PassgateErrorCode', 'PresentationErrorCode',
      'RevocationFilterErrorCode', 'RevocationListErrorCode', 'TokenErrorCode', 'TrustListErrorCode',
    ]);
    for (const u of unions) {
      const codes = u.type!.types!.map((t) => String(t.value));
      const summaries = u.type!.elementSummaries ?? [];
      const bare = codes.filter((_, i) => !hasText(summaries[i]));
      expect(bare, `${u.name}: codes without a comment`).toEqual([]);
    }
  });

  it('leaves internals out: the pool class and its plumbing, the verifier constructor, its restore and storage watch', () => {
    const names = new Set([...walk(project)].map(({ r, parent }) => `${parent?.name ?? ''}.${r.name}`));
    expect(names.has('passgate.Verifier')).toBe(true);
    expect(names.has('Verifier.verify')).toBe(true);
    for (const internal of ['passgate.WorkerPool', 'Verifier.constructor', 'Verifier.restore', 'Verifier.watchStorage', 'PassgateCrypto.constructor',
      'passgate.defaultSpawn', 'passgate.WorkerReply', 'passgate.WorkerRequest', 'passgate.BodyReader', 'passgate.Uint']) {
      expect(names.has(internal), internal).toBe(false);
    }
  });

  it('lists every module on the index with its summary, and no page loads assets/icons.svg (refused from file://)', () => {
    const index = readFileSync(join(out, 'html', 'index.html'), 'utf8');
    const summaries = [...index.matchAll(/<dd class="tsd-member-summary">([\s\S]*?)<\/dd>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    expect(summaries).toHaveLength(project.children!.length);
    for (const s of summaries) expect(s.length, 'a module summary on the index').toBeGreaterThan(20);
    const pages = readdirSync(join(out, 'html'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(50);
    expect(pages.filter((f) => readFileSync(join(out, 'html', f), 'utf8').includes('icons.svg'))).toEqual([]);
  });
});
