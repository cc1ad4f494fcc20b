/**
 * The camera: which one (a device id from listCameras(), or the side it faces), opened through
 * getUserMedia, with the browser's refusals turned into typed errors an app can word for its users.
 */
import { PassgateError } from '../errors.js';

/** Which camera to open, and the frame size to ask for. */
export interface CameraChoice {
  /** A camera from listCameras(); required exactly when given. */
  readonly deviceId?: string;
  /** 'environment' (the back camera, default) or 'user'; preferred, not required, so laptops still work. */
  readonly facingMode?: 'environment' | 'user';
  /** Preferred frame size (default 1280 x 720); a QR code reads best with 3 or more pixels a module. */
  readonly width?: number;
  /** Preferred frame height (default 720). */
  readonly height?: number;
}

/** A camera of this device, from {@link listCameras}. */
export interface CameraInfo {
  /** Pass it as StartOptions.deviceId. */
  readonly deviceId: string;
  /** Empty until the user has allowed a camera once (browsers hide labels before that). */
  readonly label: string;
}

function mediaDevices(): MediaDevices {
  const devices = (globalThis.navigator as Navigator | undefined)?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new PassgateError('CAMERA_UNAVAILABLE', 'this browser gives no camera access here (a camera needs a secure context: https or localhost)');
  }
  return devices;
}

/**
 * The cameras of this device.
 *
 * @throws {@link PassgateError} `CAMERA_UNAVAILABLE` without camera access (not a secure context).
 */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = await mediaDevices().enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

function constraints(choice: CameraChoice): MediaStreamConstraints {
  const video: MediaTrackConstraints = {
    width: { ideal: choice.width ?? 1280 },
    height: { ideal: choice.height ?? 720 },
    ...(choice.deviceId !== undefined ? { deviceId: { exact: choice.deviceId } } : { facingMode: { ideal: choice.facingMode ?? 'environment' } }),
  };
  return { video, audio: false };
}

/** The error getUserMedia gave, as a PassgateError. */
function cameraError(e: unknown, choice: CameraChoice): PassgateError {
  const name = e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? (e as Error).name : '';
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new PassgateError('CAMERA_DENIED', `camera access was refused: ${detail}`);
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new PassgateError('CAMERA_UNAVAILABLE', choice.deviceId !== undefined ? `no camera with device id ${choice.deviceId}` : `no camera found: ${detail}`);
  }
  if (name === 'NotReadableError' || name === 'AbortError') return new PassgateError('CAMERA_UNAVAILABLE', `the camera could not be started (in use by another app?): ${detail}`);
  return new PassgateError('CAMERA_UNAVAILABLE', `the camera could not be opened: ${detail}`);
}

export function checkCameraChoice(choice: CameraChoice): void {
  const size = (v: number | undefined): boolean => v === undefined || (Number.isInteger(v) && v > 0);
  if (choice.facingMode !== undefined && choice.facingMode !== 'environment' && choice.facingMode !== 'user') {
    throw new PassgateError('BAD_ARGUMENT', `facingMode is 'environment' or 'user', got ${String(choice.facingMode)}`);
  }
  if (choice.deviceId !== undefined && (typeof choice.deviceId !== 'string' || choice.deviceId === '')) {
    throw new PassgateError('BAD_ARGUMENT', 'deviceId must be a non-empty string from listCameras()');
  }
  if (!size(choice.width) || !size(choice.height)) throw new PassgateError('BAD_ARGUMENT', 'width and height are positive whole numbers of pixels');
}

/** Opens the chosen camera; CAMERA_DENIED or CAMERA_UNAVAILABLE when it cannot. */
export async function openCamera(choice: CameraChoice = {}): Promise<MediaStream> {
  checkCameraChoice(choice);
  const devices = mediaDevices();
  try {
    return await devices.getUserMedia(constraints(choice));
  } catch (e) {
    throw cameraError(e, choice);
  }
}

/** Stops every track of the stream: the camera light goes off. */
export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
