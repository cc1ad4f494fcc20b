/**
 * The decoder worker: reads QR codes from camera frames and image files off the page's thread, so
 * that decoding never delays the page (the verdict, the preview). Frames from a MediaStreamTrackProcessor
 * are pulled here one at a time: while one is decoded the processor drops the stale ones, so the
 * reader always gets the newest frame.
 */
import { pixelRect, WHOLE_FRAME, type DecodeRegion, type PixelRect } from './decodeRegion.js';
import type { FromDecoder, ToDecoder } from './decoderProtocol.js';
import { lumaFromBitmap, lumaFromVideoFrame } from './lumaImage.js';
import { QrReader } from './qrReader.js';
import { epochMs } from './timestamps.js';

interface WorkerScope {
  postMessage(message: FromDecoder): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToDecoder>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let reader: Promise<QrReader> | null = null;
let region: DecodeRegion = WHOLE_FRAME;
let paused = false;
let frames: ReadableStreamDefaultReader<VideoFrame> | null = null;
let frameFailureReported = false;

/**
 * One read at a time: frame copies are asynchronous, and a read of another size meanwhile would move
 * the reader's buffer under them.
 */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const post = (message: FromDecoder): void => scope.postMessage(message);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function frameFailed(e: unknown): void {
  if (frameFailureReported) return;
  frameFailureReported = true;
  post({ type: 'frame-failed', message: messageOf(e) });
}

/** The decode region of a frame, in the frame's coded coordinates. */
function frameRect(frame: VideoFrame): PixelRect {
  const visible = frame.visibleRect ?? { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
  const rect = pixelRect(region, visible.width, visible.height);
  return { ...rect, x: rect.x + visible.x, y: rect.y + visible.y };
}

async function readStream(stream: ReadableStream<VideoFrame>): Promise<void> {
  await frames?.cancel().catch(() => undefined);
  const own = stream.getReader();
  frames = own;
  const qr = await reader!;
  for (;;) {
    const { value: frame, done } = await own.read().catch(() => ({ value: undefined, done: true as const }));
    if (done || !frame) break;
    const frameAt = epochMs();
    try {
      if (frames !== own) break;
      if (paused) continue;
      const found = await serial(async () => {
        const rect = frameRect(frame);
        await lumaFromVideoFrame(frame, rect, (size) => qr.buffer(size));
        frame.close(); // the camera gets its buffer back before the decoding
        return qr.read(rect.width, rect.height, 'frame');
      });
      if (found) post({ type: 'read', text: found.text, frameAt, decodedAt: epochMs() });
    } catch (e) {
      frameFailed(e);
    } finally {
      frame.close();
    }
  }
  if (frames === own) frames = null;
}

async function readBitmap(id: number, bitmap: ImageBitmap, frameAt: number): Promise<void> {
  let text: string | null = null;
  try {
    const qr = await reader!;
    if (!paused) {
      text = await serial(async () => {
        lumaFromBitmap(bitmap, (size) => qr.buffer(size));
        return qr.read(bitmap.width, bitmap.height, 'frame')?.text ?? null;
      });
    }
  } catch (e) {
    frameFailed(e);
  } finally {
    bitmap.close();
  }
  post({ type: 'bitmap-read', id, text, frameAt, decodedAt: epochMs() });
}

async function readImage(id: number, image: Blob): Promise<void> {
  let qr: QrReader;
  try {
    qr = await reader!;
  } catch (e) {
    post({ type: 'image-read', id, text: null, error: 'DECODER_FAILED', message: messageOf(e) });
    return;
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch (e) {
    post({ type: 'image-read', id, text: null, error: 'IMAGE_UNREADABLE', message: messageOf(e) });
    return;
  }
  try {
    const text = await serial(async () => {
      lumaFromBitmap(bitmap, (size) => qr.buffer(size));
      return qr.read(bitmap.width, bitmap.height, 'image')?.text ?? null;
    });
    post({ type: 'image-read', id, text });
  } catch (e) {
    post({ type: 'image-read', id, text: null, error: 'DECODER_FAILED', message: messageOf(e) });
  } finally {
    bitmap.close();
  }
}

scope.addEventListener('message', (event) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      reader = QrReader.load(m.wasmUrl);
      reader.then(() => post({ type: 'ready' }), (e: unknown) => post({ type: 'failed', message: messageOf(e) }));
      break;
    case 'frames':
      region = m.region;
      frameFailureReported = false;
      void readStream(m.stream).catch(frameFailed);
      break;
    case 'bitmap':
      void readBitmap(m.id, m.bitmap, m.frameAt);
      break;
    case 'region':
      region = m.region;
      break;
    case 'paused':
      paused = m.paused;
      break;
    case 'stop-frames': {
      const current = frames;
      frames = null;
      void current?.cancel().catch(() => undefined);
      break;
    }
    case 'image':
      void readImage(m.id, m.image);
      break;
  }
});
