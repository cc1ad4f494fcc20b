/**
 * The scanner: camera frames (or an image file, or pasted text) → the QR reader in a worker → the
 * app's verifier → one decision event per code shown. It owns the camera while it runs and gives it
 * back on stopCamera() and close().
 */
import { PassgateError } from '../errors.js';
import { openCamera, stopCamera, type CameraChoice } from './camera.js';
import { decide, type Decision, type PresentationVerifier, type ScanSource, type VerifyOptionsSource } from './decision.js';
import { DecoderClient, defaultDecoderWorker, defaultWasmUrl } from './decoderClient.js';
import { checkRegion, WHOLE_FRAME, type DecodeRegion } from './decodeRegion.js';
import type { FrameRead } from './decoderProtocol.js';
import { startFrames, type FrameSource, type FrameSourceKind } from './frameSource.js';
import { DEFAULT_HOLD_MS, RepeatFilter } from './repeatFilter.js';
import { reportUncaught, TypedEvents } from './scannerEvents.js';
import { epochMs } from './timestamps.js';

/** What {@link createScanner} takes: only `verifier` is required. */
export interface ScannerOptions {
  /** Decides each code: a Verifier from createVerifier() (with its trust list), or anything with its verify(). */
  readonly verifier: PresentationVerifier;
  /** Options for each verify() call (the venue, a nonce), or a function read at each decision. */
  readonly verifyOptions?: VerifyOptionsSource;
  /**
   * How long the same code is skipped (ms, default 3000): it stays skipped while it stays in view, and
   * is decided again after it has been out of view this long. 0 decides every frame that reads a code.
   */
  readonly holdMs?: number;
  /** The part of each camera frame to decode, in fractions of the frame (default: all of it). */
  readonly region?: DecodeRegion;
  /**
   * Where the QR reader's WebAssembly is served, on the app's own origin. By default the bundler
   * resolves `zxing-wasm/reader/zxing_reader.wasm` and emits it (Vite does); give the URL when yours
   * does not (copy the file from node_modules/zxing-wasm/dist/reader/). Nothing is fetched elsewhere.
   */
  readonly wasmUrl?: string | URL;
  /** Starts the decoder worker, for bundlers that place workers themselves. */
  readonly worker?: () => Worker;
  /** How frames reach the decoder: 'auto' (default) takes MediaStreamTrackProcessor where there is one. */
  readonly frameSource?: FrameSourceKind;
}

/** Which camera {@link Scanner.start} opens, and where it shows it. */
export interface StartOptions extends CameraChoice {
  /** Shows the camera in this element (played muted and inline); otherwise the scanner uses its own. */
  readonly preview?: HTMLVideoElement;
}

/** The events of a {@link Scanner} and what each listener is given. */
export interface ScannerEventMap {
  /** A code was read and verified. */
  readonly decision: Decision;
  /** The camera, the decoder or the verifier failed while scanning (start() and the scan methods throw instead). */
  readonly error: PassgateError;
}

const FRAME_SOURCES: readonly FrameSourceKind[] = ['auto', 'track-processor', 'video-element'];

/**
 * Camera frames (or an image file, or pasted text) → the QR reader in a worker → the app's verifier →
 * one `decision` event per code shown. It owns the camera while it runs and gives it back on
 * stopCamera() and close(). Made by {@link createScanner}.
 */
export class Scanner {
  private readonly events = new TypedEvents<ScannerEventMap>();
  private readonly decoder: DecoderClient;
  private readonly repeats: RepeatFilter;
  private readonly frameSourceKind: FrameSourceKind;
  private region: DecodeRegion;
  private stream: MediaStream | null = null;
  private video: HTMLVideoElement | null = null;
  private frames: FrameSource | null = null;
  private generation = 0;
  private closed = false;
  private paused = false;

  /**
   * Prefer {@link createScanner}, which does the same.
   *
   * @param options - The verifier and the scanning options.
   * @throws {@link PassgateError} `BAD_ARGUMENT` without a verifier, for a bad region or frameSource.
   */
  constructor(private readonly options: ScannerOptions) {
    if (typeof options?.verifier?.verify !== 'function') throw new PassgateError('BAD_ARGUMENT', 'options.verifier must have a verify() method (a Verifier)');
    if (options.frameSource !== undefined && !FRAME_SOURCES.includes(options.frameSource)) {
      throw new PassgateError('BAD_ARGUMENT', `frameSource is one of ${FRAME_SOURCES.join(', ')}`);
    }
    this.repeats = new RepeatFilter(options.holdMs ?? DEFAULT_HOLD_MS);
    this.region = options.region ? checkRegion(options.region) : WHOLE_FRAME;
    this.frameSourceKind = options.frameSource ?? 'auto';
    this.decoder = new DecoderClient({
      wasmUrl: String(options.wasmUrl ?? defaultWasmUrl()),
      spawn: options.worker ?? defaultDecoderWorker,
      onRead: (read) => this.onCameraRead(read),
      onError: (error) => this.events.emit('error', error),
    });
  }

