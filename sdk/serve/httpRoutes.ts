/**
 * The gate's HTTP routes: POST /verify (one presentation -> the JSON object of PG1 §9), POST
 * /verify-batch (one a line -> JSON lines), GET /health and GET /metrics. Every bad request gets a
 * precise 4xx with a JSON body saying why; nothing a client sends can crash the service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassgateError } from '../errors.js';
import { fromHex } from '../encoding/hex.js';
import { ruleFor } from '../pg1/policy.js';
import { toJson } from '../cli/json.js';
import type { Verification, Verifier, VerifyOptions } from '../verifier/verifier.js';
import { HttpError } from './httpError.js';
import { readBody, receiveBody } from './requestBody.js';
import { BatchLines } from './batchLines.js';
import type { BodyBudget } from './bodyBudget.js';
import { batchEntry, bodyKind, singleInput, verifyArguments, type PresentationInput } from './presentationInput.js';
import type { GateMetrics } from './metrics.js';
import type { HealthReport } from './health.js';
import type { VerifyQueue } from './verifyQueue.js';

/** A presentation is at most 4,096 bytes (8,192 as hex): a single body may be far larger and still be answered. */
export const SINGLE_BODY_LIMIT = 64 * 1024;
/** A batch body: thousands of presentations. */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
/** Lines a batch may hold (413 beyond): a second or two of work, answered as a stream. */
export const MAX_BATCH_LINES = 10_000;
/** A batch is verified in pieces of this many, letting other requests run between them. */
const BATCH_PIECE = 512;

export interface RouteContext {
  readonly verifier: Verifier;
  readonly queue: VerifyQueue;
  readonly metrics: GateMetrics;
  /** --venue: the category used when a request names none. */
  readonly defaultVenue: string | undefined;
  /** --no-venue: a request without a venue is checked for signature and validity only, not refused. */
  readonly venueOptional: boolean;
  /** The budget and deadline of request bodies in flight. */
  readonly bodies: BodyBudget;
  health(): HealthReport;
  /** Where a 500 is told (standard error). */
  log(line: string): void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams, ctx: RouteContext) => Promise<Answer> | Answer;

interface Answer {
  readonly status: number;
  readonly type: string;
  /** The body whole, or in pieces written as they are made (chunked). */
  readonly body: string | AsyncIterable<string>;
  readonly headers?: Readonly<Record<string, string>>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A batch's answer lines, a piece at a time, yielding to the event loop between pieces. */
async function* batchAnswers(inputs: readonly PresentationInput[], options: VerifyOptions, ctx: RouteContext): AsyncGenerator<string> {
  for (let at = 0; at < inputs.length; at += BATCH_PIECE) {
    if (at > 0) await nextTurn();
    const results = await ctx.verifier.verifyBatch(inputs.slice(at, at + BATCH_PIECE), options);
    count(ctx, results, options.venue);
    yield results.map((r) => toJson(r) + '\n').join('');
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (status: number, body: unknown): Answer => ({ status, type: JSON_TYPE, body: toJson(body) + '\n' });

/** Why a request without a venue is refused (no --venue, no --no-venue). */
export const NO_VENUE_MESSAGE = 'no venue: name the venue category with ?venue=CATEGORY (or start passgate serve with --venue CATEGORY); '
  + 'without one only the signature and validity are checked and a red code would be admitted (start with --no-venue to allow that)';

/** ?venue=, ?nonce= (hex) and ?explain=1 of the verify routes; anything else is a 400. */
function verifyOptions(query: URLSearchParams, ctx: RouteContext, single: boolean): VerifyOptions {
  for (const name of query.keys()) {
    if (name !== 'venue' && name !== 'nonce' && !(single && name === 'explain')) throw new HttpError(400, `unknown query parameter "${name}"`);
  }
  const venue = query.get('venue') ?? ctx.defaultVenue;
  if (venue !== undefined) ruleFor(ctx.verifier.policy, venue); // UNKNOWN_VENUE: 400
  // Without a venue PG1 §5 runs no policy: a red code would answer OK. A gate does not do that unasked.
  else if (!ctx.venueOptional) throw new HttpError(400, NO_VENUE_MESSAGE);
  const nonceText = query.get('nonce');
  let nonce: Uint8Array | undefined;
  if (nonceText !== null) {
    try {
      nonce = fromHex(nonceText);
    } catch {
      throw new HttpError(400, 'nonce must be hex');
    }
  }
  const explain = query.get('explain');
  if (explain !== null && explain !== '1' && explain !== 'true') throw new HttpError(400, 'explain takes 1 or true');
  return { ...(venue === undefined ? {} : { venue }), ...(nonce ? { nonce } : {}), ...(explain !== null ? { explain: true } : {}) };
}

function count(ctx: RouteContext, results: readonly Verification[], venue: string | undefined): void {
  for (const r of results) ctx.metrics.verification(r.result, venue);
}

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/verify': {
    POST: async (req, res, query, ctx) => {
      const options = verifyOptions(query, ctx, true);
      const kind = bodyKind(req.headers['content-type']);
      const input = singleInput(await readBody(req, res, SINGLE_BODY_LIMIT, ctx.bodies), kind);
      // explain reads the presentation again after the verdict: it goes alone, not in a batch.
      const { presentation, read } = verifyArguments(input);
      const result = options.explain ? ctx.verifier.verify(presentation, { ...options, ...read }) : await ctx.queue.verify(input, options);
      count(ctx, [result], options.venue);
      return json(200, result);
    },
  },
  '/verify-batch': {
    POST: async (req, res, query, ctx) => {
      const options = verifyOptions(query, ctx, false);
      const kind = bodyKind(req.headers['content-type']);
      if (kind === 'bytes') throw new HttpError(415, '/verify-batch takes text, one presentation a line (PG1: text or hex), or JSON lines of reads (application/json)');
      const lines = new BatchLines(MAX_BATCH_LINES);
      await receiveBody(req, res, BATCH_BODY_LIMIT, ctx.bodies, (chunk) => lines.push(chunk));
      return { status: 200, type: 'application/x-ndjson; charset=utf-8', body: batchAnswers(lines.end().map((line) => batchEntry(line, kind)), options, ctx) };
    },
  },
  '/health': {
    GET: (_req, _res, _query, ctx) => {
      const h = ctx.health();
      return json(h.status, h.body);
    },
  },
  '/metrics': {
    GET: (_req, _res, _query, ctx) => ({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: ctx.metrics.text() }),
  },
};

/** A thrown error as the answer a client gets. */
function failure(e: unknown, ctx: RouteContext): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof PassgateError) {
    switch (e.code) {
      case 'UNKNOWN_VENUE':
      case 'BAD_ARGUMENT':
        return new HttpError(400, e.message);
      case 'NO_TRUST_LIST':
      case 'DESTROYED':
      case 'CLOSED':
        return new HttpError(503, e.message);
    }
  }
  ctx.log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return new HttpError(500, 'internal error');
}

