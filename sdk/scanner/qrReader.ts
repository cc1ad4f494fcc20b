/// <reference types="emscripten" />
/**
 * The QR reader: ZXing-C++ compiled to WebAssembly (zxing-wasm), fed with luminance. Camera frames
 * already carry luminance (the Y plane of I420/NV12 frames), so it is copied straight into the
 * reader's memory and read there: no RGBA image, no conversion, no copy in between. zxing-wasm's
 * public readBarcodes() takes RGBA and converts it; this calls the same module function it then calls
 * (readBarcodesFromPixmap), which is why the package version is pinned exactly.
 *
 * The .wasm is fetched from the URL given (the app's own origin), never from a CDN: zxing-wasm's
 * default locateFile would point at one.
 */
import {
  prepareZXingModule,
  encodeFormats,
  BINARIZERS,
  CHARACTER_SETS,
  EAN_ADD_ON_SYMBOLS,
  TEXT_MODES,
  type ZXingReaderModule,
  type ZXingReaderOptions,
} from 'zxing-wasm/reader';

/** What is read from a frame: the text and the QR version (1-40). */
export interface QrRead {
  /** The code's text. */
  readonly text: string;
  /** The QR version (1 to 40; 0 when the reader did not say). */
  readonly version: number;
}

/**
 * 'frame': a camera frame, read many times a second: the code is dark on light (wallets draw it so)
 * and a missed frame costs one frame. 'image': a photo or screenshot, read once: try harder, rotated,
 * inverted (dark-mode screenshots) and downscaled (large screenshots).
 */
export type ReadEffort = 'frame' | 'image';

function readerOptions(effort: ReadEffort): ZXingReaderOptions {
  const thorough = effort === 'image';
  return {
    formats: encodeFormats(['QRCode']),
    tryHarder: true,
    tryRotate: thorough,
    tryInvert: thorough,
    tryDownscale: true,
    tryDenoise: false,
    binarizer: BINARIZERS.indexOf('LocalAverage'),
    isPure: false,
    downscaleThreshold: 500,
    downscaleFactor: 3,
    minLineCount: 2,
    maxNumberOfSymbols: 1,
    validateOptionalChecksum: false,
    returnErrors: false,
    eanAddOnSymbol: EAN_ADD_ON_SYMBOLS.indexOf('Ignore'),
    textMode: TEXT_MODES.indexOf('Plain'),
    characterSet: CHARACTER_SETS.indexOf('Unknown'),
    tryCode39ExtendedMode: false,
  };
}

/**
 * The scanner's QR reader on its own, for apps that bring their own frames (and for benchmarks): load,
 * write a luminance image into buffer(), read(). The scanner runs one in its worker.
 */
export class QrReader {
  private pointer = 0;
  private capacity = 0;
  private readonly options: Record<ReadEffort, ZXingReaderOptions> = { frame: readerOptions('frame'), image: readerOptions('image') };

  private constructor(private readonly module: ZXingReaderModule) {}

  /**
   * Fetches, compiles and instantiates the reader's WebAssembly from `wasmUrl`.
   *
   * @param wasmUrl - Where `zxing_reader.wasm` is served (the app's own origin).
   * @throws What the WebAssembly loader throws when the file cannot be fetched or compiled.
   */
  static async load(wasmUrl: string): Promise<QrReader> {
    const module = await prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
      },
      fireImmediately: true,
    });
    return new QrReader(module);
  }

  /**
   * `size` bytes of the reader's memory to write a luminance image into (row after row, one byte a
   * pixel). Valid until the next call of `buffer` or `read` (the memory may grow).
   *
   * @param size - Bytes: width x height.
   * @throws RangeError when the reader's memory cannot grow that much.
   */
  buffer(size: number): Uint8Array {
    if (size > this.capacity) {
      if (this.pointer !== 0) this.module._free(this.pointer);
      this.pointer = this.module._malloc(size);
      if (this.pointer === 0) {
        this.capacity = 0;
        throw new RangeError(`the QR reader could not allocate ${size} bytes`);
      }
      this.capacity = size;
    }
    return this.module.HEAPU8.subarray(this.pointer, this.pointer + size);
  }

  /**
   * Reads the first QR code of the width x height luminance image at the start of buffer().
   *
   * @param width - Pixels a row.
   * @param height - Rows.
   * @param effort - `'frame'` (fast, for camera frames) or `'image'` (thorough, for files).
   * @returns The code, or null when none was read.
   * @throws RangeError when buffer() was not given at least width x height bytes first.
   */
  read(width: number, height: number, effort: ReadEffort = 'frame'): QrRead | null {
    if (width * height > this.capacity) throw new RangeError('read() before buffer() of the image size');
    const results = this.module.readBarcodesFromPixmap(this.pointer, width, height, this.options[effort]);
    try {
      for (let i = 0; i < results.size(); i++) {
        const r = results.get(i);
        if (r?.isValid) return { text: r.text, version: Number.parseInt(r.version, 10) || 0 };
      }
      return null;
    } finally {
      results.delete();
    }
  }
}
