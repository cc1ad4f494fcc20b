/**
 * The camera button of the scanner and turnstile pages: starts passgate/scanner's camera into the
 * preview, stops it on the next click, and keeps the label and the preview's visibility in step.
 */
import type { Scanner } from '../../../sdk/scanner/index.js';
import { tr, type Bilingual } from '../i18n.js';

export interface CameraToggle {
  readonly running: boolean;
  stop(): void;
}

export function cameraToggle(
  button: HTMLButtonElement,
  scanner: () => Scanner | undefined,
  preview: { readonly video: HTMLVideoElement; readonly wrap: HTMLElement },
  labels: { readonly start: Bilingual; readonly stop: Bilingual },
  onProblem: (e: unknown) => void,
): CameraToggle {
  let running = false;
  const stop = (): void => {
    scanner()?.stopCamera();
    running = false;
    preview.wrap.hidden = true;
    button.textContent = tr(labels.start);
    delete button.dataset['running'];
  };
  button.addEventListener('click', () => {
    const s = scanner();
    if (!s) return;
    if (running) {
      stop();
      return;
    }
    s.start({ preview: preview.video })
      .then(() => {
        running = true;
        preview.wrap.hidden = false;
        button.textContent = tr(labels.stop);
        button.dataset['running'] = 'true';
      })
      .catch(onProblem);
  });
  return {
    get running() {
      return running;
    },
    stop,
  };
}
