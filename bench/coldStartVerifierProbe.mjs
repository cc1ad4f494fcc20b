// Run by coreFootprint.mjs in a fresh Node process: how long the first verifier takes to be ready.
// Reads { root, trustList, text, now } (hex and text) as JSON on standard input and prints one JSON
// line: the SDK import, createVerifier() (core compiled and instantiated, nothing stored), the first
// trust list (8 issuers; their comb tables come later, from each key's 2nd verified use: docs/core.md),
// and the first verification.
import { readFileSync } from 'node:fs';

const fixture = JSON.parse(readFileSync(0, 'utf8'));
const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));
const root = fromHex(fixture.root);
const trustList = fromHex(fixture.trustList);

const importStart = performance.now();
const { createVerifier } = await import('../dist/sdk/index.js');
const importMs = performance.now() - importStart;

const createStart = performance.now();
const verifier = await createVerifier({ roots: [root], storage: null, now: () => fixture.now });
const createMs = performance.now() - createStart;

const applyStart = performance.now();
await verifier.applyTrustList(trustList);
const applyMs = performance.now() - applyStart;

const verifyStart = performance.now();
const { result } = verifier.verify(fixture.text);
const firstVerifyMs = performance.now() - verifyStart;
if (result !== 'OK') throw new Error(`the first verification gave ${result}`);

console.log(JSON.stringify({ importMs, createMs, applyMs, firstVerifyMs }));