  /**
   * Adds a listener ('decision' or 'error'); returns the function that removes it. A listener that
   * throws does not stop the scanner (the error is reported to the page as uncaught).
   *
   * @param type - `'decision'` or `'error'`.
   * @param listener - Given the decision, or the PassgateError.
   */
  on<K extends keyof ScannerEventMap>(type: K, listener: (event: ScannerEventMap[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Resolves when the QR reader is ready (its WebAssembly fetched and compiled); DECODER_FAILED otherwise. */
  ready(): Promise<void> {
    return this.decoder.whenReady();
  }

  /** The camera's video track while the camera runs. */
  get cameraTrack(): MediaStreamTrack | null {
    return this.stream?.getVideoTracks()[0] ?? null;
  }

  /** How frames reach the decoder while the camera runs. */
  get frameSource(): FrameSource['kind'] | null {
    return this.frames?.kind ?? null;
  }

  /** True once close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  private alive(): void {
    if (this.closed) throw new PassgateError('CLOSED', 'the scanner has been closed');
  }

  /**
   * Opens the camera (the one chosen, else the back camera) and starts scanning. Calling it again
   * switches cameras. Throws CAMERA_DENIED, CAMERA_UNAVAILABLE or DECODER_FAILED.
   *
   * @param options - The camera (deviceId or facingMode), the frame size and the preview element.
   * @throws {@link PassgateError} `CAMERA_DENIED`, `CAMERA_UNAVAILABLE` (none, in use, or not a secure
   *   context), `DECODER_FAILED`, `BAD_ARGUMENT` for a bad choice, `CLOSED`.
   */
  async start(options: StartOptions = {}): Promise<void> {
    this.alive();
    this.stopCamera();
    const generation = ++this.generation;
    const [stream] = await Promise.all([openCamera(options), this.decoder.whenReady()]);
    if (this.closed || generation !== this.generation) {
      stopCamera(stream);
      this.alive();
      return;
    }
    const track = stream.getVideoTracks()[0];
    if (!track) {
      stopCamera(stream);
      throw new PassgateError('CAMERA_UNAVAILABLE', 'the camera gave no video track');
    }
    this.stream = stream;
    const video = options.preview ?? document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    this.video = video;
    try {
      await video.play();
    } catch {
      // Autoplay policies may refuse to play a preview; frames still flow through the track.
    }
    if (generation !== this.generation) return;
    this.repeats.reset();
    this.frames = startFrames(this.frameSourceKind, track, video, this.decoder, this.region, (read) => this.onCameraRead(read), (e) => this.reportError(e));
  }

  /** Stops the camera (its tracks end: the light goes off); the scanner stays usable. */
  stopCamera(): void {
    this.generation++;
    this.frames?.stop();
    this.frames = null;
    if (this.stream) stopCamera(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    this.video = null;
  }

  /**
   * Decodes only this part of each frame (null: the whole frame), from the next frame on.
   *
   * @param region - Fractions of the frame, or null.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a region outside the frame or empty, `CLOSED`.
   */
  setRegion(region: DecodeRegion | null): void {
    this.alive();
    this.region = region === null ? WHOLE_FRAME : checkRegion(region);
    this.frames?.setRegion(this.region);
  }

  /** Stops deciding camera frames (the camera stays on), e.g. while a verdict is shown. */
  pause(): void {
    this.paused = true;
    this.decoder.setPaused(true);
  }

  /** Decides camera frames again after pause(). */
  resume(): void {
    this.paused = false;
    this.decoder.setPaused(false);
  }

  /**
   * Reads the QR code in an image file and decides it (the `decision` event fires too).
   *
   * @param image - A File or Blob (a photo, a screenshot).
   * @throws {@link PassgateError} `NO_QR_CODE`, `IMAGE_UNREADABLE`, `DECODER_FAILED`, `BAD_ARGUMENT` for
   *   something other than a Blob, `CLOSED`; whatever the verifier throws (e.g. `UNKNOWN_VENUE`).
   */
  async scanImage(image: Blob): Promise<Decision> {
    this.alive();
    if (!(image instanceof Blob)) throw new PassgateError('BAD_ARGUMENT', 'scanImage takes a Blob or a File');
    const frameAt = epochMs();
    const text = await this.decoder.readImage(image);
    this.alive();
    return this.decideAndTell('image', text, frameAt, epochMs());
  }

  /**
   * Decides pasted text (`PG1:` + base45, or hex), as read from a code (the `decision` event fires too).
   *
   * @param text - The text; surrounding white space is ignored.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for something other than a string, `CLOSED`; whatever
   *   the verifier throws.
   */
  async scanText(text: string): Promise<Decision> {
    this.alive();
    if (typeof text !== 'string') throw new PassgateError('BAD_ARGUMENT', 'scanText takes a string');
    const at = epochMs();
    return this.decideAndTell('text', text.trim(), at, at);
  }

  private async decideAndTell(source: ScanSource, text: string, frameAt: number, decodedAt: number): Promise<Decision> {
    const decision = await decide(this.options.verifier, this.options.verifyOptions, source, text, frameAt, decodedAt);
    if (!this.closed) this.events.emit('decision', decision);
    return decision;
  }

  private onCameraRead(read: FrameRead & { readonly text: string }): void {
    if (this.closed || this.paused || !this.repeats.admit(read.text, read.frameAt)) return;
    this.decideAndTell('camera', read.text, read.frameAt, read.decodedAt).catch((e: unknown) => this.reportError(e));
  }

  private reportError(e: unknown): void {
    if (this.closed) return;
    if (e instanceof PassgateError) this.events.emit('error', e);
    else reportUncaught(e);
  }

  /** Stops the camera and the decoder; every later call throws CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stopCamera();
    this.closed = true;
    this.decoder.terminate();
    this.events.clear();
  }
}

/**
 * A scanner deciding with `options.verifier`; the QR reader starts loading at once.
 *
 * @param options - The verifier, its options per decision, the hold time, the region and where the
 *   reader's WebAssembly and worker come from.
 * @throws {@link PassgateError} `BAD_ARGUMENT` without a verifier, for a bad region or frameSource.
 */
export function createScanner(options: ScannerOptions): Scanner {
  return new Scanner(options);
}
