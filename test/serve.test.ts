// `passgate serve` end to end, as a child process over loopback: every route and every error answer,
// health before and after lists and when stale, metrics as Prometheus text, sync on a schedule from a
// loopback list server, the line relay, and SIGTERM -> exit 0 with the store intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { buildRevocationList, revokedPrefix, toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { bindingNow, DAY, device, NOW, presentAll, root, root2, token, trustList } from './support/issuerFixtures.js';
import { killGates, runPassgate, startGate, type ServedGate } from './support/servedGate.js';

const ROOT = toHex(root.publicKey);
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'passgate-serve-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  killGates(); // whatever a failed test left running
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Files of a gate: a trust list (v1) and a revocation list (v1) revoking `revoked`. */
function listFiles(dir: string, revoked: Uint8Array[] = [], over: { expires?: number } = {}): { trust: string; revocations: string } {
  const trust = join(dir, 'trust.cbor');
  const revocations = join(dir, 'revocations.cbor');
  writeFileSync(trust, trustList(over.expires === undefined ? {} : { expires: over.expires }));
  writeFileSync(revocations, buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 2 * DAY, revoked: revoked.map(revokedPrefix) }));
  return { trust, revocations };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request by node:http (fetch would not let a test send HEAD bodies or odd headers as plainly). */
