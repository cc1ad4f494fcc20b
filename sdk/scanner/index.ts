/**
 * QR codes from a camera, an image file or pasted text, verified into decisions (browsers). Start with
 * {@link createScanner}.
 *
 * @module passgate/scanner
 */
export { createScanner, Scanner } from './scanner.js';
export type { ScannerOptions, StartOptions, ScannerEventMap } from './scanner.js';
export type { Decision, DecisionTiming, PresentationVerifier, ScanSource, VerifyOptionsSource } from './decision.js';
export { listCameras } from './camera.js';
export type { CameraChoice, CameraInfo } from './camera.js';
export type { DecodeRegion } from './decodeRegion.js';
export type { FrameSourceKind } from './frameSource.js';
export { DEFAULT_HOLD_MS } from './repeatFilter.js';
export { QrReader } from './qrReader.js';
export type { QrRead, ReadEffort } from './qrReader.js';
export { PassgateError } from '../errors.js';
export type { PassgateErrorCode } from '../errors.js';
