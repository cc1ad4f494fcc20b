// Issue 17, defects 1, 3, 4 and 6: `passgate serve` under clients that try to stop it. Request bodies in
// flight share a budget (503 beyond it) and a deadline far below Node's 300 s (408); /verify-batch caps
// its lines (413 naming the cap), is split into lines as it streams in, verified in pieces that let
// other requests run, and answered as a stream; SIGTERM aborts a stuck sync, answers the requests
// already received and exits within 5 s; a state record without its anchor is logged and not put in
// force. Run as integrators run it: a child process on loopback.
import { afterAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { MAX_BATCH_LINES } from '../sdk/serve/httpRoutes.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { killGates, startGate, type ServedGate } from './support/servedGate.js';

const ROOT = toHex(root.publicKey);
const dirs: string[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  killGates();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function gate(extra: string[] = []): Promise<ServedGate> {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-limits-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'trust.cbor'), trustList());
  return startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', join(dir, 'trust.cbor'), '--listen', '127.0.0.1:0', '--now', String(NOW), ...extra]);
}

/** Sends `head` and `body` on a raw connection and resolves with what comes back first (or '' after `waitMs`). */
function raw(g: ServedGate, head: string, body: string | Buffer, waitMs: number): Promise<string> {
  const { hostname, port } = new URL(g.url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    sockets.push(s);
    let got = '';
    const timer = setTimeout(() => resolve(got), waitMs);
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n[^]*\}\n/.test(got)) { clearTimeout(timer); resolve(got); }
    });
    s.on('error', () => undefined);
    s.on('close', () => { clearTimeout(timer); resolve(got); });
    s.write(head);
    s.write(body);
  });
}

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const batchHead = (length: number): string =>
  `POST /verify-batch HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\n\r\n`;
const pass = toQrText(presentAll(token()));

describe('passgate serve: request bodies under a budget and a deadline', () => {
  it('bodies announced beyond the budget of bodies in flight get 503 at once; the budget comes back when they end', async () => {
    const g = await gate();
    const MiB = 1024 * 1024;
    // Four clients announce 16 MiB each, send a line and go silent: together they hold the 64 MiB budget.
    const silent = Array.from({ length: 4 }, () => raw(g, batchHead(16 * MiB), `${pass}\n`, 60_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fifth = await raw(g, batchHead(16 * MiB), `${pass}\n`, 5_000);
    expect(fifth).toMatch(/^HTTP\/1\.1 503 /);
    expect(fifth).toMatch(/retry-after: 1/i);
    expect(fifth).toMatch(/budget of 67108864 bytes/);
    // Other requests (small bodies that fit) are still answered; once the silent ones are gone, big ones too.
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(silent);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const r = await post(`${g.url}/verify-batch`, `${pass}\n${pass}\n`);
    expect(r.status).toBe(200);
    expect(await g.stop()).toBe(0);
  }, 30_000);

  it('a body that stops arriving is refused with 408 after --body-timeout, not held for 300 s', async () => {
    const g = await gate(['--body-timeout', '1']);
    const started = Date.now();
    const answer = await raw(g, batchHead(1000), pass.slice(0, 10), 10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/did not arrive within 1 s/);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await g.stop()).toBe(0);
  }, 30_000);
});

describe('passgate serve: /verify-batch in lines, pieces and a stream', () => {
  it(`a body of 1 MiB of newlines (a million empty lines) is 413 naming the cap of ${MAX_BATCH_LINES} lines`, async () => {
    const g = await gate();
    const r = await post(`${g.url}/verify-batch`, '\n'.repeat(1024 * 1024));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toEqual({ status: 413, error: `a batch holds at most ${MAX_BATCH_LINES} lines: split it` });
    expect((await post(`${g.url}/verify`, pass)).status).toBe(200);
    expect(await g.stop()).toBe(0);
  }, 30_000);

  it('a full batch is answered as a stream, and other requests are answered while it is verified', async () => {
    const g = await gate();
    const order: string[] = [];
    const batch = new Promise<{ lines: string[]; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = request(`${g.url}/verify-batch`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
        order.push('batch head');
        // The batch has begun: a request now is answered between its pieces, before its last line.
        void post(`${g.url}/verify`, pass).then((r) => order.push(`verify ${r.status}`));
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          order.push('batch end');
          resolve({ lines: text.trimEnd().split('\n'), headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end(`${pass}\n`.repeat(MAX_BATCH_LINES));
    });
    const { lines, headers } = await batch;
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    expect(lines).toHaveLength(MAX_BATCH_LINES);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { result: string }).result))).toEqual(new Set(['OK']));
    expect(order).toEqual(['batch head', 'verify 200', 'batch end']);
    expect(await g.stop()).toBe(0);
  }, 60_000);
});