async function send(res: ServerResponse, a: Answer): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  if (typeof a.body === 'string') {
    res.writeHead(a.status, { 'Content-Type': a.type, 'Content-Length': Buffer.byteLength(a.body), ...a.headers });
    res.end(a.body);
    return;
  }
  // The first piece is made before the head is sent: a misuse it meets (no trust list) is still a 4xx or 503.
  const pieces = a.body[Symbol.asyncIterator]();
  let next = await pieces.next();
  res.writeHead(a.status, { 'Content-Type': a.type, ...a.headers });
  while (!next.done) {
    if (res.destroyed) return void (await pieces.return?.());
    if (!res.write(next.value)) await new Promise((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
    next = await pieces.next();
  }
  res.end();
}

/** The request listener of the gate's HTTP server. */
export function gateRequestHandler(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    let route = 'other';
    const answer = (a: Answer): Promise<void> => send(res, a).then(
      () => ctx.metrics.request(route, a.status, (performance.now() - started) / 1000),
      (e: unknown) => {
        if (!res.headersSent) return fail(e);
        ctx.log(`a streamed answer broke off: ${e instanceof Error ? e.message : String(e)}`);
        res.destroy(); // the client sees a cut answer, never a wrong one
      },
    );
    const fail = (e: unknown): Promise<void> => {
      const h = failure(e, ctx);
      return answer({ ...json(h.status, { error: h.message, status: h.status }), headers: h.headers });
    };
    res.on('error', () => undefined);
    try {
      // The path as sent, and its query: no URL object per request (an origin-form target, RFC 9112 §3.2.1).
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const path = q < 0 ? target : target.slice(0, q);
      const methods = Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
      if (!methods) throw new HttpError(404, `no route ${path}: POST /verify, POST /verify-batch, GET /health, GET /metrics`);
      route = path;
      const method = req.method === 'HEAD' && methods['GET'] ? 'GET' : (req.method ?? '');
      const handler = methods[method];
      if (!handler) {
        const allowed = Object.keys(methods).concat(methods['GET'] ? ['HEAD'] : []).join(', ');
        throw new HttpError(405, `${req.method ?? '?'} is not allowed on ${path}: use ${allowed}`, { Allow: allowed });
      }
      void Promise.resolve(handler(req, res, new URLSearchParams(q < 0 ? '' : target.slice(q + 1)), ctx)).then(answer, fail);
    } catch (e) {
      void fail(e);
    }
  };
}
