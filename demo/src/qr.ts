/**
 * QR codes: drawing the wallet's code and reading one from pixels. PG1 text is "PG1:" + base45, all of
 * it in the QR alphanumeric set, so the segment is forced to alphanumeric mode (denser than bytes).
 * jsQR is plain JavaScript: nothing is fetched at run time, so the scanner works offline.
 */
import QRCode from 'qrcode';
import jsQR from 'jsqr';

/** Draws `text` onto `canvas`, `scale` pixels per module, with the standard 4-module quiet zone. */
export async function drawQr(canvas: HTMLCanvasElement, text: string, scale = 4): Promise<void> {
  await QRCode.toCanvas(canvas, [{ data: text, mode: 'alphanumeric' }], {
    errorCorrectionLevel: 'M',
    margin: 4,
    scale,
    color: { dark: '#000000', light: '#ffffff' },
  });
  // qrcode fixes the displayed size inline (452 px for a long code): the page's CSS sizes it instead,
  // so that it fits a phone's width.
  canvas.style.removeProperty('width');
  canvas.style.removeProperty('height');
}

/** The text of the first QR code found in the image, or null. */
export function readQr(image: ImageData): string | null {
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  return found ? found.data : null;
}

/** Pixels of an image file (a photo or a screenshot of a code). */
export async function imageDataOf(file: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}
