/**
 * The page's side of the decoder worker: starts it with the reader's WebAssembly URL, hands it camera
 * frames and image files, and turns its answers into reads and typed errors.
 */
import { PassgateError } from '../errors.js';
import type { DecodeRegion } from './decodeRegion.js';
import type { FrameRead, FromDecoder, ToDecoder } from './decoderProtocol.js';

/**
 * zxing-wasm's reader, resolved by the app's bundler (Vite resolves package paths in
 * `new URL(..., import.meta.url)` and emits the file) so that it is served from the app's origin.
 */
export function defaultWasmUrl(): string {
  return new URL('zxing-wasm/reader/zxing_reader.wasm', import.meta.url).href;
}

/** The decoder worker, next to this module (bundlers recognise this form and emit the worker). */
export function defaultDecoderWorker(): Worker {
  return new Worker(new URL('./decoderWorker.js', import.meta.url), { type: 'module' });
}

export interface DecoderClientOptions {
  readonly wasmUrl: string;
  readonly spawn: () => Worker;
  /** A code read from a streamed camera frame. */
  readonly onRead: (read: FrameRead & { readonly text: string }) => void;
  /** The decoder failed (to start, or on a frame); the scanner reports it. */
  readonly onError: (error: PassgateError) => void;
}

interface PendingImage {
  resolve(text: string): void;
  reject(error: PassgateError): void;
}

export class DecoderClient {
  private readonly worker: Worker;
  private readonly started: Promise<void>;
  private failure: PassgateError | null = null;
  private nextId = 1;
  private readonly images = new Map<number, PendingImage>();
  private readonly bitmaps = new Map<number, (read: FrameRead | null) => void>();

  constructor(private readonly options: DecoderClientOptions) {
    try {
      this.worker = options.spawn();
    } catch (e) {
      throw new PassgateError('DECODER_FAILED', `the decoder worker could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    let ready!: () => void;
    let failed!: (e: PassgateError) => void;
    this.started = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    this.started.catch(() => undefined);
    this.worker.addEventListener('message', (e: MessageEvent<FromDecoder>) => this.receive(e.data, ready, failed));
    // A worker script that cannot load (a CSP that forbids it, a bundler that did not emit it).
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(new PassgateError('DECODER_FAILED', `the decoder worker failed: ${e.message || 'it could not be loaded'}`), failed);
    });
    this.send({ type: 'init', wasmUrl: options.wasmUrl });
  }

  /** Resolves once the reader's WebAssembly is ready; rejects with DECODER_FAILED. */
  whenReady(): Promise<void> {
    return this.started;
  }

  private send(message: ToDecoder, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private fail(error: PassgateError, failed: (e: PassgateError) => void): void {
    if (this.failure) return;
    this.failure = error;
    failed(error);
    for (const pending of this.images.values()) pending.reject(error);
    this.images.clear();
    this.dropBitmaps();
    this.options.onError(error);
  }

  private receive(m: FromDecoder, ready: () => void, failed: (e: PassgateError) => void): void {
    switch (m.type) {
      case 'ready':
        ready();
        break;
      case 'failed':
        this.fail(new PassgateError('DECODER_FAILED', `the QR reader could not start: ${m.message}`), failed);
        break;
      case 'frame-failed':
        this.options.onError(new PassgateError('DECODER_FAILED', `a camera frame could not be read: ${m.message}`));
        break;
      case 'read':
        this.options.onRead(m);
        break;
      case 'bitmap-read': {
        const waiter = this.bitmaps.get(m.id);
        this.bitmaps.delete(m.id);
        waiter?.(m);
        break;
      }
      case 'image-read': {
        const pending = this.images.get(m.id);
        this.images.delete(m.id);
        if (!pending) break;
        if (m.error) pending.reject(new PassgateError(m.error, m.error === 'IMAGE_UNREADABLE' ? `not an image that can be decoded: ${m.message ?? ''}` : `the QR reader failed: ${m.message ?? ''}`));
        else if (m.text === null) pending.reject(new PassgateError('NO_QR_CODE', 'no QR code was found in the image'));
        else pending.resolve(m.text);
        break;
      }
    }
  }

  /** Hands the worker a stream of camera frames to pull from (it reads them itself). */
  streamFrames(stream: ReadableStream<VideoFrame>, region: DecodeRegion): void {
    this.send({ type: 'frames', stream, region }, [stream as unknown as Transferable]);
  }

  /**
   * Reads one frame already cut to the decode region; resolves when it has been read, or with null
   * when the frames were stopped meanwhile.
   */
  readBitmap(bitmap: ImageBitmap, frameAt: number): Promise<FrameRead | null> {
    if (this.failure) {
      bitmap.close();
      return Promise.reject(this.failure);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.bitmaps.set(id, resolve);
      this.send({ type: 'bitmap', id, bitmap, frameAt }, [bitmap]);
    });
  }

  private dropBitmaps(): void {
    for (const waiter of this.bitmaps.values()) waiter(null);
    this.bitmaps.clear();
  }

  /** The text of the QR code in an image file; NO_QR_CODE, IMAGE_UNREADABLE or DECODER_FAILED otherwise. */
  async readImage(image: Blob): Promise<string> {
    await this.started;
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.images.set(id, { resolve, reject });
      this.send({ type: 'image', id, image });
    });
  }

  setRegion(region: DecodeRegion): void {
    this.send({ type: 'region', region });
  }

  setPaused(paused: boolean): void {
    this.send({ type: 'paused', paused });
  }

  stopFrames(): void {
    this.send({ type: 'stop-frames' });
    this.dropBitmaps();
  }

  terminate(): void {
    this.worker.terminate();
    const closed = new PassgateError('CLOSED', 'the scanner has been closed');
    for (const pending of this.images.values()) pending.reject(closed);
    this.images.clear();
    this.dropBitmaps();
  }
}
