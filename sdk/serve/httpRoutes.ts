/**
 * The gate's HTTP routes: POST /verify (one presentation -> the JSON object of PG1 §9), POST
 * /verify-batch (one a line -> JSON lines), GET /health and GET /metrics. Every bad request gets a
 * precise 4xx with a JSON body saying why; nothing a client sends can crash the service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassgateError } from '../errors.js';
import { fromHex } from '../encoding/hex.js';
import { ruleFor } from '../policy.js';
import { toJson } from '../cli/json.js';
import type { Verification, Verifier, VerifyOptions } from '../verifier.js';
import { HttpError } from './httpError.js';
import { readBody } from './requestBody.js';
import { batchInputs, bodyKind, singleInput, verifyArguments } from './presentationInput.js';
import type { GateMetrics } from './metrics.js';
import type { HealthReport } from './health.js';
import type { VerifyQueue } from './verifyQueue.js';

/** A presentation is at most 4,096 bytes (8,192 as hex): a single body may be far larger and still be answered. */
export const SINGLE_BODY_LIMIT = 64 * 1024;
/** A batch body: thousands of presentations. */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

export interface RouteContext {
  readonly verifier: Verifier;
  readonly queue: VerifyQueue;
  readonly metrics: GateMetrics;
  /** --venue: the category used when a request names none. */
  readonly defaultVenue: string | undefined;
  health(): HealthReport;
  /** Where a 500 is told (standard error). */
  log(line: string): void;
}

type Handler = (req: IncomingMessage, query: URLSearchParams, ctx: RouteContext) => Promise<Answer> | Answer;

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (status: number, body: unknown): Answer => ({ status, type: JSON_TYPE, body: toJson(body) + '\n' });

/** ?venue=, ?nonce= (hex) and ?explain=1 of the verify routes; anything else is a 400. */
function verifyOptions(query: URLSearchParams, ctx: RouteContext, single: boolean): VerifyOptions {
  for (const name of query.keys()) {
    if (name !== 'venue' && name !== 'nonce' && !(single && name === 'explain')) throw new HttpError(400, `unknown query parameter "${name}"`);
  }
  const venue = query.get('venue') ?? ctx.defaultVenue;
  if (venue !== undefined) ruleFor(ctx.verifier.policy, venue); // UNKNOWN_VENUE: 400
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
    POST: async (req, query, ctx) => {
      const options = verifyOptions(query, ctx, true);
      const kind = bodyKind(req.headers['content-type']);
      const input = singleInput(await readBody(req, SINGLE_BODY_LIMIT), kind);
      // explain reads the presentation again after the verdict: it goes alone, not in a batch.
      const { presentation, read } = verifyArguments(input);
      const result = options.explain ? ctx.verifier.verify(presentation, { ...options, ...read }) : await ctx.queue.verify(input, options);
      count(ctx, [result], options.venue);
      return json(200, result);
    },
  },
  '/verify-batch': {
    POST: async (req, query, ctx) => {
      const options = verifyOptions(query, ctx, false);
      const kind = bodyKind(req.headers['content-type']);
      const inputs = batchInputs(await readBody(req, BATCH_BODY_LIMIT), kind);
      const results = inputs.length === 0 ? [] : await ctx.verifier.verifyBatch(inputs, options);
      count(ctx, results, options.venue);
      return { status: 200, type: 'application/x-ndjson; charset=utf-8', body: results.map((r) => toJson(r) + '\n').join('') };
    },
  },
  '/health': {
    GET: (_req, _query, ctx) => {
      const h = ctx.health();
      return json(h.status, h.body);
    },
  },
  '/metrics': {
    GET: (_req, _query, ctx) => ({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: ctx.metrics.text() }),
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

function send(res: ServerResponse, a: Answer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(a.status, { 'Content-Type': a.type, 'Content-Length': Buffer.byteLength(a.body), ...a.headers });
  res.end(a.body);
}

/** The request listener of the gate's HTTP server. */
export function gateRequestHandler(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    let route = 'other';
    const answer = (a: Answer): void => {
      send(res, a);
      ctx.metrics.request(route, a.status, (performance.now() - started) / 1000);
    };
    const fail = (e: unknown): void => {
      const h = failure(e, ctx);
      answer({ ...json(h.status, { error: h.message, status: h.status }), headers: h.headers });
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
      Promise.resolve(handler(req, new URLSearchParams(q < 0 ? '' : target.slice(q + 1)), ctx)).then(answer, fail);
    } catch (e) {
      fail(e);
    }
  };
}
