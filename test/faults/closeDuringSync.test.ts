// Issue 17, defect 6 (the SDK's part): close() and destroy() end a sync in flight at once, and a sync
// takes a signal of its own; a list server that never answers holds no shutdown for its 30 s deadline.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createVerifier } from '../../sdk/index.js';
import { NOW, root } from '../support/issuerFixtures.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A list server that accepts and never answers; resolves with a URL and a promise of the first request. */
async function stuckServer(): Promise<{ url: string; asked: Promise<void> }> {
  let heard!: () => void;
  const asked = new Promise<void>((resolve) => (heard = resolve));
  const server = createServer(() => heard());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/trust.cbor`, asked };
}

describe('a sync in flight when the verifier ends', () => {
  for (const end of ['close', 'destroy'] as const) {
    it(`${end}() aborts it: the sync resolves with a failed entry, ${end}() does not wait out the deadline`, async () => {
      const { url, asked } = await stuckServer();
      const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, syncTimeoutMs: 25_000 });
      const syncing = v.sync({ trust: url });
      await asked;
      const started = Date.now();
      await v[end]();
      expect(await syncing).toEqual([{ url, list: 'trust', outcome: 'failed', reason: 'sync ended before this request did' }]);
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 20_000);
  }

  it('sync(urls, { signal }) ends when its signal is aborted', async () => {
    const { url, asked } = await stuckServer();
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, syncTimeoutMs: 25_000 });
    const stop = new AbortController();
    const syncing = v.sync({ trust: url }, { signal: stop.signal });
    await asked;
    stop.abort();
    expect(await syncing).toEqual([expect.objectContaining({ outcome: 'failed', reason: 'sync ended before this request did' })]);
    await v.close();
  }, 20_000);
});
