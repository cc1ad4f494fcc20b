/**
 * vpcd has two reader slots on fixed ports, so two test files that bring virtual cards into them at
 * once would read each other's cards (vitest runs files in parallel). Each file that uses the slots
 * holds this lock for its whole run: a directory made atomically, naming its holder's pid, so that a
 * holder that died (a killed run) does not block the next one.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'passgate-vpcd.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive under another user. No pid file: being written (the caller waits a second) or a holder gone.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits (at most `timeoutMs`) until this process holds vpcd's slots; resolves with the release. */
export async function holdVpcd(timeoutMs = 600_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let staleSince: number | undefined;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (!holderAlive()) {
      // Gone for a second (not a holder between mkdir and writing its pid): take the lock over.
      staleSince ??= Date.now();
      if (Date.now() - staleSince > 1000) rmSync(LOCK, { recursive: true, force: true });
    } else staleSince = undefined;
    if (Date.now() > deadline) throw new Error(`vpcd's slots still held after ${timeoutMs} ms (${LOCK})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
