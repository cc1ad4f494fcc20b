// Camera frames showing QR codes, as luminance (one byte a pixel): drawn with the same library and
// options as the demo wallet (alphanumeric mode, ECC M unless asked), placed anywhere in the frame,
// optionally with mild sensor noise. No Node API: the browser benchmark draws its frames in the page.
// y4m.mjs writes them as a video for Chromium's fake camera. Used by the browser tests and by
// `npm run bench:browser`.
import QRCode from 'qrcode';

/** The QR symbol for `text` (alphanumeric segment): { size, version, dark(row, col) }. */
export function qrSymbol(text, { ecc = 'M', version } = {}) {
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: ecc, ...(version ? { version } : {}) });
  const size = qr.modules.size;
  return { size, version: qr.version, dark: (r, c) => qr.modules.get(r, c) === 1 || qr.modules.get(r, c) === true };
}

/** A white frame. */
export function blankFrame(width, height) {
  return new Uint8Array(width * height).fill(255);
}

/**
 * Draws the code for `text` into `luma` (width wide): its top-left module at (x, y), `scale` pixels a
 * module, with a white 4-module quiet zone. Defaults: centred, as large as fits in whole pixels.
 */
export function drawQr(luma, width, height, text, { x, y, scale, ecc, version } = {}) {
  const symbol = qrSymbol(text, { ecc, version });
  const quiet = 4;
  const s = scale ?? Math.floor(Math.min(width, height) / (symbol.size + 2 * quiet));
  if (s < 1) throw new Error(`a ${symbol.size}-module code does not fit in ${width}x${height}`);
  const side = symbol.size * s;
  const x0 = x ?? Math.floor((width - side) / 2);
  const y0 = y ?? Math.floor((height - side) / 2);
  if (x0 - quiet * s < 0 || y0 - quiet * s < 0 || x0 + side + quiet * s > width || y0 + side + quiet * s > height) {
    throw new Error(`the code (${symbol.size} modules at ${s} px, quiet zone included) does not fit at (${x0}, ${y0}) in ${width}x${height}`);
  }
  for (let yy = y0 - quiet * s; yy < y0 + side + quiet * s; yy++) luma.fill(255, yy * width + x0 - quiet * s, yy * width + x0 + side + quiet * s);
  for (let r = 0; r < symbol.size; r++) {
    for (let c = 0; c < symbol.size; c++) {
      if (!symbol.dark(r, c)) continue;
      for (let dy = 0; dy < s; dy++) luma.fill(0, (y0 + r * s + dy) * width + x0 + c * s, (y0 + r * s + dy) * width + x0 + (c + 1) * s);
    }
  }
  return { version: symbol.version, modules: symbol.size, scale: s, x: x0, y: y0 };
}

/** A small, seeded PRNG (mulberry32) giving numbers in [0, 1): the same frames in every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mild sensor noise, in place: a phone screen seen by a cheap camera. Black and white are pulled
 * towards grey (`dark`, `light`: a screen's glow and the exposure) and Gaussian noise of `sigma` levels
 * is added to every pixel (the sensor's own noise). `blur` also softens module edges with a 3x3 box
 * (defocus: optics rather than the sensor, off unless asked).
 */
export function addSensorNoise(luma, width, height, { seed = 1, sigma = 14, dark = 45, light = 205, blur = false } = {}) {
  const random = prng(seed);
  const src = Uint8Array.from(luma);
  const span = (light - dark) / 255;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = src[y * width + x];
      if (blur) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          for (let dx = -1; dx <= 1; dx++) sum += src[yy * width + Math.min(width - 1, Math.max(0, x + dx))];
        }
        value = sum / 9;
      }
      // Contrast, then noise (Box-Muller).
      const clean = dark + value * span;
      const gauss = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
      luma[y * width + x] = Math.max(0, Math.min(255, Math.round(clean + sigma * gauss)));
    }
  }
  return luma;
}

/** RGBA pixels of a luminance frame (what a canvas's getImageData gives, for readers that want it). */
export function lumaToRgba(luma) {
  const rgba = new Uint8ClampedArray(luma.length * 4);
  for (let i = 0, p = 0; i < luma.length; i++, p += 4) {
    rgba[p] = rgba[p + 1] = rgba[p + 2] = luma[i];
    rgba[p + 3] = 255;
  }
  return rgba;
}
