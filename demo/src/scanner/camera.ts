/**
 * Camera scanning: getUserMedia, then a few frames a second through the QR reader. A timer rather
 * than requestAnimationFrame, so that scanning also runs while the tab is not painted (kiosk screens
 * that blank, headless tests).
 */
import { readQr } from '../qr.js';

const SCAN_INTERVAL_MS = 150;
/** Frames are scaled down to this width before decoding: faster, and plenty for a phone's QR code. */
const MAX_WIDTH = 960;

export class CameraScanner {
  private stream: MediaStream | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly canvas = document.createElement('canvas');
  paused = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onText: (text: string) => void,
  ) {}

  get running(): boolean {
    return this.stream !== undefined;
  }

  async start(): Promise<void> {
    this.stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    this.video.srcObject = this.stream;
    this.video.muted = true;
    this.video.playsInline = true;
    await this.video.play();
    this.timer = setInterval(() => this.scanFrame(), SCAN_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.video.srcObject = null;
  }

  private scanFrame(): void {
    if (this.paused || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || this.video.videoWidth === 0) return;
    const scale = Math.min(1, MAX_WIDTH / this.video.videoWidth);
    const w = Math.round(this.video.videoWidth * scale);
    const ht = Math.round(this.video.videoHeight * scale);
    this.canvas.width = w;
    this.canvas.height = ht;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.drawImage(this.video, 0, 0, w, ht);
    const text = readQr(ctx.getImageData(0, 0, w, ht));
    if (text !== null) this.onText(text);
  }
}
