// `npm run bench:serve`: `passgate serve` under 64 keep-alive connections over loopback, against a bare
// node:http server answering fixed JSON on the same machine in the same run (bench/bareServer.mjs).
// The load comes from autocannon in a process of its own (bench/serveLoad.mjs). Rounds alternate
// bare and serve, so that both see the same machine; the ratio is the median of the per-round ratios.
// Targets: serve >= half the bare server's request rate, p99 <= 50 ms, no errors. Writes the `serve`
// key of bench/results.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.mjs';

const ROUNDS = Number(process.env.PASSGATE_SERVE_ROUNDS ?? 3);
const SECONDS = Number(process.env.PASSGATE_SERVE_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const CONNECTIONS = 64;
const PRESENTATIONS = 256;
const NOW = 1_750_000_000;
const DAY = 86_400;

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
if (!existsSync(here('../dist/sdk/cli/main.js'))) {
  console.error('no built SDK: run `npm run build` first');
  process.exit(1);
}
const issuer = await import('../dist/sdk/issuer/index.js');

// ---- fixtures: a root, an issuer, a trust list, and presentations as gate traffic ----
const work = mkdtempSync(join(os.tmpdir(), 'passgate-bench-serve-'));
const root = issuer.generateKeyPair();
const issuerKey = issuer.generateKeyPair();
const device = issuer.generateKeyPair();
writeFileSync(join(work, 'trust.cbor'), issuer.buildTrustList({
  rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey],
  issuers: [{ pub: issuerKey.publicKey, iss: 'CN-35', notBefore: NOW - 100 * DAY, notAfter: NOW + 100 * DAY }],
}));
/** PG1: texts; bound ones carry a device binding presented at NOW (the service's fixed clock). */
function presentations(bound) {
  return Array.from({ length: PRESENTATIONS }, () => {
    const t = issuer.issueToken({
      issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 2 * DAY, decoys: 5,
      claims: { status: 0, nat: [NOW - 20 * 3600, 0], vax: [3, NOW - 200 * DAY] },
      ...(bound ? { cnf: device.publicKey } : {}),
    });
    const p = issuer.present({ token: t.token, disclosures: t.disclosures, reveal: ['status'],
      ...(bound ? { binding: { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null } } : {}) });
    return issuer.toQrText(p);
  });
}
const workloads = { plain: presentations(false), bound: presentations(true) };
for (const [name, bodies] of Object.entries(workloads)) writeFileSync(join(work, `${name}.json`), JSON.stringify(bodies));

// ---- processes ----
function startProcess(args, ready) {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  return new Promise((resolve, reject) => {
    const look = (d) => {
      text += d;
      const m = ready.exec(text);
      if (m) resolve({ proc, port: Number(m[1]) });
    };
    proc.stdout.setEncoding('utf8').on('data', look);
    proc.stderr.setEncoding('utf8').on('data', look);
    proc.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${text}`)));
  });
}

/** CPU time a process has used (user + system), in microseconds; null off Linux. */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1e6 / 100); // clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** A load run, with the CPU time the server spent per request answered. */
async function measured(server, workload, seconds) {
  const before = cpuMicros(server.proc.pid);
  const r = await load(server.port, '/verify', workload, seconds);
  const after = cpuMicros(server.proc.pid);
  return { ...r, cpu_us_per_request: before === null || after === null ? null : (after - before) / r.requests };
}

function load(port, path, workload, seconds) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [here('serveLoad.mjs'), `http://127.0.0.1:${port}${path}`, join(work, `${workload}.json`), String(CONNECTIONS), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`load exited with ${code}`))));
  });
}

async function metricsText(port) {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return res.text();
}

const bare = await startProcess([here('bareServer.mjs')], /listening (\d+)/);
const serve = await startProcess([here('../bin/passgate.js'), 'serve', '--root', Buffer.from(root.publicKey).toString('hex'), '--storage', join(work, 'store'),
  '--trust', join(work, 'trust.cbor'), '--listen', '127.0.0.1:0', '--now', String(NOW), '--no-venue'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);

const started = performance.now();
const loadAverageAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
const samples = { bare: [], plain: [], bound: [] };
try {
  console.error(`warm-up: ${WARMUP_SECONDS} s each`);
  await load(bare.port, '/verify', 'plain', WARMUP_SECONDS);
  await load(serve.port, '/verify', 'plain', WARMUP_SECONDS);
  await load(serve.port, '/verify', 'bound', WARMUP_SECONDS);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round: none of them always goes first on a machine that warms or cools.
    const order = [['bare', bare, 'plain'], ['plain', serve, 'plain'], ['bound', serve, 'bound']];
    for (let i = 0; i < round % order.length; i++) order.push(order.shift());
    for (const [key, server, workload] of order) {
      const r = await measured(server, workload, SECONDS);
      samples[key].push(r);
      console.error(`round ${round + 1}/${ROUNDS} ${key}: ${Math.round(r.requests_per_s)} req/s, p99 ${r.latency_ms.p99} ms, ${r.cpu_us_per_request?.toFixed(1)} µs CPU/request, errors ${r.errors + r.timeouts + r.non2xx}`);
    }
  }
} finally {
  bare.proc.kill('SIGTERM');
}
// Every answer was a verification: the service's own count, by result, over the whole run.
const metrics = await metricsText(serve.port);
serve.proc.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });

