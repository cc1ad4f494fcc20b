/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames show one
 * QR code, drawn with the same library and options as the wallet (alphanumeric mode, ECC M), so the
 * scanner reads it through getUserMedia exactly as it would read a phone held up to a webcam.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface Y4mOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frames?: number;
}

/** Luma of every pixel of a frame: the QR code centred on white, as large as fits in whole pixels. */
export function qrLuma(text: string, width: number, height: number): Uint8Array {
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(width, height) / (size + 2 * quiet));
  if (scale < 2) throw new Error(`a ${size}-module code does not fit in ${width}x${height} at 2 px per module`);
  const luma = new Uint8Array(width * height).fill(255);
  const x0 = Math.floor((width - size * scale) / 2);
  const y0 = Math.floor((height - size * scale) / 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) luma.fill(0, (y0 + r * scale + dy) * width + x0 + c * scale, (y0 + r * scale + dy) * width + x0 + (c + 1) * scale);
    }
  }
  return luma;
}

/** Writes a 4:2:0 Y4M file (full-range luma, neutral chroma) that shows `text` as a QR code. */
export function writeQrY4m(path: string, text: string, options: Y4mOptions = {}): void {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 3;
  const luma = qrLuma(text, width, height);
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), luma, chroma]);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
