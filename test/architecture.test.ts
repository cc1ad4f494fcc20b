// docs/architecture.md explains every folder of sdk/ and assembly/ with the rule the layer check
// enforces, its picture is the one the code draws, and the README leads to it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PAGE = readFileSync(join(REPO, 'docs/architecture.md'), 'utf8');

/** Every folder under sdk/ and assembly/, themselves included, as `sdk/issuer/filter/`. */
function folders(dir: string): string[] {
  const subs = readdirSync(join(REPO, dir), { withFileTypes: true }).filter((e) => e.isDirectory());
  return [`${dir}/`, ...subs.flatMap((e) => folders(`${dir}/${e.name}`))];
}

/** The paragraphs under the heading ### `folder/`, or undefined when there is none. */
function section(folder: string): string | undefined {
  const at = PAGE.indexOf(`\n### \`${folder}\`\n`);
  if (at < 0) return undefined;
  const body = PAGE.slice(at).split('\n').slice(2).join('\n');
  return body.split(/\n#{2,3} /)[0]!.trim();
}

/** What a paragraph says `who` may import: units as written (`encoding/`, `errors.ts`), or [] for nothing. */
function mayImport(text: string, who: string | undefined): string[] | undefined {
  const name = who?.replace(/\./g, '\\.');
  const marker = name ? new RegExp(`(?:\`[^\`]+\`\\s+and\\s+)*\`${name}\`(?:\\s+and\\s+\`[^\`]+\`)*\\s+\\*\\*may\\s+import:\\*\\*`) : /\*\*May\s+import:\*\*/;
  const m = marker.exec(text);
  if (!m) return undefined;
  let rest = text.slice(m.index + m[0].length);
  if (/^\s*nothing/.test(rest)) return [];
  const units: string[] = [];
  for (let item = /^\s*(?:and\s+)?`([^`]+)`,?/.exec(rest); item; item = /^\s*(?:and\s+)?`([^`]+)`,?/.exec(rest)) {
    units.push(item[1]!);
    rest = rest.slice(item[0].length);
  }
  return units;
}

interface LayerRule { name: string; to: { pathNot: string[] } }
const config = createRequire(import.meta.url)(join(REPO, '.dependency-cruiser.cjs')) as { forbidden: LayerRule[] };
/** `^sdk/errors\.ts$` -> sdk/errors.ts, `^sdk/pg1/` -> sdk/pg1/ */
const unitOf = (pattern: string): string => pattern.replace(/^\^/, '').replace(/\$$/, '').replace(/\\(.)/g, '$1');

describe('docs/architecture.md', () => {
  it.each(folders('sdk').concat(folders('assembly')))('has a paragraph for %s', (folder) => {
    const text = section(folder);
    expect(text, `a "### \`${folder}\`" heading with its paragraph`).toBeTruthy();
    expect(text!.length).toBeGreaterThan(80);
  });

  const layers = config.forbidden.filter((r) => r.name.startsWith('layer:'));
  it.each(layers.map((r) => [r.name.slice('layer:'.length), r] as const))('states the rule of %s as .dependency-cruiser.cjs has it', (unit, rule) => {
    const isFile = unit.endsWith('.ts');
    const pkg = unit.split('/')[0]!;
    const text = section(isFile ? `${pkg}/` : `${unit}/`);
    expect(text, `${unit}'s paragraph`).toBeDefined();
    const stated = mayImport(text!, isFile ? unit.slice(pkg.length + 1) : undefined);
    expect(stated, `"may import" for ${unit}`).toBeDefined();
    const self = isFile ? unit : `${unit}/`;
    const allowed = rule.to.pathNot.map(unitOf).filter((u) => u !== self).map((u) => u.slice(pkg.length + 1));
    expect(stated!.slice().sort()).toEqual(allowed.sort());
  });

  it('shows the picture the code draws (node scripts/architectureGraph.mjs)', () => {
    const r = spawnSync(process.execPath, ['scripts/architectureGraph.mjs', '--check'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    expect(`${r.stdout}${r.stderr}`).toContain('docs/architecture.svg is current');
    expect(r.status).toBe(0);
    expect(PAGE).toContain('](architecture.svg)');
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain('](docs/architecture.md)');
  });
});