const byResult = Object.fromEntries([...metrics.matchAll(/^passgate_verifications_total\{result="([A-Z_]+)",venue="none"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
const summary = (key) => {
  const s = samples[key];
  const errors = s.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  return {
    requests_per_s: Math.round(median(s.map((r) => r.requests_per_s))),
    p99_ms: median(s.map((r) => r.latency_ms.p99)),
    worst_p99_ms: Math.max(...s.map((r) => r.latency_ms.p99)),
    p50_ms: median(s.map((r) => r.latency_ms.p50)),
    cpu_us_per_request: s[0].cpu_us_per_request === null ? null : Number(median(s.map((r) => r.cpu_us_per_request)).toFixed(1)),
    requests: s.reduce((n, r) => n + r.requests, 0),
    errors,
  };
};
/** Bare CPU per request ÷ serve CPU per request: the rate ratio where the server, not the client, is the limit. */
const cpuRatio = (key) => (samples[key][0].cpu_us_per_request === null ? null
  : Number(median(samples[key].map((r, i) => samples.bare[i].cpu_us_per_request / r.cpu_us_per_request)).toFixed(3)));
const ratio = (key) => Number(median(samples[key].map((r, i) => r.requests_per_s / samples.bare[i].requests_per_s)).toFixed(3));
const plain = summary('plain');
const bound = summary('bound');
const bareSummary = summary('bare');
const targets = [
  { measure: 'serve ÷ bare node:http, PG1: presentations', value: ratio('plain'), target: '≥ 0.5', met: ratio('plain') >= 0.5 },
  { measure: 'serve ÷ bare node:http, holder-bound presentations', value: ratio('bound'), target: '≥ 0.5', met: ratio('bound') >= 0.5 },
  { measure: 'p99 latency, PG1: presentations (ms)', value: plain.worst_p99_ms, target: '≤ 50', met: plain.worst_p99_ms <= 50 },
  { measure: 'p99 latency, holder-bound presentations (ms)', value: bound.worst_p99_ms, target: '≤ 50', met: bound.worst_p99_ms <= 50 },
  { measure: 'errors, timeouts and non-2xx answers', value: plain.errors + bound.errors + bareSummary.errors, target: '0', met: plain.errors + bound.errors + bareSummary.errors === 0 },
];
const serveResults = {
  verifications_per_s: plain.requests_per_s,
  verifications_per_s_bound: bound.requests_per_s,
  bare_requests_per_s: bareSummary.requests_per_s,
  ratio_to_bare: ratio('plain'),
  ratio_to_bare_bound: ratio('bound'),
  p99_ms: plain.p99_ms,
  p99_ms_bound: bound.p99_ms,
  cpu_ratio_to_bare: cpuRatio('plain'),
  cpu_ratio_to_bare_bound: cpuRatio('bound'),
  detail: { bare: bareSummary, plain, bound, results_counted_by_the_service: byResult },
  targets,
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpu_count: os.availableParallelism(),
    load_average_at_start: loadAverageAtStart,
    load_average_at_end: os.loadavg().map((x) => Number(x.toFixed(2))),
    rounds: ROUNDS,
    seconds_per_round: SECONDS,
    connections: CONNECTIONS,
    load_generator: `autocannon ${JSON.parse(readFileSync(here('../node_modules/autocannon/package.json'), 'utf8')).version}, its own process, keep-alive, pipelining 1`,
    workloads: `${PRESENTATIONS} distinct PG1: presentations (status disclosed, 5 decoys) POSTed to /verify as text/plain, cycled; "bound" ones carry a device binding (two signatures each); passgate serve runs with --now fixed and no venue`,
    baseline: 'bench/bareServer.mjs: node:http, reads the body, answers fixed JSON',
    ratio_method: 'median over rounds of (serve req/s ÷ bare req/s in the same round); p99 is the median over rounds, worst_p99_ms the worst round; cpu_ratio_to_bare: median over rounds of (bare CPU µs per request ÷ serve CPU µs per request), from /proc, the request-rate ratio where each server is the limit',
    runtime_s: Number(((performance.now() - started) / 1000).toFixed(1)),
  },
};

const resultsFile = here('results.json');
const all = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
all.serve = serveResults;
writeFileSync(resultsFile, JSON.stringify(all, null, 2) + '\n');

console.log(`\npassgate serve, ${CONNECTIONS} keep-alive connections over loopback, ${ROUNDS} rounds of ${SECONDS} s`);
console.log(`  bare node:http     ${bareSummary.requests_per_s.toLocaleString('en-US')} req/s, p99 ${bareSummary.p99_ms} ms`);
console.log(`  serve, PG1:        ${plain.requests_per_s.toLocaleString('en-US')} verifications/s (${ratio('plain')}× bare), p99 ${plain.p99_ms} ms (worst ${plain.worst_p99_ms} ms)`);
console.log(`  serve, bound       ${bound.requests_per_s.toLocaleString('en-US')} verifications/s (${ratio('bound')}× bare), p99 ${bound.p99_ms} ms (worst ${bound.worst_p99_ms} ms)`);
console.log(`  CPU per request: bare ${bareSummary.cpu_us_per_request} µs, serve ${plain.cpu_us_per_request} µs (${cpuRatio('plain')}× the bare rate when CPU-bound), bound ${bound.cpu_us_per_request} µs (${cpuRatio('bound')}×)`);
console.log(`  results counted by the service: ${JSON.stringify(byResult)}`);
for (const t of targets) console.log(`  ${t.met ? 'met ' : 'MISS'} ${t.measure}: ${t.value} (target ${t.target})`);
console.log('wrote the serve key of bench/results.json');
