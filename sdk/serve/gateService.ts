/**
 * The gate service behind `passgate serve`: one verifier on a FileStorage, the given list files applied
 * in order, the lists synced on a schedule, answers over HTTP and/or line by line, and a clean close
 * that keeps every stored record (Verifier.close, not destroy).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerifier, type Verifier } from '../verifier/verifier.js';
import { FileStorage } from '../storage/fileStorage.js';
import { ListRefusedError } from '../errors.js';
import { ruleFor } from '../pg1/policy.js';
import type { SyncUrls } from '../sync/index.js';
import { GateMetrics, type Gauge } from './metrics.js';
import { healthReport, type HealthReport } from './health.js';
import type { Uint } from '../cbor/shape.js';
import { gateRequestHandler } from './httpRoutes.js';
import { relayLines } from './lineRelay.js';
import { BodyBudget, DEFAULT_BODY_BUDGET, DEFAULT_BODY_TIMEOUT_MS } from './bodyBudget.js';
import { SyncSchedule } from './syncSchedule.js';
import { VerifyQueue } from './verifyQueue.js';
import { startCardTapRelay, type CardTapRelay } from './cardTapRelay.js';
import { prepareStorageDirectory, StorageDirectoryError } from './storageDirectory.js';
import type { ListenAddress } from './listenAddress.js';
import '../explain/index.js'; // ?explain=1

export interface GateServiceOptions {
  readonly roots: readonly Uint8Array[];
  readonly storageDir: string;
  /** List files in the order given: each a trust list, or a revocation list, delta or filter. */
  readonly files: readonly { readonly kind: 'trust' | 'revocations'; readonly bytes: Uint8Array; readonly name: string }[];
  readonly sync?: { readonly urls: SyncUrls; readonly everySeconds: number };
  /** Where to answer HTTP; null for none (a line relay alone). */
  readonly listen: ListenAddress | null;
  /** The venue category of a request that names none (--venue). */
  readonly venue?: string;
  /**
   * --no-venue: a request without a venue is checked for its signature and validity only (PG1 §5 runs
   * no venue policy), instead of being refused. Without it and without `venue`, such a request is a 400.
   */
  readonly noVenue?: boolean;
  readonly workers?: number;
  /** A fixed clock (Unix seconds), for tests and replays. */
  readonly now?: number;
  /** Presentations a line at a time, answered on `write`. */
  readonly lines?: AsyncIterable<Uint8Array | string>;
  /** Silent checks: the PC/SC reader whose name contains this, every tap decided on `write`. */
  readonly cardReader?: string;
  /** Milliseconds a request body may take to arrive whole (15 s). */
  readonly bodyTimeoutMs?: number;
  readonly version: string;
  write(text: string): void;
  log(line: string): void;
}

/** Why the gate cannot start (a refused list file, an address it cannot listen on): the command's exit message. */
export class GateStartError extends Error {
  override readonly name = 'GateStartError';
}

/** A line carries no venue: the relay needs --venue, or --no-venue said aloud. */
const NO_VENUE_WARNING = '--no-venue: a request without ?venue= is checked for signature and validity only; no venue rule applies and any code colour is admitted';
const LINES_NEED_VENUE = 'a line input or a card reader carries no venue: give --venue CATEGORY (or --no-venue to check signature and validity only, admitting any code colour)';
/** Milliseconds a closing gate waits for the answers in flight before it closes their connections. */
const DRAIN_MS = 3_000;

export class GateService {
  private closing: Promise<void> | undefined;
  /** Answers being made, so that a closing gate can close their connections once each is sent. */
  private readonly inFlight = new Set<ServerResponse>();

