/**
 * A small Vite plugin that runs the demo issuer inside the dev server: the issuer's JSON API for the
 * wallet and the operator console, and the signed lists as static files with ETags (so that the SDK's
 * sync() gets 304 Not Modified when nothing changed).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import { toBase64, toHex } from '../shared/base64.js';
import {
  API_PREFIX,
  LISTS_PREFIX,
  REVOCATION_DELTA_URL,
  REVOCATION_LIST_URL,
  TRUST_LIST_URL,
  type BindingRequest,
  type FamilyPassRequest,
  type IssueRequest,
  type Provisioning,
  type RevokeRequest,
  type StressSet,
} from '../shared/demoApi.js';
import { DELTA_FILE, DemoIssuer, REVOCATION_FILE, TRUST_FILE } from './demoIssuer.js';

export interface DemoIssuerPluginOptions {
  /** Where keys and lists are kept (created on first start). */
  readonly stateDir: string;
}

const LIST_FILES: Readonly<Record<string, string>> = {
  [TRUST_LIST_URL]: TRUST_FILE,
  [REVOCATION_LIST_URL]: REVOCATION_FILE,
  [REVOCATION_DELTA_URL]: DELTA_FILE,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > 64 * 1024) throw new HttpError(413, 'request too large');
    chunks.push(b);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function asIssueRequest(v: unknown): IssueRequest {
  if (!isObject(v) || !isObject(v['profile']) || typeof v['devicePublicKey'] !== 'string' || !/^[0-9a-f]{64}$/.test(v['devicePublicKey'])) {
    throw new HttpError(400, 'expected {profile, devicePublicKey: 64 hex digits}');
  }
  // The issuer re-checks every claim's type (issueToken throws TokenError on a bad value).
  return v as unknown as IssueRequest;
}

function asRevokeRequest(v: unknown): RevokeRequest {
  if (!isObject(v) || typeof v['cti'] !== 'string' || !/^[0-9a-f]{32}$/.test(v['cti'])) throw new HttpError(400, 'expected {cti: 32 hex digits}');
  return { cti: v['cti'] };
}

const STATUS_FOR_FAMILY = new Set([0, 1]);

/** Shape only: issueCardPass and issuePrintedPass check the values (serial length, name) themselves. */
function asFamilyPassRequest(v: unknown): FamilyPassRequest {
  if (!isObject(v) || !STATUS_FOR_FAMILY.has(v['status'] as number)) {
    // A red holder gets no pass to carry (PG1 §10.1: issuers should not write one for a red status).
    throw new HttpError(400, 'expected {kind, status: 0 or 1, …}: no card or printed pass is issued for a red status');
  }
  const status = v['status'] as 0 | 1;
  if (v['kind'] === 'card' && typeof v['serial'] === 'string' && /^([0-9a-f]{2}){1,64}$/.test(v['serial'])) return { kind: 'card', status, serial: v['serial'] };
  if (v['kind'] === 'printed' && typeof v['documentNumber'] === 'string' && typeof v['name'] === 'string') {
    const number = v['documentNumber'].trim();
    const name = v['name'].trim();
    if ([...number].length >= 4 && [...number].length <= 64 && [...name].length >= 1 && [...name].length <= 64) return { kind: 'printed', status, documentNumber: number, name };
  }
  throw new HttpError(400, 'expected {kind: "card", serial: hex} or {kind: "printed", documentNumber: 4 to 64 characters, name}');
}

function asBindingRequest(v: unknown): BindingRequest {
  if (!isObject(v) || typeof v['category'] !== 'string' || typeof v['bound'] !== 'boolean') throw new HttpError(400, 'expected {category, bound: boolean}');
  return { category: v['category'], bound: v['bound'] };
}

/** Serves a list file with a strong ETag of its content; If-None-Match gets 304. */
async function serveList(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new HttpError(404, 'no such list (yet)');
  }
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
  res.setHeader('ETag', etag);
  // Verifiers must revalidate every time: a cached stale list would hide a revocation.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/cbor');
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}

async function handleApi(issuer: DemoIssuer, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /provisioning': {
      const body: Provisioning = {
        roots: [toHex(issuer.rootPublicKey)],
        trustUrl: TRUST_LIST_URL,
        revocationUrls: [REVOCATION_DELTA_URL, REVOCATION_LIST_URL],
      };
      return sendJson(res, 200, body);
    }
    case 'POST /issue':
      return sendJson(res, 200, issuer.issue(asIssueRequest(await readJson(req))));
    case 'POST /family-pass':
      return sendJson(res, 200, issuer.issueFamilyPass(asFamilyPassRequest(await readJson(req))));
    case 'POST /bound': {
      const { category, bound } = asBindingRequest(await readJson(req));
      return sendJson(res, 200, issuer.setBound(category, bound));
    }
    case 'GET /tokens':
      return sendJson(res, 200, issuer.records());
    case 'GET /state':
      return sendJson(res, 200, issuer.listsState());
    case 'POST /revoke':
      return sendJson(res, 200, issuer.revoke(asRevokeRequest(await readJson(req)).cti));
    case 'POST /rotate':
      return sendJson(res, 200, issuer.rotate());
    case 'GET /stress': {
      const count = Math.min(Math.max(Number(query.get('count') ?? '64') || 64, 1), 1000);
      const reveal = (query.get('reveal') ?? 'status').split(',').filter((s) => s !== '');
      const body: StressSet = { presentations: issuer.stressSet(count, reveal).map(toBase64) };
      return sendJson(res, 200, body);
    }
    default:
      throw new HttpError(404, `no route ${route}`);
  }
}

export function demoIssuerPlugin(options: DemoIssuerPluginOptions): Plugin {
  let issuer: DemoIssuer | undefined;
  return {
    name: 'passgate-demo-issuer',
    configureServer(server: ViteDevServer) {
      issuer = DemoIssuer.open(options.stateDir);
      const ready = issuer;
      server.config.logger.info(
        `  Passgate demo issuer: keys and signed lists in ${options.stateDir} (trust list v${ready.listsState().trustVersion}, issuer kid ${ready.currentKid})`,
      );
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = url.pathname;
        if (!path.startsWith(`${API_PREFIX}/`) && !path.startsWith(`${LISTS_PREFIX}/`)) return next();
        const work = path.startsWith(`${LISTS_PREFIX}/`)
          ? (async (): Promise<void> => {
              let file = LIST_FILES[path];
              if (file === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) throw new HttpError(404, 'no such list');
              // No delta published (a first start, or a change a delta cannot carry): the delta's URL
              // serves the full list, as a CDN may, so that no page meets a 404 on its first sync.
              if (file === DELTA_FILE && !existsSync(join(options.stateDir, DELTA_FILE))) file = REVOCATION_FILE;
              await serveList(req, res, join(options.stateDir, file));
            })()
          : handleApi(ready, req, res, path.slice(API_PREFIX.length), url.searchParams);
        work.catch((e: unknown) => {
          const status = e instanceof HttpError ? e.status : 400;
          sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
        });
      });
    },
  };
}
