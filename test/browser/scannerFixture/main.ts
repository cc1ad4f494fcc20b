// A minimal venue app on passgate/scanner, built for production and served under a strict CSP: the
// browser tests drive it through window.scannerFixture.
import { createVerifier, type Verifier } from '../../../sdk/index.js';
import { createScanner, PassgateError, type DecodeRegion, type Decision, type Scanner } from '../../../sdk/scanner/index.js';
import type { FrameSourceKind } from '../../../sdk/scanner/frameSource.js';

export interface FixtureDecision {
  readonly source: string;
  readonly result: string;
  readonly text: string;
  readonly claims: unknown;
}

export interface FixtureSetup {
  readonly roots: string[];
  readonly trustList: string;
  readonly now: number;
  readonly holdMs?: number;
  readonly region?: DecodeRegion;
  readonly frameSource?: FrameSourceKind;
  readonly venue?: string;
  /** Answer through a promise, as a verifier in a worker does. */
  readonly asyncVerify?: boolean;
}

declare global {
  interface Window {
    scannerFixture: {
      setup(setup: FixtureSetup): Promise<void>;
      start(): Promise<string | null>;
      setRegion(region: DecodeRegion | null): void;
      decisions(): FixtureDecision[];
      errors(): string[];
      scanImage(bytes: number[], type: string): Promise<FixtureDecision | { error: string }>;
      scanText(text: string): Promise<FixtureDecision>;
      trackState(): string | null;
      /** Frames the preview has shown since the camera started. */
      framesShown(): number;
      close(): Promise<void>;
      violations(): string[];
      evalBlocked(): boolean;
    };
  }
}

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const preview = document.getElementById('preview') as HTMLVideoElement;
const decisions: FixtureDecision[] = [];
const errors: string[] = [];
const violations: string[] = [];
let verifier: Verifier | undefined;
let scanner: Scanner | undefined;
let track: MediaStreamTrack | null = null;
let framesShown = 0;
const countFrames = (): void => {
  framesShown++;
  preview.requestVideoFrameCallback(countFrames);
};
preview.requestVideoFrameCallback(countFrames);

/** Whether the page's CSP forbids code from strings (tried at load: DevTools' evaluate is exempt). */
const evalBlocked = ((): boolean => {
  try {
    return new Function('return 1')() !== 1;
  } catch {
    return true;
  }
})();
// Listened to after the probe above: only what the app does counts as a violation.
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));

const view = (d: Decision): FixtureDecision => ({ source: d.source, result: d.verification.result, text: d.text, claims: d.verification.claims ?? null });
const current = (): Scanner => {
  if (!scanner) throw new Error('setup() first');
  return scanner;
};
const codeOf = (e: unknown): string => (e instanceof PassgateError ? e.code : `not a PassgateError: ${String(e)}`);

window.scannerFixture = {
  async setup(s) {
    await scanner?.close();
    verifier = await createVerifier({ roots: s.roots, storage: null, now: () => s.now });
    await verifier.applyTrustList(bytes(s.trustList));
    decisions.length = 0;
    errors.length = 0;
    const v = verifier;
    scanner = createScanner({
      verifier: s.asyncVerify ? { verify: (text, options) => new Promise((done) => setTimeout(() => done(v.verify(text, options)), 5)) } : v,
      ...(s.venue === undefined ? {} : { verifyOptions: { venue: s.venue } }),
      ...(s.holdMs === undefined ? {} : { holdMs: s.holdMs }),
      ...(s.region === undefined ? {} : { region: s.region }),
      ...(s.frameSource === undefined ? {} : { frameSource: s.frameSource }),
    });
    scanner.on('decision', (d) => decisions.push(view(d)));
    scanner.on('error', (e) => errors.push(e.code));
    await scanner.ready();
  },
  async start() {
    await current().start({ preview });
    track = current().cameraTrack;
    return current().frameSource;
  },
  setRegion: (region) => current().setRegion(region),
  decisions: () => decisions,
  errors: () => errors,
  async scanImage(data, type) {
    try {
      return view(await current().scanImage(new Blob([new Uint8Array(data)], { type })));
    } catch (e) {
      return { error: codeOf(e) };
    }
  },
  scanText: async (text) => view(await current().scanText(text)),
  trackState: () => track?.readyState ?? null,
  framesShown: () => framesShown,
  close: () => current().close(),
  violations: () => violations,
  evalBlocked: () => evalBlocked,
};
document.getElementById('state')!.textContent = 'ready';