function http(url: string, method: string, body?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (g: ServedGate, path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Reply> => http(g.url + path, 'POST', body, headers);
const json = (r: Reply): Record<string, unknown> => JSON.parse(r.text) as Record<string, unknown>;

describe('passgate serve: the routes', () => {
  let gate: ServedGate;
  const revokedToken = token();
  const ok = presentAll(token());
  const yellow = presentAll(token({ claims: { status: 1 } }));

  beforeAll(async () => {
    const dir = tempDir();
    const f = listFiles(dir, [revokedToken.cti]);
    gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', f.trust, '--revocations', f.revocations, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
  });
  afterAll(async () => {
    await gate?.stop();
  });

  it('POST /verify answers PG1: text, hex and raw bytes with the JSON object of §9', async () => {
    const text = await post(gate, '/verify', toQrText(ok));
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toMatch(/^application\/json/);
    expect(json(text)).toEqual({ result: 'OK', iss: 'CN-35', kid: expect.stringMatching(/^[0-9a-f]{16}$/), claims: { status: 0, nat: [NOW - 20 * 3600, 0], vax: [3, NOW - 200 * DAY] } });
    expect(json(await post(gate, '/verify', toHex(ok).toUpperCase() + '\r\n'))).toMatchObject({ result: 'OK' });
    expect(json(await post(gate, '/verify', ok, { 'Content-Type': 'application/octet-stream' }))).toMatchObject({ result: 'OK' });
    expect(json(await post(gate, '/verify', presentAll(revokedToken), { 'Content-Type': 'application/octet-stream' }))).toEqual({ result: 'TOKEN_REVOKED' });
    // Over 4,096 bytes but under the body cap: an answer, not a refusal.
    expect(json(await post(gate, '/verify', 'ab'.repeat(5000)))).toEqual({ result: 'MALFORMED' });
    expect(json(await post(gate, '/verify', ''))).toEqual({ result: 'MALFORMED' });
  });

  it('takes ?venue=, ?nonce= and ?explain=1', async () => {
    expect(json(await post(gate, '/verify?venue=school', toQrText(yellow)))).toMatchObject({ result: 'STATUS_NOT_ALLOWED', claims: { status: 1 } });
    expect(json(await post(gate, '/verify?venue=taxi', toQrText(yellow)))).toMatchObject({ result: 'OK' });
    const bound = token({ cnf: device.publicKey });
    const nonce = new Uint8Array(16).fill(9);
    const p = presentAll(bound, bindingNow({ nonce }));
    expect(json(await post(gate, `/verify?nonce=${toHex(nonce)}`, toQrText(p)))).toMatchObject({ result: 'OK' });
    expect(json(await post(gate, '/verify', toQrText(p)))).toEqual({ result: 'HOLDER_BINDING_FAILED' });
    const explained = json(await post(gate, '/verify?explain=1', toQrText(presentAll(token({ exp: NOW - 100 })))));
    expect(explained).toEqual({ result: 'EXPIRED', detail: { step: 7, check: 'now < exp + skew', values: { now: NOW, exp: NOW - 100, skew: 60 } } });
  });

  it('POST /verify-batch answers one JSON line per line, in order', async () => {
    const body = [toQrText(ok), '', toHex(presentAll(revokedToken)), toQrText(yellow)].join('\n') + '\n';
    const r = await post(gate, '/verify-batch?venue=school', body);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = r.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { result: string });
    expect(lines.map((l) => l.result)).toEqual(['OK', 'TOKEN_REVOKED', 'STATUS_NOT_ALLOWED']); // the blank line skipped (test/serveBlankLines.test.ts)
    // 300 lines: large enough for the batch path, every one answered as verify() would.
    const many = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? toQrText(presentAll(revokedToken)) : toQrText(ok)));
    const big = await post(gate, '/verify-batch', many.join('\n'));
    expect(big.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(many.map((_, i) => (i % 3 === 0 ? 'TOKEN_REVOKED' : 'OK')));
    expect((await post(gate, '/verify-batch', '')).text).toBe('');
  });

  it('answers concurrent requests each with its own result', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? toQrText(ok) : toQrText(presentAll(revokedToken))));
    const replies = await Promise.all(inputs.map((p, i) => post(gate, i % 4 === 1 ? '/verify?venue=school' : '/verify', p)));
    expect(replies.map((r) => json(r)['result'])).toEqual(inputs.map((_, i) => (i % 2 === 0 ? 'OK' : 'TOKEN_REVOKED')));
  });

  it('refuses bad requests with precise 4xx answers, never a crash', async () => {
    const tooBig = await post(gate, '/verify', 'A'.repeat(64 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(json(tooBig)['error']).toMatch(/over the limit of 65536 bytes/);
    const venue = await post(gate, '/verify?venue=moon_base', toQrText(ok));
    expect(venue.status).toBe(400);
    expect(json(venue)['error']).toMatch(/moon_base/);
    expect((await post(gate, '/verify-batch?venue=moon_base', toQrText(ok))).status).toBe(400);
    const method = await http(gate.url + '/verify', 'GET');
    expect(method.status).toBe(405);
    expect(method.headers['allow']).toBe('POST');
    expect((await post(gate, '/health', '')).status).toBe(405);
    const missing = await http(gate.url + '/nope', 'GET');
    expect(missing.status).toBe(404);
    expect(json(missing)).toMatchObject({ status: 404, error: expect.stringMatching(/no route \/nope/) });
    expect((await post(gate, '/verify?nonce=xyz', toQrText(ok))).status).toBe(400);
    expect((await post(gate, '/verify?colour=red', toQrText(ok))).status).toBe(400);
    expect((await post(gate, '/verify?explain=maybe', toQrText(ok))).status).toBe(400);
    expect((await post(gate, '/verify', '<pass/>', { 'Content-Type': 'application/xml' })).status).toBe(415);
    expect((await post(gate, '/verify-batch', ok, { 'Content-Type': 'application/octet-stream' })).status).toBe(415);
    // A body that claims more than the cap is refused before it is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request(gate.url + '/verify-batch', { method: 'POST', headers: { 'Content-Length': String(64 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x');
    });
    expect(declared).toBe(413);
    // Still serving after all of that.
    expect(json(await post(gate, '/verify', toQrText(ok)))).toMatchObject({ result: 'OK' });
    expect(gate.stderr()).not.toMatch(/internal error/);
  });

  it('GET /health gives the versions and expiry of the lists in force (HEAD too)', async () => {
    const r = await http(gate.url + '/health', 'GET');
    expect(r.status).toBe(200);
    expect(json(r)).toMatchObject({
      status: 'ok', passgate: '0.1.0', now: NOW, problems: [],
      trust: { version: 1, issued_at: NOW - DAY, expires: NOW + 30 * DAY, issuers: 2, last_sync: null },
      revocations: { kind: 'list', version: 1, expires: NOW + 2 * DAY, count: 1, last_sync: null },
      sync: null,
    });
    const head = await http(gate.url + '/health', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('GET /metrics is Prometheus text: counts by result and venue, latency histograms, list gauges', async () => {
    // Traffic of its own, so that this test reads the same alone as after the others.
    await post(gate, '/verify?venue=general', toQrText(ok));
    await post(gate, '/verify-batch?venue=school', `${toQrText(yellow)}\n${toQrText(yellow)}\n`);
    await post(gate, '/verify', toQrText(presentAll(revokedToken)));
    await post(gate, '/verify', 'A'.repeat(64 * 1024 + 1));
    await http(gate.url + '/nope', 'GET');
    await http(gate.url + '/health', 'GET');
    for (let i = 0; i < 8; i++) await post(gate, '/verify', toHex(ok));
    const r = await http(gate.url + '/metrics', 'GET');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    // Read by an independent parser (counters and gauges; it merges labelled histograms, so those are
    // checked below from the text itself).
    const families = new Map(parsePrometheus(r.text).map((f) => [f.name, f]));
    const verifications = families.get('passgate_verifications_total')!;
    expect(verifications.type).toBe('COUNTER');
    const countOf = (result: string, venue: string): number => Number(verifications.metrics.find((m) => m.labels?.['result'] === result && m.labels?.['venue'] === venue)?.value ?? 0);
    expect(countOf('OK', 'general')).toBeGreaterThanOrEqual(1);
    expect(countOf('STATUS_NOT_ALLOWED', 'school')).toBeGreaterThanOrEqual(2);
    expect(countOf('TOKEN_REVOKED', 'none')).toBeGreaterThanOrEqual(1);
    expect(families.get('passgate_http_request_duration_seconds')!.type).toBe('HISTOGRAM');
    const exposition = checkExposition(r.text);
    const verifyLatency = exposition.histograms.get('passgate_http_request_duration_seconds{route="/verify"}')!;
    expect(verifyLatency.count).toBeGreaterThanOrEqual(10);
    expect(exposition.histograms.has('passgate_http_request_duration_seconds{route="/health"}')).toBe(true);
    const requests = families.get('passgate_http_requests_total')!;
    expect(requests.metrics.some((m) => m.labels?.['route'] === 'other' && m.labels?.['status'] === '404')).toBe(true);
    expect(requests.metrics.some((m) => m.labels?.['route'] === '/verify' && m.labels?.['status'] === '413')).toBe(true);
    expect(families.get('passgate_trust_list_version')!.metrics[0]!.value).toBe('1');
    expect(families.get('passgate_revocation_expires_timestamp_seconds')!.metrics[0]!.value).toBe(String(NOW + 2 * DAY));
    expect(families.get('passgate_healthy')!.metrics[0]!.value).toBe('1');
  });
});

describe('passgate serve: health before and after lists, and when stale', () => {
  it('is 503 and refuses to verify with no list, 200 once a list is given, 503 once it has expired', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const empty = await startGate(['--root', ROOT, '--storage', store, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    const h = await http(empty.url + '/health', 'GET');
    expect(h.status).toBe(503);
    expect(json(h)).toMatchObject({ status: 'empty', trust: null, revocations: null });
    const v = await post(empty, '/verify', toQrText(presentAll(token())));
    expect(v.status).toBe(503);
    expect(json(v)['error']).toMatch(/no trust list/);
    expect(await empty.stop()).toBe(0);

    const f = listFiles(dir);
    const fresh = await startGate(['--root', ROOT, '--storage', store, '--trust', f.trust, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect((await http(fresh.url + '/health', 'GET')).status).toBe(200);
    expect(await fresh.stop()).toBe(0);

    const late = NOW + 31 * DAY;
    const stale = await startGate(['--root', ROOT, '--storage', store, '--listen', '127.0.0.1:0', '--now', String(late)]);
    const s = await http(stale.url + '/health', 'GET');
    expect(s.status).toBe(503);
    expect(json(s)).toMatchObject({ status: 'stale', problems: ['stale: the trust list has expired'], trust: { version: 1 } });
    expect(json(await post(stale, '/verify', toQrText(presentAll(token({ exp: late + DAY })))))).toEqual({ result: 'TRUST_LIST_EXPIRED' });
    expect(await stale.stop()).toBe(0);
  });
});

/** A loopback list server: the files it publishes, with ETags and 304s, as a CDN would serve them. */
class ListServer {
  readonly files = new Map<string, Uint8Array>();
  requests = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests += 1;
      const body = this.files.get(req.url ?? '');
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      res.writeHead(200, { ETag: etag, 'Content-Type': 'application/cbor', 'Content-Length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('passgate serve: sync on a schedule', () => {
  it('fetches the lists at start and again every --sync-every seconds, and a revocation takes effect', async () => {
    const lists = new ListServer();
    await lists.start();
    try {
      const t = token();
      lists.files.set('/trust.cbor', trustList());
      lists.files.set('/revocations.cbor', buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + DAY, revoked: [] }));
      const dir = tempDir();
      const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust-url', `${lists.url}/trust.cbor`,
        '--revocations-url', `${lists.url}/revocations.cbor`, '--sync-every', '1', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
      const first = await until('the first sync', async () => {
        const h = json(await http(gate.url + '/health', 'GET')) as { sync: { last_success: number | null } };
        return h.sync.last_success !== null ? h : undefined;
      });
      expect(first).toMatchObject({ trust: { version: 1, last_sync: expect.any(Number) }, revocations: { version: 1 }, sync: { every: 1, last_success: expect.any(Number) } });
      expect(json(await post(gate, '/verify', toQrText(presentAll(t))))).toMatchObject({ result: 'OK' });

      // The issuer revokes the token: the next scheduled sync brings it, without a restart.
      lists.files.set('/revocations.cbor', buildRevocationList({ rootSecret: root.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
      await until('revocation list v2', async () => {
        const h = json(await http(gate.url + '/health', 'GET')) as { revocations?: { version: number } };
        return h.revocations?.version === 2 ? true : undefined;
      });
      expect(json(await post(gate, '/verify', toQrText(presentAll(t))))).toEqual({ result: 'TOKEN_REVOKED' });
      // Unchanged lists are confirmed with 304s, schedule after schedule.
      const before = lists.requests;
      await until('two more syncs', async () => (lists.requests >= before + 4 ? true : undefined));
      const report = (json(await http(gate.url + '/health', 'GET')) as { sync: { report: { outcome: string }[] } }).sync.report;
      expect(report.map((e) => e.outcome)).toEqual(['unchanged', 'unchanged']);
      expect(await gate.stop()).toBe(0);
    } finally {
      await lists.close();
    }
  });

  it('retries a sync that missed a list within seconds, not a whole --sync-every later (a gate booted before its uplink)', async () => {
    const lists = new ListServer();
    await lists.start();
    try {
      const dir = tempDir();
      const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust-url', `${lists.url}/trust.cbor`,
        '--sync-every', '3600', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
      await until('a failed first sync', async () => {
        const h = json(await http(gate.url + '/health', 'GET')) as { sync: { report: { outcome: string }[] } };
        return h.sync.report.some((e) => e.outcome === 'failed') ? true : undefined;
      });
      expect((await http(gate.url + '/health', 'GET')).status).toBe(503);
      lists.files.set('/trust.cbor', trustList()); // the uplink comes up
      const h = await until('the retried sync', async () => {
        const r = await http(gate.url + '/health', 'GET');
        // 200 comes as the list is applied; last_success once the whole sync has ended.
        return r.status === 200 && (json(r)['sync'] as { last_success: number | null }).last_success !== null ? json(r) : undefined;
      });
      expect(h).toMatchObject({ status: 'ok', trust: { version: 1 }, sync: { every: 3600, last_success: expect.any(Number) } });
      expect(json(await post(gate, '/verify', toQrText(presentAll(token()))))).toMatchObject({ result: 'OK' });
      expect(await gate.stop()).toBe(0);
    } finally {
      await lists.close();
    }
  });

  it('keeps serving the stored lists when the list server is gone', async () => {
    const dir = tempDir();
    const f = listFiles(dir);
    const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', f.trust, '--trust-url', 'http://127.0.0.1:9/trust.cbor',
      '--sync-every', '1', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    const h = await until('a failed sync', async () => {
      const body = json(await http(gate.url + '/health', 'GET')) as { sync: { last_attempt: number | null; report: { outcome: string }[] } };
      return body.sync.report.length > 0 ? body : undefined;
    });
    expect(h).toMatchObject({ status: 'ok', trust: { version: 1, last_sync: null }, sync: { last_success: null, report: [{ outcome: 'failed' }] } });
    expect(json(await post(gate, '/verify', toQrText(presentAll(token()))))).toMatchObject({ result: 'OK' });
    expect(await gate.stop()).toBe(0);
  });
});

describe('passgate serve: the line relay (--stdin)', () => {
  it('answers each line as it comes with a JSON decision, and exits 0 at the end of input', async () => {
    const dir = tempDir();
    const f = listFiles(dir);
    const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', f.trust, '--venue', 'school', '--stdin', '--now', String(NOW)], { http: false });
    // A keyboard-wedge scanner types the text and Enter (CRLF here), one code at a time.
    gate.proc.stdin.write(toQrText(presentAll(token())) + '\r\n');
    await until('the first decision', async () => (gate.stdout().includes('\n') ? true : undefined));
    expect(JSON.parse(gate.stdout())).toMatchObject({ result: 'OK', claims: { status: 0 } });
    gate.proc.stdin.write('\n' + toQrText(presentAll(token({ claims: { status: 1 } }))) + '\nnot a pass\n');
    gate.proc.stdin.end();
    expect(await gate.exited).toBe(0);
    expect(gate.stdout().trimEnd().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['OK', 'STATUS_NOT_ALLOWED', 'MALFORMED']);
  });

  it('reads a device file with --input', async () => {
    const dir = tempDir();
    const f = listFiles(dir);
    const device = join(dir, 'scanner.txt');
    writeFileSync(device, `${toHex(presentAll(token()))}\n${toQrText(presentAll(token({ exp: NOW - 1000 })))}\n`);
    const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', f.trust, '--input', device, '--now', String(NOW)], { http: false });
    expect(await gate.exited).toBe(0);
    expect(gate.stdout().trimEnd().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['OK', 'EXPIRED']);
  });
});

describe('passgate serve: start and stop', () => {
  it('SIGTERM closes cleanly (exit 0) and keeps the store: a restart finds the lists', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const revoked = token();
    const f = listFiles(dir, [revoked.cti]);
    const first = await startGate(['--root', ROOT, '--storage', store, '--trust', f.trust, '--revocations', f.revocations, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect(json(await post(first, '/verify', toQrText(presentAll(revoked))))).toEqual({ result: 'TOKEN_REVOKED' });
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.stderr()).toMatch(/SIGTERM: closing/);
    expect(readdirSync(store).sort()).toEqual(expect.arrayContaining(['anchor.pgs', 'state.pgs', 'storage.key']));

    const again = await startGate(['--root', ROOT, '--storage', store, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect(json(await http(again.url + '/health', 'GET'))).toMatchObject({ status: 'ok', trust: { version: 1 }, revocations: { version: 1, count: 1 } });
    expect(json(await post(again, '/verify', toQrText(presentAll(revoked))))).toEqual({ result: 'TOKEN_REVOKED' });
    expect(await again.stop('SIGINT')).toBe(0);

    // Restarted with the same files (as a service manager does): they are in force already, not refused.
    const same = await startGate(['--root', ROOT, '--storage', store, '--trust', f.trust, '--revocations', f.revocations, '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    expect(same.stderr()).toMatch(/trust\.cbor: not applied, the stored trust list is as new or newer/);
    expect((await http(same.url + '/health', 'GET')).status).toBe(200);
    expect(await same.stop()).toBe(0);
  });

  it('spreads large batches over --workers and answers them as the calling thread would', async () => {
    const dir = tempDir();
    const revoked = token();
    const f = listFiles(dir, [revoked.cti]);
    const gate = await startGate(['--root', ROOT, '--storage', join(dir, 'store'), '--trust', f.trust, '--revocations', f.revocations, '--workers', '1', '--listen', '127.0.0.1:0', '--now', String(NOW)]);
    const lines = Array.from({ length: 600 }, (_, i) => toQrText(presentAll(i % 5 === 0 ? revoked : token())));
    const r = await post(gate, '/verify-batch?venue=school', lines.join('\n'));
    expect(r.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(lines.map((_, i) => (i % 5 === 0 ? 'TOKEN_REVOKED' : 'OK')));
    expect(await gate.stop()).toBe(0);
  });

  it('exits 2 with the reason for a refused file, an unknown venue or a bad option', async () => {
    const dir = tempDir();
    const forged = join(dir, 'forged.cbor');
    writeFileSync(forged, trustList({ rootSecret: root2.secretKey }));
    const refused = await runPassgate(['serve', '--root', ROOT, '--storage', join(dir, 'a'), '--trust', forged, '--listen', '127.0.0.1:0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/forged\.cbor: trust list refused \(UNTRUSTED_SIGNER\)/);
    const f = listFiles(dir);
    const venue = await runPassgate(['serve', '--root', ROOT, '--storage', join(dir, 'b'), '--trust', f.trust, '--venue', 'moon_base', '--listen', '127.0.0.1:0']);
    expect(venue.code).toBe(2);
    expect(venue.stderr).toMatch(/moon_base/);
    // An address already taken: said, not a crash.
    const taken = await startGate(['--root', ROOT, '--storage', join(dir, 'd'), '--trust', f.trust, '--listen', '127.0.0.1:0']);
    const port = new URL(taken.url).port;
    const busy = await runPassgate(['serve', '--root', ROOT, '--storage', join(dir, 'e'), '--trust', f.trust, '--listen', `127.0.0.1:${port}`]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`^passgate: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    expect(await taken.stop()).toBe(0);
    for (const bad of [['--listen', 'localhost'], ['--sync-every', '5'], ['--trust-url', 'ftp://x/y'], ['--workers', '0'], ['--stdin', '--input', 'x']]) {
      const r = await runPassgate(['serve', '--root', ROOT, '--storage', join(dir, 'c'), ...bad]);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr, bad.join(' ')).toMatch(/^passgate: /);
    }
  });

  it('passgate --version prints the package version', async () => {
    const r = await runPassgate(['--version']);
    expect(r).toEqual({ code: 0, stdout: 'passgate 0.1.0\n', stderr: '' });
  });
});

/**
 * The text exposition format, strictly: every family has its HELP and TYPE before its samples, every
 * sample belongs to the family declared last, labels are name="escaped value", values are numbers,
 * and each histogram series has ascending buckets ending in +Inf, cumulative, with +Inf = _count.
 */
function checkExposition(text: string): { histograms: Map<string, { count: number }> } {
  expect(text.endsWith('\n')).toBe(true);
  let family = '';
  let type = '';
  const histograms = new Map<string, { les: number[]; counts: number[]; count?: number; sum?: number }>();
  const lines = text.slice(0, -1).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const help = /^# HELP (passgate_[a-z_]+) \S.*$/.exec(line);
    if (help) {
      family = help[1]!;
      const t = /^# TYPE ([a-z_]+) (counter|gauge|histogram)$/.exec(lines[++i] ?? '');
      expect(t?.[1], line).toBe(family);
      type = t![2]!;
      continue;
    }
    const m = /^([a-z_]+)(?:\{((?:[a-z_]+="(?:[^"\\\n]|\\["\\n])*",?)*)\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf)$/.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    const [, name, labelText = '', value] = m!;
    const labels = [...labelText.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!] as const);
    if (type !== 'histogram') {
      expect(name, line).toBe(family);
      continue;
    }
    const suffix = name!.slice(family.length);
    expect(name!.startsWith(family) && ['_bucket', '_sum', '_count'].includes(suffix), line).toBe(true);
    const series = `${family}{${labels.filter(([k]) => k !== 'le').map(([k, v]) => `${k}="${v}"`).join(',')}}`;
    let h = histograms.get(series);
    if (!h) histograms.set(series, (h = { les: [], counts: [] }));
    if (suffix === '_bucket') {
      const le = labels.find(([k]) => k === 'le')?.[1];
      expect(le, line).toBeDefined();
      h.les.push(le === '+Inf' ? Infinity : Number(le));
      h.counts.push(Number(value));
    } else if (suffix === '_count') h.count = Number(value);
    else h.sum = Number(value);
  }
  const out = new Map<string, { count: number }>();
  for (const [series, h] of histograms) {
    expect(h.les.at(-1), series).toBe(Infinity);
    for (let i = 1; i < h.les.length; i++) {
      expect(h.les[i]!, series).toBeGreaterThan(h.les[i - 1]!);
      expect(h.counts[i]!, series).toBeGreaterThanOrEqual(h.counts[i - 1]!);
    }
    expect(h.counts.at(-1), series).toBe(h.count);
    expect(h.sum, series).toBeGreaterThanOrEqual(0);
    out.set(series, { count: h.count! });
  }
  return { histograms: out };
}
