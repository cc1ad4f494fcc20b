/** Messages between the scanner (page) and its decoder worker. Times are epochMs(). */
import type { DecodeRegion } from './decodeRegion.js';

export type ToDecoder =
  | { readonly type: 'init'; readonly wasmUrl: string }
  /** Camera frames as a stream of VideoFrames (MediaStreamTrackProcessor), read by the worker itself. */
  | { readonly type: 'frames'; readonly stream: ReadableStream<VideoFrame>; readonly region: DecodeRegion }
  /** One camera frame, already cut to the decode region (the video-element frame source). */
  | { readonly type: 'bitmap'; readonly id: number; readonly bitmap: ImageBitmap; readonly frameAt: number }
  | { readonly type: 'region'; readonly region: DecodeRegion }
  | { readonly type: 'paused'; readonly paused: boolean }
  | { readonly type: 'stop-frames' }
  /** An image file (a photo or a screenshot of a code). */
  | { readonly type: 'image'; readonly id: number; readonly image: Blob };

/** A camera frame decoded: the text read, or null; when the frame arrived and when it was decoded. */
export interface FrameRead {
  readonly text: string | null;
  readonly frameAt: number;
  readonly decodedAt: number;
}

export type FromDecoder =
  | { readonly type: 'ready' }
  /** The reader could not start: nothing will be decoded. */
  | { readonly type: 'failed'; readonly message: string }
  /** A camera frame could not be read (reported once; the next frames are still tried). */
  | { readonly type: 'frame-failed'; readonly message: string }
  /** Frames from the stream: posted only when a code was read. */
  | ({ readonly type: 'read' } & FrameRead & { readonly text: string })
  /** The answer to a 'bitmap' message, found or not (the page sends the next frame then). */
  | ({ readonly type: 'bitmap-read'; readonly id: number } & FrameRead)
  | { readonly type: 'image-read'; readonly id: number; readonly text: string | null; readonly error?: 'IMAGE_UNREADABLE' | 'DECODER_FAILED'; readonly message?: string };