describe('passgate serve: SIGTERM with a stuck sync and requests in flight', () => {
  it('aborts the sync, answers every request already received, and exits 0 within 5 s', async () => {
    // A list server that accepts and never answers: the sync that asks it waits out its 30 s deadline.
    const asked: string[] = [];
    const stuck: Server = createServer((req) => { asked.push(req.url ?? ''); });
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const port = (stuck.address() as { port: number }).port;
    try {
      const g = await gate(['--trust-url', `http://127.0.0.1:${port}/trust.cbor`, '--revocations-url', `http://127.0.0.1:${port}/revocations.cbor`]);
      for (let i = 0; i < 100 && asked.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(asked.length).toBeGreaterThan(0); // the sync is under way, and stuck
      // Requests in flight: batches that have been received (their answers have begun) and are being verified.
      const lines = 1_000;
      const answers = Array.from({ length: 6 }, () => new Promise<{ status: number; lines: number; headersAt: number }>((resolve, reject) => {
        const req = request(`${g.url}/verify-batch`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
          const headersAt = Date.now();
          heads.push(headersAt);
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => { ends.push(Date.now()); resolve({ status: res.statusCode ?? 0, lines: text.trimEnd().split('\n').length, headersAt }); });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(`${pass}\n`.repeat(lines));
      }));
      const heads: number[] = [];
      const ends: number[] = [];
      for (let i = 0; i < 400 && heads.length < 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const signalled = Date.now();
      g.proc.kill('SIGTERM');
      const code = await g.exited;
      const tookMs = Date.now() - signalled;
      const done = await Promise.allSettled(answers);
      console.log(`SIGTERM to exit: ${tookMs} ms; the last answer ${Math.max(...ends) - signalled} ms after the signal`);
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(5_000);
      // Every request the gate had received was answered whole; none was reset.
      const received = done.filter((d) => d.status === 'fulfilled' || !/ECONNREFUSED/.test(String(d.reason)));
      expect(received.length).toBeGreaterThan(0);
      for (const d of received) expect(d).toEqual({ status: 'fulfilled', value: expect.objectContaining({ status: 200, lines }) });
      expect(g.stderr()).toMatch(/SIGTERM: closing/);
    } finally {
      stuck.closeAllConnections();
      await new Promise((resolve) => stuck.close(resolve));
    }
  }, 60_000);
});

describe('passgate serve: a state record without its anchor', () => {
  it('starts with nothing in force and says why in its log (issue 17, defect 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passgate-limits-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'trust.cbor'), trustList());
    const store = join(dir, 'store');
    const first = await startGate(['--root', ROOT, '--storage', store, '--trust', join(dir, 'trust.cbor'), '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect(await first.stop()).toBe(0);
    rmSync(join(store, 'anchor.pgs'));
    const again = await startGate(['--root', ROOT, '--storage', store, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect(again.stderr()).toMatch(/stored store not restored: the state record has no readable rollback anchor beside it/);
    expect((await post(`${again.url}/verify`, pass)).status).toBe(503); // no trust list in force
    expect(await again.stop()).toBe(0);
  }, 30_000);
});