  private constructor(
    readonly verifier: Verifier,
    private readonly server: Server | null,
    private readonly schedule: SyncSchedule | null,
    private readonly cardTaps: CardTapRelay | null,
    /** Resolves when the line input has ended (never, without one). */
    readonly linesDone: Promise<void>,
  ) {
    server?.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.inFlight.add(res);
      res.on('close', () => this.inFlight.delete(res));
    });
  }

  /** Resolves, with why, if the card reader (--card-reader) stops by itself; never without one. */
  get cardReaderFailed(): Promise<string> {
    return this.cardTaps?.failed ?? new Promise<string>(() => undefined);
  }

  /** Where HTTP is answered (the port chosen, when 0 was asked). */
  get address(): ListenAddress | null {
    const a = this.server?.address() as AddressInfo | null | undefined;
    return a ? { host: a.address, port: a.port } : null;
  }

  static async start(options: GateServiceOptions): Promise<GateService> {
    if ((options.lines || options.cardReader !== undefined) && options.venue === undefined && options.noVenue !== true) throw new GateStartError(LINES_NEED_VENUE);
    if (options.noVenue === true) options.log(NO_VENUE_WARNING);
    try {
      await prepareStorageDirectory(options.storageDir);
    } catch (e) {
      throw e instanceof StorageDirectoryError ? new GateStartError(e.message) : e;
    }
    const fixed = options.now;
    const verifier = await createVerifier({
      roots: options.roots,
      storage: new FileStorage(options.storageDir),
      ...(fixed === undefined ? {} : { now: () => fixed }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      onStorageFailure: (e) => options.log(`storage: ${e.message}`),
    });
    try {
      for (const p of verifier.restoreProblems) options.log(`stored ${p.list} not restored: ${p.reason}`);
      await applyFiles(verifier, options);
      if (options.venue !== undefined) ruleFor(verifier.policy, options.venue);
    } catch (e) {
      await verifier.close();
      throw e;
    }
    const clock = (): number => fixed ?? Math.floor(Date.now() / 1000);
    const schedule = options.sync ? new SyncSchedule(verifier, options.sync.urls, options.sync.everySeconds, options.log, clock) : null;
    const venue = { default: options.venue ?? null, required: options.venue === undefined && options.noVenue !== true };
    const health = (): HealthReport => healthReport(verifier, clock(), schedule?.status() ?? null, options.version, venue);
    const metrics = new GateMetrics(() => gauges(verifier, schedule, health));
    const queue = new VerifyQueue(verifier);
    const venueOptions = options.venue === undefined ? {} : { venue: options.venue };
    let server: Server | null = null;
    if (options.listen) {
      const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
      // Node's own limit on a request's arrival (300 s by default), checked every second: a backstop behind the body deadline.
      const requestTimeout = bodyTimeoutMs + 5_000;
      server = createServer({ keepAlive: true, connectionsCheckingInterval: 1_000, requestTimeout, headersTimeout: Math.min(60_000, requestTimeout) }, gateRequestHandler({
        verifier, queue, metrics, defaultVenue: options.venue, venueOptional: options.noVenue === true, log: options.log, health,
        bodies: new BodyBudget(DEFAULT_BODY_BUDGET, bodyTimeoutMs),
      }));
      try {
        await listen(server, options.listen);
      } catch (e) {
        await verifier.close();
        throw new GateStartError(`cannot listen on ${options.listen.host}:${options.listen.port}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const linesDone = options.lines
      ? relayLines(options.lines, async (input) => {
        const r = await queue.verify(input, venueOptions);
        metrics.verification(r.result, options.venue);
        return r;
      }, options.write)
      : new Promise<void>(() => undefined);
    let cardTaps: CardTapRelay | null = null;
    if (options.cardReader !== undefined) {
      try {
        cardTaps = await startCardTapRelay({ reader: options.cardReader, verifier, venue: options.venue, metrics, write: options.write, log: options.log });
      } catch (e) {
        server?.close();
        await verifier.close();
        throw new GateStartError(`--card-reader: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    schedule?.start();
    return new GateService(verifier, server, schedule, cardTaps, linesDone);
  }

  /**
   * Stops syncing (a sync in flight is aborted) and answering: requests already received are answered,
   * then the connections close (after DRAIN_MS at the latest), and the verifier closes keeping its data.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const server = this.server;
      const stopped = this.schedule?.stop();
      // Lets connections the kernel has accepted reach the server before it stops listening.
      await new Promise((resolve) => setImmediate(resolve));
      const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      if (server) {
        server.closeIdleConnections();
        // A keep-alive connection goes once its answer is sent, not when its client next speaks.
        const closeWhenSent = (res: ServerResponse): void => void res.on('finish', () => setImmediate(() => server.closeIdleConnections()));
        server.on('request', (_req: IncomingMessage, res: ServerResponse) => closeWhenSent(res));
        this.inFlight.forEach(closeWhenSent);
      }
      await stopped;
      await this.cardTaps?.stop();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => { timer = setTimeout(resolve, DRAIN_MS); })]);
      clearTimeout(timer);
      server?.closeAllConnections();
      await this.verifier.close();
    })();
    return this.closing;
  }
}

async function applyFiles(verifier: Verifier, options: GateServiceOptions): Promise<void> {
  for (const file of options.files) {
    try {
      if (file.kind === 'trust') await verifier.applyTrustList(file.bytes);
      else await verifier.applyRevocations(file.bytes);
    } catch (e) {
      // On a restart the files given at the first start are in force already, or sync has brought
      // newer lists: no version above the one stored is not a reason to stop the gate.
      if (e instanceof ListRefusedError && e.reason === 'ROLLBACK') {
        options.log(`${file.name}: not applied, the stored ${file.kind === 'trust' ? 'trust list' : 'revocation state'} is as new or newer (${e.message})`);
        continue;
      }
      throw new GateStartError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function listen(server: Server, at: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The lists in force as gauges, and the health as 1 or 0. */
function gauges(verifier: Verifier, schedule: SyncSchedule | null, health: () => HealthReport): Gauge[] {
  const t = verifier.isDestroyed ? null : verifier.trustList;
  const r = verifier.isDestroyed ? null : verifier.revocationList;
  const n = (v: Uint | undefined): number | null => (v === undefined ? null : Number(v));
  return [
    { name: 'trust_list_version', help: 'Version of the trust list in force.', value: n(t?.version) },
    { name: 'trust_list_expires_timestamp_seconds', help: 'When the trust list in force expires (Unix seconds).', value: n(t?.expires) },
    { name: 'revocation_version', help: 'Version of the revocation state in force.', value: n(r?.version) },
    { name: 'revocation_expires_timestamp_seconds', help: 'When the revocation state in force expires (Unix seconds).', value: n(r?.expires) },
    { name: 'last_sync_success_timestamp_seconds', help: 'When a sync last reached every list URL (Unix seconds).', value: schedule?.status().lastSuccess ?? null },
    { name: 'healthy', help: '1 when GET /health answers 200, else 0.', value: health().status === 200 ? 1 : 0 },
  ];
}
