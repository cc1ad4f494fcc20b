/**
 * Camera frames to the decoder. Where the browser has MediaStreamTrackProcessor and can transfer
 * streams (Chromium), the worker pulls VideoFrames itself and the page's thread is not involved at
 * all. Elsewhere each new frame of the preview <video> is cut to the decode region
 * (createImageBitmap) and handed over, one at a time.
 */
import { PassgateError } from '../errors.js';
import type { DecoderClient } from './decoderClient.js';
import { pixelRect, type DecodeRegion } from './decodeRegion.js';
import type { FrameRead } from './decoderProtocol.js';
import { epochMs } from './timestamps.js';

/** 'auto' takes the track processor where there is one. */
export type FrameSourceKind = 'auto' | 'track-processor' | 'video-element';

export interface FrameSource {
  readonly kind: Exclude<FrameSourceKind, 'auto'>;
  setRegion(region: DecodeRegion): void;
  stop(): void;
}

interface TrackProcessorConstructor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readonly readable: ReadableStream<VideoFrame> };
}

function trackProcessor(): TrackProcessorConstructor | undefined {
  return (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
}

type ReadHandler = (read: FrameRead & { readonly text: string }) => void;

function streamedFrames(Processor: TrackProcessorConstructor, track: MediaStreamTrack, decoder: DecoderClient, region: DecodeRegion): FrameSource {
  // One frame buffered: while the worker decodes, older frames are dropped, never queued.
  const { readable } = new Processor({ track, maxBufferSize: 1 });
  decoder.streamFrames(readable, region);
  return {
    kind: 'track-processor',
    setRegion: (r) => decoder.setRegion(r),
    stop: () => decoder.stopFrames(),
  };
}

/** The next frame of the video, or 100 ms, whichever comes first (a video off screen may not call back). */
function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    video.requestVideoFrameCallback?.(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function videoFrames(video: HTMLVideoElement, decoder: DecoderClient, initial: DecodeRegion, onRead: ReadHandler, onError: (e: unknown) => void): FrameSource {
  let region = initial;
  let stopped = false;
  void (async () => {
    while (!stopped) {
      await nextVideoFrame(video);
      if (stopped || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) continue;
      const frameAt = epochMs();
      const rect = pixelRect(region, video.videoWidth, video.videoHeight);
      try {
        const read = await decoder.readBitmap(await createImageBitmap(video, rect.x, rect.y, rect.width, rect.height), frameAt);
        if (!stopped && read?.text) onRead({ ...read, text: read.text });
      } catch (e) {
        stopped = true;
        onError(e);
      }
    }
  })();
  return {
    kind: 'video-element',
    setRegion: (r) => {
      region = r;
    },
    stop: () => {
      stopped = true;
      decoder.stopFrames();
    },
  };
}

/** Starts delivering the track's frames (shown in `video`) to the decoder. */
export function startFrames(
  kind: FrameSourceKind,
  track: MediaStreamTrack,
  video: HTMLVideoElement,
  decoder: DecoderClient,
  region: DecodeRegion,
  onRead: ReadHandler,
  onError: (e: unknown) => void,
): FrameSource {
  const Processor = trackProcessor();
  if (kind === 'track-processor' && !Processor) throw new PassgateError('CAMERA_UNAVAILABLE', 'this browser has no MediaStreamTrackProcessor');
  if (kind !== 'video-element' && Processor) {
    try {
      return streamedFrames(Processor, track, decoder, region);
    } catch (e) {
      // A stream that cannot be transferred (DataCloneError): the video element still works.
      if (kind === 'track-processor') throw e;
    }
  }
  return videoFrames(video, decoder, region, onRead, onError);
}
