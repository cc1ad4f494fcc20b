// Run by coreFootprint.mjs in a fresh Node process: how long loadCrypto() takes when nothing is
// compiled or cached yet, and how long the first verification after it takes (V8 may compile wasm
// functions lazily on first call). Prints one JSON line.
import { generateKeyPairSync, sign } from 'node:crypto';
import { loadCrypto } from '../dist/sdk/core/crypto.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const rawPublicKey = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url'));
const message = new Uint8Array(197);
const signature = new Uint8Array(sign(null, message, privateKey));

const loadStart = performance.now();
const crypto = await loadCrypto();
const loadMs = performance.now() - loadStart;

const verifyStart = performance.now();
const valid = crypto.ed25519Verify(signature, message, rawPublicKey);
const firstVerifyMs = performance.now() - verifyStart;
if (!valid) throw new Error('the core rejected a valid signature');

console.log(JSON.stringify({ loadMs, firstVerifyMs }));
