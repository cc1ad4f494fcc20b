/**
 * Drawing the wallet's QR code. PG1 text is "PG1:" + base45, all of it in the QR alphanumeric set, so
 * the segment is forced to alphanumeric mode (denser than bytes). Reading codes is passgate/scanner's
 * job (the scanner and turnstile pages).
 */
import QRCode from 'qrcode';

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
