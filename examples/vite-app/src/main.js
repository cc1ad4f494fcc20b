// A venue's page on passgate: a pasted presentation or a photo of a pass becomes a decision.
// The roots are the app's own configuration, fixed at build time (VITE_PASSGATE_ROOTS, hex, comma
// separated); the lists are static files served beside the app (lists/), as any web server or CDN
// serves them, and kept in IndexedDB, so the page keeps deciding offline.
import { createVerifier } from 'passgate';
import { createScanner } from 'passgate/scanner';

const $ = (id) => document.getElementById(id);
const roots = (import.meta.env.VITE_PASSGATE_ROOTS ?? '').split(',').filter(Boolean);
// The venue's category (PG1 §8): without one no venue rule runs and a red code would be admitted.
const venue = import.meta.env.VITE_PASSGATE_VENUE || 'general';
const listUrl = (name) => new URL(`lists/${name}`, document.baseURI).href;

function show(decision) {
  const { result, claims } = decision.verification;
  $('result').textContent = result;
  $('result').dataset.result = result;
  $('detail').textContent = JSON.stringify({ source: decision.source, claims: claims ?? null }, null, 2);
}

function showError(error) {
  $('result').textContent = error.code ?? 'ERROR';
  $('result').dataset.result = error.code ?? 'ERROR';
  $('detail').textContent = error.message;
}

async function main() {
  const verifier = await createVerifier({ roots });
  // Conditional requests (ETags): unchanged lists cost a 304; a server that is down leaves the stored lists in force.
  const synced = await verifier.sync({ trust: listUrl('trust.cbor'), revocations: listUrl('revocations.cbor') });
  const scanner = createScanner({ verifier, verifyOptions: { venue } });
  $('verify-text').addEventListener('click', () => {
    scanner.scanText($('text').value.trim()).then(show, showError);
  });
  $('image').addEventListener('change', () => {
    const file = $('image').files?.[0];
    if (file) scanner.scanImage(file).then(show, showError);
  });
  $('state').textContent = `ready (${synced.map((s) => `${s.list}: ${s.outcome}`).join(', ')})`;
  $('state').dataset.ready = 'true';
}

main().catch((e) => {
  $('state').textContent = `could not start: ${e.message}`;
});
