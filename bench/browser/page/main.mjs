// The browser benchmark's page (built by Vite, served under a strict CSP): run.mjs calls each phase
// through window.passgateBench and collects what it returns; progress goes to the console.
import { ed25519Phase } from './ed25519Phase.mjs';
import { presentationPhase } from './presentationPhase.mjs';
import { qrDecodePhase } from './qrDecodePhase.mjs';
import { scanPhase } from './scanPhase.mjs';

const log = (line) => console.log(`[bench] ${line}`);
window.passgateBench = {
  ed25519: (input) => ed25519Phase(input, log),
  presentations: (input) => presentationPhase(input, log),
  qrDecode: (input) => qrDecodePhase(input, log),
  scanToDecision: (input) => scanPhase(input, log),
  userAgent: () => navigator.userAgent,
  hasGc: () => typeof globalThis.gc === 'function',
};
document.getElementById('state').textContent = 'ready';
