/**
 * The part of each camera frame the decoder looks at. Given in fractions of the frame, so that an app
 * can draw its viewfinder before it knows the camera's resolution; turned into whole, even pixel
 * coordinates per frame (4:2:0 frames can only be cut on even rows and columns).
 */
import { PassgateError } from '../errors.js';

/** A rectangle of the frame: left and top edges, width and height, each a fraction from 0 to 1. */
export interface DecodeRegion {
  /** The left edge, 0 to 1. */
  readonly left: number;
  /** The top edge, 0 to 1. */
  readonly top: number;
  /** The width, above 0; left + width at most 1. */
  readonly width: number;
  /** The height, above 0; top + height at most 1. */
  readonly height: number;
}

/** A rectangle in pixels. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const WHOLE_FRAME: DecodeRegion = { left: 0, top: 0, width: 1, height: 1 };

const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** Checks a region given by the app; a bad one is BAD_ARGUMENT. */
export function checkRegion(region: DecodeRegion): DecodeRegion {
  const { left, top, width, height } = region;
  if (![left, top, width, height].every(isFraction) || width === 0 || height === 0 || left + width > 1 + 1e-9 || top + height > 1 + 1e-9) {
    throw new PassgateError('BAD_ARGUMENT', `a decode region is {left, top, width, height} in fractions of the frame, inside it and not empty; got ${JSON.stringify(region)}`);
  }
  return { left, top, width, height };
}

const even = (v: number): number => v - (v % 2);

/** The region in pixels of a frame of this size: even edges, at least 2 x 2, inside the frame. */
export function pixelRect(region: DecodeRegion, frameWidth: number, frameHeight: number): PixelRect {
  const x = Math.min(even(Math.floor(region.left * frameWidth)), even(frameWidth - 2));
  const y = Math.min(even(Math.floor(region.top * frameHeight)), even(frameHeight - 2));
  const width = Math.max(2, Math.min(even(Math.round(region.width * frameWidth)), even(frameWidth - x)));
  const height = Math.max(2, Math.min(even(Math.round(region.height * frameHeight)), even(frameHeight - y)));
  return { x, y, width, height };
}
