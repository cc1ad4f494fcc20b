// sync() against hostile and broken servers (issue 11 item 6): loopback servers this test starts. Every
// request has a deadline covering headers and body, every body a byte cap enforced as it streams in,
// trust and revocation URLs download at once (and are applied trust first), the same list served again
// is `unchanged`, and a 304 counts only as the answer to an If-None-Match.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, root2, token, trustList } from '../support/issuerFixtures.js';

/** Bounds each test on code without deadlines too (it then fails instead of hanging). */
const BOUND = 20_000;
const MiB = 1024 * 1024;

const servers: { server: Server; sockets: Set<Socket> }[] = [];
afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  servers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/list`;
}

/** Serves `body()` with a 200 and no ETag, as a plain static server without validators would. */
const plain = (body: () => Uint8Array): Handler => (_req, res) => { res.writeHead(200, { 'content-type': 'application/cbor' }).end(body()); };

const make = (timeoutMs = 30_000): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, syncTimeoutMs: timeoutMs });

const revocations = (version: number, revoked: Uint8Array[] = [], signer = root.secretKey): Uint8Array =>
  buildRevocationList({ rootSecret: signer, version, issuedAt: NOW, expires: NOW + DAY, revoked });

describe('sync(): deadlines', () => {
  it('gives up on a server that never sends headers, at the configured timeout', async () => {
    const url = await serve(() => undefined);
    const v = await make(300);
    const [entry] = await v.sync({ trust: url });
    expect(entry).toMatchObject({ outcome: 'failed', reason: 'timed out after 300 ms waiting for the response headers' });
  }, BOUND);

  it('gives up on a body that trickles in a byte every 200 ms (the deadline covers the body)', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/cbor' });
      const timer = setInterval(() => res.write(Uint8Array.of(0xd2)), 200);
      res.on('close', () => clearInterval(timer));
    });
    const v = await make(1000);
    const [entry] = await v.sync({ trust: url });
    expect(entry).toMatchObject({ outcome: 'failed' });
    expect(entry?.reason).toMatch(/^timed out after 1000 ms reading the body \(\d+ bytes received\)$/);
  }, BOUND);

  it('a per-call timeout overrides the verifier\'s', async () => {
    const url = await serve(() => undefined);
    const v = await make(60_000);
    expect((await v.sync({ trust: url }, { timeoutMs: 200 }))[0]?.reason).toBe('timed out after 200 ms waiting for the response headers');
    await expect(v.sync({ trust: url }, { timeoutMs: 0 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  }, BOUND);

  it('a fetch that ignores its abort signal still cannot hold sync() past the deadline', async () => {
    const never = new Promise<never>(() => undefined);
    const silent = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, syncTimeoutMs: 200, fetch: () => never });
    expect((await silent.sync({ trust: 'http://example.invalid/t' }))[0]?.reason).toBe('timed out after 200 ms waiting for the response headers');
    // A response without a body stream, whose arrayBuffer() never resolves.
    const stuck = await createVerifier({
      roots: [root.publicKey], storage: null, now: () => NOW, syncTimeoutMs: 200,
      fetch: () => Promise.resolve({ status: 200, headers: { get: () => null }, arrayBuffer: () => never }),
    });
    expect((await stuck.sync({ trust: 'http://example.invalid/t' }))[0]?.reason).toBe('timed out after 200 ms reading the body (0 bytes received)');
  }, BOUND);
});

describe('sync(): byte caps', () => {
  it('refuses a body that streams forever at the 64 MiB cap of a revocation URL, with memory bounded', async () => {
    let sent = 0;
    let clientLeft = false;
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/cbor' }); // chunked: no length announced
      // "Forever", bounded for code without a cap: 320 MiB then the end (which that code buffers whole).
      const pump = (): void => {
        while (sent < 320 * MiB && !clientLeft) {
          sent += chunk.length;
          if (!res.write(chunk)) { res.once('drain', pump); return; }
        }
        if (!clientLeft) res.end();
      };
      res.on('close', () => { clientLeft = true; });
      pump();
    });
    const v = await make(15_000);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const [entry] = await v.sync({ revocations: url });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(entry?.outcome).toBe('failed');
    expect(entry?.reason).toMatch(/^body passed the 67108864-byte limit for this list \(stopped at \d+ bytes\)$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clientLeft).toBe(true); // the connection was closed, not left to drain
    expect(sent).toBeLessThan(200 * MiB);
    expect(peak - before).toBeLessThan(200 * MiB);
  }, BOUND);

  it('caps a trust list at 16 MiB and a revocation download at 64 MiB, and refuses an announced length above the cap unread', async () => {
    const body = new Uint8Array(17 * MiB).fill(0x41);
    const streamed = await serve((_req, res) => { res.writeHead(200); res.end(body); });
    const v = await make(15_000);
    const trust = await v.sync({ trust: streamed });
    expect(trust[0]?.reason).toMatch(/^(body passed the 16777216-byte limit|Content-Length 17825792 is above the 16777216-byte limit)/);
    // The same 17 MiB is within a revocation URL's cap: it is downloaded, then refused by the list rules.
    const rev = await v.sync({ revocations: streamed });
    expect(rev[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/revocation list refused/) });
    const announced = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(100 * MiB) });
      res.flushHeaders(); // and nothing more: only refusing before reading can end this quickly
    });
    expect((await v.sync({ revocations: announced }))[0]?.reason).toBe(`Content-Length ${100 * MiB} is above the ${64 * MiB}-byte limit for this list`);
  }, BOUND);
});

describe('sync(): the same list again, and 304', () => {
  it('reports the same list served again by a server without ETags as unchanged, not ROLLBACK', async () => {
    const trustUrl = await serve(plain(() => trustList()));
    const revUrl = await serve(plain(() => revocations(3)));
    const v = await make();
    const urls = { trust: trustUrl, revocations: revUrl };
    expect((await v.sync(urls)).map((e) => e.outcome)).toEqual(['updated', 'updated']);
    const again = await v.sync(urls);
    expect(again.map((e) => [e.outcome, e.reason])).toEqual([
      ['unchanged', 'the same bytes as the list in force'],
      ['unchanged', 'the same bytes as the list in force'],
    ]);
  }, BOUND);

  it('keeps the ETag of a server that serves the list in force again, and then asks with If-None-Match', async () => {
    const seen: (string | undefined)[] = [];
    const body = trustList();
    const url = await serve((req, res) => {
      seen.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"t1"') { res.writeHead(304).end(); return; }
      res.writeHead(200, { etag: '"t1"' }).end(body);
    });
    const v = await make();
    await v.applyTrustList(body); // applied from elsewhere: no validator for this URL yet
    expect((await v.sync({ trust: url }))[0]).toMatchObject({ outcome: 'unchanged', reason: 'the same bytes as the list in force' });
    expect((await v.sync({ trust: url }))[0]).toMatchObject({ outcome: 'unchanged', reason: 'HTTP 304: the ETag of the list in force still matches' });
    expect(seen).toEqual([undefined, '"t1"']);
  }, BOUND);

  it('reports the same version with other bytes as unchanged, and a lower version as a failure', async () => {
    let body = trustList({ version: 2 });
    const url = await serve(plain(() => body));
    const v = await make();
    expect((await v.sync({ trust: url }))[0]?.outcome).toBe('updated');
    body = trustList({ version: 2, issuedAt: NOW }); // re-signed, same version
    expect((await v.sync({ trust: url }))[0]).toMatchObject({ outcome: 'unchanged', reason: 'the same version (2) as the list in force' });
    body = trustList({ version: 1 });
    expect((await v.sync({ trust: url }))[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/ROLLBACK/) });
    // A forged list of the same version is refused for its signature, not taken as "unchanged".
    const forged = trustList({ version: 2, issuedAt: NOW + 1 });
    forged[forged.length - 1]! ^= 1;
    body = forged;
    expect((await v.sync({ trust: url }))[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/BAD_SIGNATURE/) });
  }, BOUND);

  it('fails on a 304 to a request that sent no If-None-Match', async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => { seen.push(req.headers['if-none-match']); res.writeHead(304).end(); });
    const v = await make();
    const [entry] = await v.sync({ trust: url });
    expect(entry).toMatchObject({ outcome: 'failed', reason: 'HTTP 304 (not modified) to a request without If-None-Match: no list to keep' });
    expect(seen).toEqual([undefined]);
  }, BOUND);
});

describe('sync(): trust and revocation servers at once', () => {
  it('downloads the revocations while the trust server is silent; the silent one times out alone', async () => {
    let trustPending = false;
    let askedWhileTrustPending: boolean | undefined;
    const trustUrl = await serve((_req, res) => {
      trustPending = true;
      // Silent; bounded for code without deadlines: gives up after 3 s.
      const t = setTimeout(() => { trustPending = false; res.writeHead(503).end(); }, 3000);
      res.on('close', () => { trustPending = false; clearTimeout(t); });
    });
    const revUrl = await serve((req, res) => { askedWhileTrustPending = trustPending; plain(() => revocations(1))(req, res); });
    const v = await make(500);
    await v.applyTrustList(trustList());
    const report = await v.sync({ trust: trustUrl, revocations: revUrl });
    expect(report.map((e) => e.outcome)).toEqual(['failed', 'updated']);
    expect(report[0]?.reason).toBe('timed out after 500 ms waiting for the response headers');
    // The revocation server was asked while the trust request was still open: it did not wait its turn.
    expect(askedWhileTrustPending).toBe(true);
  }, BOUND);

  it('applies the trust list first: a revocation list signed by a root the new trust list introduces is accepted', async () => {
    let revocationsAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => { revocationsAsked = resolve; });
    const revoked = token();
    // The trust server answers only once the revocation server has been asked (or gives up after 3 s).
    const trustUrl = await serve((_req, res) => {
      const t = setTimeout(() => res.writeHead(503).end(), 3000);
      void asked.then(() => { clearTimeout(t); plain(() => trustList({ version: 2, roots: [root2.publicKey] }))(_req, res); });
    });
    const revUrl = await serve((_req, res) => { revocationsAsked(); plain(() => revocations(1, [revokedPrefix(revoked.cti)], root2.secretKey))(_req, res); });
    const v = await make(10_000);
    await v.applyTrustList(trustList());
    const report = await v.sync({ trust: trustUrl, revocations: revUrl });
    expect(report.map((e) => e.outcome)).toEqual(['updated', 'updated']);
    expect(v.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
  }, BOUND);
});

describe('sync(): servers that close mid-body', () => {
  it('reports a body cut short, announced or chunked, and moves on to the next revocation URL', async () => {
    const full = revocations(2);
    const announced = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(full.length) });
      res.write(full.subarray(0, 50), () => res.socket?.destroy());
    });
    const chunked = await serve((_req, res) => {
      res.writeHead(200);
      res.write(full.subarray(0, 50), () => res.socket?.destroy());
    });
    const good = await serve(plain(() => full));
    const v = await make();
    await v.applyTrustList(trustList());
    const report = await v.sync({ revocations: [announced, chunked, good] });
    expect(report.map((e) => e.outcome)).toEqual(['failed', 'failed', 'updated']);
    for (const e of report.slice(0, 2)) expect(e.reason).toMatch(/^connection lost after \d+ bytes of the body: /);
    expect(v.revocationList?.version).toBe(2);
  }, BOUND);

  it('reports a body that ends before its announced length (a fetch that does not check it)', async () => {
    const full = trustList();
    const v = await createVerifier({
      roots: [root.publicKey], storage: null, now: () => NOW,
      fetch: () => Promise.resolve({
        status: 200,
        headers: { get: (name: string) => (name === 'content-length' ? String(full.length) : null) },
        body: new Blob([full.slice(0, 10) as Uint8Array<ArrayBuffer>]).stream(),
        arrayBuffer: () => Promise.reject(new Error('unused')),
      }),
    });
    expect((await v.sync({ trust: 'http://example.invalid/t' }))[0]?.reason).toBe(`body ended after 10 of the ${full.length} bytes announced`);
  }, BOUND);

  it('reports a refused connection and a throwing fetch as failures, never as a throw', async () => {
    const url = await serve(() => undefined);
    const { server } = servers[0]!;
    await new Promise((resolve) => server.close(resolve));
    const v = await make(5000);
    expect((await v.sync({ trust: url }))[0]?.reason).toMatch(/^request failed: /);
    const throwing = await createVerifier({ roots: [root.publicKey], storage: null, fetch: () => { throw new TypeError('bad url'); } });
    expect((await throwing.sync({ trust: 'x' }))[0]).toMatchObject({ outcome: 'failed', reason: 'request failed: bad url' });
  }, BOUND);
});
