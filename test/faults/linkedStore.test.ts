// Issue 17, defect 2: the file store never follows a link. Whoever can write the store's directory
// must not make destroy() (or the sunset) zero another file, nor a restore read one: every open is
// O_NOFOLLOW of a regular file this user owns, and a link is a restoreProblems entry.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationList } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const make = (dir: string): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, scanLog: { retention: DAY } });

/** A store with every record written, and a file of the operator's beside it. */
async function storeAndVictim(): Promise<{ dir: string; victim: string; v: Verifier }> {
  const dir = tempDir();
  const v = await make(dir);
  await v.applyTrustList(trustList({ version: 1 }));
  await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [] }));
  v.verify(presentAll(token()));
  await v.flush();
  const victim = join(dirname(dir), 'precious.txt');
  writeFileSync(victim, 'the operator\'s own data\n');
  return { dir, victim, v };
}

describe('a store with links in it', () => {
  for (const name of ['log.pgs', 'state.pgs', 'anchor.pgs', 'storage.key']) {
    it(`destroy() with ${name} a symbolic link to another file: the link goes, the file is untouched`, async () => {
      const { dir, victim, v } = await storeAndVictim();
      rmSync(join(dir, name));
      symlinkSync(victim, join(dir, name));
      await v.destroy().catch(() => undefined);
      expect(readFileSync(victim, 'utf8')).toBe('the operator\'s own data\n');
      expect(existsSync(join(dir, name))).toBe(false);
      expect(() => lstatSync(join(dir, name))).toThrow(/ENOENT/);
    });
  }

  it('destroy() with log.pgs a second name (hard link) of another file: that file is not zeroed', async () => {
    const { dir, victim, v } = await storeAndVictim();
    rmSync(join(dir, 'log.pgs'));
    linkSync(victim, join(dir, 'log.pgs'));
    await v.destroy();
    expect(readFileSync(victim, 'utf8')).toBe('the operator\'s own data\n');
  });

  it('a restore does not follow an anchor that is a link, even to the genuine anchor: a problem entry, nothing in force', async () => {
    const { dir, v } = await storeAndVictim();
    await v.close();
    const elsewhere = join(dirname(dir), 'anchor-elsewhere.pgs');
    renameSync(join(dir, 'anchor.pgs'), elsewhere);
    symlinkSync(elsewhere, join(dir, 'anchor.pgs'));
    const w = await make(dir);
    expect(w.restoreProblems).toContainEqual({ list: 'store', reason: expect.stringMatching(/anchor\.pgs is a symbolic link \(not followed\)/) });
    expect(w.trustList).toBeNull();
    await w.close();
  });

  it('a state record that is a link is not read; a log that is a link is dropped with a problem entry', async () => {
    const { dir, v } = await storeAndVictim();
    await v.close();
    for (const name of ['state.pgs', 'log.pgs']) {
      const elsewhere = join(dirname(dir), `elsewhere-${name}`);
      renameSync(join(dir, name), elsewhere);
      symlinkSync(elsewhere, join(dir, name));
    }
    const w = await make(dir);
    const reasons = w.restoreProblems.map((p) => `${p.list}: ${p.reason}`).join('\n');
    expect(reasons).toMatch(/store: state record unreadable \(.*state\.pgs is a symbolic link/);
    expect(reasons).toMatch(/log: .*log\.pgs is a symbolic link/);
    expect(w.trustList).toBeNull();
    await w.close();
  });

  it('a FIFO in place of the anchor neither hangs the restore nor is read', async () => {
    const { dir, v } = await storeAndVictim();
    await v.close();
    rmSync(join(dir, 'anchor.pgs'));
    execFileSync('mkfifo', [join(dir, 'anchor.pgs')]);
    const w = await make(dir);
    expect(w.restoreProblems).toContainEqual({ list: 'store', reason: expect.stringMatching(/anchor\.pgs is not a regular file/) });
    await w.destroy();
  }, 10_000);

  it('a directory named like a record is left alone by destroy()', async () => {
    const { dir, v } = await storeAndVictim();
    await v.close();
    rmSync(join(dir, 'log.pgs'));
    mkdirSync(join(dir, 'log.pgs'));
    const w = await make(dir);
    await w.destroy().catch(() => undefined);
    expect(lstatSync(join(dir, 'log.pgs')).isDirectory()).toBe(true);
  });
});
