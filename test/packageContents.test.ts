// What `npm pack` ships: the licence package.json names, and every file that a packaged Markdown file
// links to (the README first), so that the README read from node_modules or a registry page has no
// dead links.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [pack] = JSON.parse(out) as [{ files: { path: string }[] }];
  return new Set(pack.files.map((f) => f.path));
}

/** Relative targets of Markdown links and images, without #fragments. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.split('#')[0]!);
}

describe('npm pack', () => {
  const files = packedFiles();

  it('ships the Apache-2.0 licence that package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    expect(files.has('LICENSE')).toBe(true);
    const text = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('holds every file that a packaged Markdown file links to', () => {
    const markdown = [...files].filter((f) => f.endsWith('.md'));
    expect(markdown).toContain('README.md');
    const missing: string[] = [];
    for (const md of markdown) {
      for (const link of relativeLinks(readFileSync(join(REPO, md), 'utf8'))) {
        const target = normalize(join(dirname(md), decodeURI(link))).replace(/\\/g, '/');
        // A link to a folder (examples/) holds when the package holds what is in it.
        const found = target.endsWith('/') ? [...files].some((f) => f.startsWith(target)) : files.has(target);
        if (!found) missing.push(`${md} -> ${link}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('ships the command line, the built SDK and the core', () => {
    for (const f of ['bin/passgate.js', 'dist/sdk/index.js', 'dist/sdk/cli/serveCommand.js', 'build/passgate.wasm']) expect(files.has(f), f).toBe(true);
  });
});
