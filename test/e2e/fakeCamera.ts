/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames show one
 * QR code, drawn with the same library and options as the wallet (alphanumeric mode, ECC M), so the
 * scanner reads it through getUserMedia exactly as it would read a phone held up to a webcam.
 */
import { blankFrame, drawQr } from '../../scripts/qrFrames.mjs';
import { writeY4m } from '../../scripts/y4m.mjs';

export interface Y4mOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frames?: number;
}

/** Luma of every pixel of a frame: the QR code centred on white, as large as fits in whole pixels. */
export function qrLuma(text: string, width: number, height: number): Uint8Array {
  const luma = blankFrame(width, height);
  drawQr(luma, width, height, text);
  return luma;
}

/** Writes a 4:2:0 Y4M file (full-range luma, neutral chroma) that shows `text` as a QR code. */
export function writeQrY4m(path: string, text: string, options: Y4mOptions = {}): void {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frame = qrLuma(text, width, height);
  writeY4m(path, Array.from({ length: options.frames ?? 3 }, () => frame), { width, height });
}
