export type Ecc = 'L' | 'M' | 'Q' | 'H';

export interface QrSymbol {
  readonly size: number;
  readonly version: number;
  dark(row: number, col: number): boolean;
}

export interface DrawnQr {
  readonly version: number;
  readonly modules: number;
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export function qrSymbol(text: string, options?: { ecc?: Ecc; version?: number }): QrSymbol;
export function blankFrame(width: number, height: number): Uint8Array;
export function drawQr(
  luma: Uint8Array,
  width: number,
  height: number,
  text: string,
  options?: { x?: number; y?: number; scale?: number; ecc?: Ecc; version?: number },
): DrawnQr;
export function addSensorNoise(luma: Uint8Array, width: number, height: number, options?: { seed?: number; sigma?: number; dark?: number; light?: number; blur?: boolean }): Uint8Array;
export function lumaToRgba(luma: Uint8Array): Uint8ClampedArray;
export function prng(seed: number): () => number;
