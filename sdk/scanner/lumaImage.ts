/**
 * Luminance images for the QR reader, written straight into its memory: from a camera VideoFrame (the
 * Y plane of a YUV frame, cut to the decode region by copyTo itself), from RGB frames, and from decoded
 * images (ImageBitmap, through an OffscreenCanvas).
 */
import type { PixelRect } from './decodeRegion.js';

/** Where the luminance goes: `size` bytes of the reader's memory (QrReader.buffer). */
export type LumaTarget = (size: number) => Uint8Array;

/** 8-bit formats whose first plane is luminance, one byte a pixel. */
const Y_PLANE_FORMATS: ReadonlySet<string> = new Set(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12']);
const RGB_FORMATS: ReadonlySet<string> = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);

/** RGBA or BGRA pixels to luminance, with ZXing-C++'s own weights (so that both paths read alike). */
function rgbToLuma(rgba: Uint8Array | Uint8ClampedArray, out: Uint8Array, redFirst: boolean): void {
  const r = redFirst ? 0 : 2;
  const b = redFirst ? 2 : 0;
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (306 * rgba[p + r]! + 601 * rgba[p + 1]! + 117 * rgba[p + b]! + 512) >> 10;
  }
}

function canvasLuma(source: CanvasImageSource, rect: PixelRect, target: LumaTarget): void {
  const canvas = new OffscreenCanvas(rect.width, rect.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D context for an OffscreenCanvas');
  context.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  const { data } = context.getImageData(0, 0, rect.width, rect.height);
  rgbToLuma(data, target(rect.width * rect.height), true);
}

/** Writes the luminance of `rect` of a camera frame into the target. */
export async function lumaFromVideoFrame(frame: VideoFrame, rect: PixelRect, target: LumaTarget): Promise<void> {
  const format = frame.format;
  const domRect = { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  if (format !== null && Y_PLANE_FORMATS.has(format)) {
    // The chroma planes come along (copyTo copies every plane); the reader reads the first w*h bytes.
    const size = frame.allocationSize({ rect: domRect });
    const [luma] = await frame.copyTo(target(size), { rect: domRect });
    if (luma && (luma.offset !== 0 || luma.stride !== rect.width)) throw new Error(`unexpected Y plane layout ${JSON.stringify(luma)}`);
    return;
  }
  if (format !== null && RGB_FORMATS.has(format)) {
    const rgba = new Uint8Array(rect.width * rect.height * 4);
    await frame.copyTo(rgba, { rect: domRect });
    rgbToLuma(rgba, target(rect.width * rect.height), format.startsWith('R'));
    return;
  }
  // A frame without CPU-readable pixels (format null: GPU-backed) is drawn instead.
  canvasLuma(frame, rect, target);
}

/** Writes the luminance of a whole decoded image into the target. */
export function lumaFromBitmap(bitmap: ImageBitmap, target: LumaTarget): void {
  canvasLuma(bitmap, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }, target);
}
