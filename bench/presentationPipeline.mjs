// What a developer would write instead of Passgate: PG1 presentation verification assembled from
// npm parts, without any Node or browser API of its own (it runs in both: `npm run bench` and
// `npm run bench:browser`). Same job as Passgate's verify() for the benchmark's presentations, step
// for step (PG1 §2–§5): `PG1:` text → base45 → cbor-x → COSE_Sign1 with the Sig_structure rebuilt
// from the received protected/payload bytes → Ed25519 → claims → issuer window and time checks →
// disclosure digests → holder binding. The Ed25519 and SHA-256 primitives are plugged in
// (pipelines.mjs: node:crypto and noble; the browser bench: WebCrypto).
//
// What the pipelines leave out makes them faster, never slower: cbor-x does not enforce PG1 §1's
// deterministic-encoding rules (shortest heads, sorted keys, depth), there is no revocation list
// (none is applied to Passgate's verifier either) and no venue policy (none is asked of Passgate).
import { Decoder, Encoder, Tag } from 'cbor-x';

const QR_PREFIX = 'PG1:';
const SKEW = 60; // PG1 §5 step 7, the default
const BINDING_WINDOW = 60; // PG1 §4, fixed
const COSE_SIGN1_TAG = 18;
const ALG_ED25519 = -19;
const ALG_EDDSA = -8;
const CLAIM = { iss: 1, exp: 4, nbf: 5, iat: 6, cti: 7, cnf: 8, sd: -65537 };
const CLAIM_NAMES = { 1: 'status', 2: 'nat', 3: 'vax', 4: 'abroad14', 5: 'risk14', 6: 'fever', 7: 'region', 8: 'id4', 9: 'name', 10: 'photo', 11: 'intl' };
const EMPTY = new Uint8Array(0);

// ---- base45 (RFC 9285), a small decoder of our own ----
const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE45_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE45_ALPHABET.length; i++) BASE45_VALUE[BASE45_ALPHABET.charCodeAt(i)] = i;

function base45Digit(text, i) {
  const code = text.charCodeAt(i);
  const value = code < 128 ? BASE45_VALUE[code] : -1;
  if (value < 0) throw new Error('base45: bad character');
  return value;
}

/** Decodes text[start…] as base45; throws on a bad character, a dangling digit or an overflow. */
export function base45Decode(text, start = 0) {
  const length = text.length - start;
  const tail = length % 3;
  if (tail === 1) throw new Error('base45: bad length');
  const out = new Uint8Array(((length - tail) / 3) * 2 + (tail ? 1 : 0));
  let o = 0;
  let i = start;
  for (const end = text.length - tail; i < end; i += 3) {
    const n = base45Digit(text, i) + base45Digit(text, i + 1) * 45 + base45Digit(text, i + 2) * 2025;
    if (n > 0xffff) throw new Error('base45: triplet overflow');
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (tail) {
    const n = base45Digit(text, i) + base45Digit(text, i + 1) * 45;
    if (n > 0xff) throw new Error('base45: pair overflow');
    out[o] = n;
  }
  return out;
}

// ---- CBOR through cbor-x ----
// Maps stay Maps (PG1 keys are integers); byte strings decode as views of the received bytes.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
// tagUint8Array: false, or cbor-x wraps every Uint8Array in tag 64 and the Sig_structure differs.
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false });

const isBytes = (v, length) => v instanceof Uint8Array && (length === undefined || v.length === length);
const isUint = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'bigint' && v >= 0n);

function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (bytes) => {
  let s = '';
  for (const b of bytes) s += HEX_BYTE[b];
  return s;
};

/** §3: a value of the wrong type for a known key is MALFORMED (the keys this workload uses, and the booleans). */
function knownValueOk(key, value) {
  switch (key) {
    case 1: return value === 0 || value === 1 || value === 2;
    case 2: return Array.isArray(value) && value.length === 2 && isUint(value[0]) && (value[1] === 0 || value[1] === 1);
    case 3: return Array.isArray(value) && value.length === 2 && isUint(value[0]) && isUint(value[1]);
    case 4: case 5: case 6: case 11: return typeof value === 'boolean';
    case 7: return isUint(value);
    case 8: case 9: return typeof value === 'string';
    case 10: return isBytes(value, 32);
    default: return true;
  }
}

/**
 * The checks of one presentation, step by step, as a generator: it yields each cryptographic
 * operation ({ op: 'verifyIssuer' | 'verifyDevice' | 'sha256', … }) and is resumed with its answer, so
 * that one copy of the checks serves synchronous primitives (node:crypto, noble) and asynchronous ones
 * (WebCrypto in browsers). Returns { iss, kid, claims } when every check passes, else null.
 */
function* checks(text, now, byKid) {
  // Transport (§4): the QR text.
  if (!text.startsWith(QR_PREFIX)) return null;
  const bytes = base45Decode(text, QR_PREFIX.length);
  if (bytes.length > 4096) return null;

  // Presentation and token structure (§2, §4).
  const presentation = decoder.decode(bytes);
  if (!Array.isArray(presentation) || presentation.length < 2 || presentation.length > 3) return null;
  const [token, disclosures, binding] = presentation;
  if (!(token instanceof Tag) || token.tag !== COSE_SIGN1_TAG) return null;
  const sign1 = token.value;
  if (!Array.isArray(sign1) || sign1.length !== 4) return null;
  const [protectedBytes, unprotected, payload, signature] = sign1;
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || unprotected.size !== 0) return null;
  if (!isBytes(payload) || !isBytes(signature, 64) || !Array.isArray(disclosures)) return null;
  const header = decoder.decode(protectedBytes);
  if (!(header instanceof Map) || header.size !== 2) return null;
  const alg = header.get(1);
  if (alg !== ALG_ED25519 && alg !== ALG_EDDSA) return null;
  const kid = header.get(4);
  if (!isBytes(kid, 8)) return null;

  // Key lookup and signature (§5 steps 3–4): Sig_structure over the received bytes.
  const kidHex = hex(kid);
  const issuer = byKid.get(kidHex);
  if (!issuer) return null;
  const toBeSigned = encoder.encode(['Signature1', protectedBytes, EMPTY, payload]);
  if (!(yield { op: 'verifyIssuer', key: issuer.key, signature, message: toBeSigned })) return null;

  // Claims (§2, §5 step 5).
  const claims = decoder.decode(payload);
  if (!(claims instanceof Map)) return null;
  const iss = claims.get(CLAIM.iss);
  const exp = claims.get(CLAIM.exp);
  const nbf = claims.get(CLAIM.nbf);
  const iat = claims.get(CLAIM.iat);
  const cti = claims.get(CLAIM.cti);
  const cnf = claims.get(CLAIM.cnf);
  const sd = claims.get(CLAIM.sd);
  if (typeof iss !== 'string' || !isUint(exp) || !isUint(iat) || (nbf !== undefined && !isUint(nbf))) return null;
  if (!isBytes(cti, 16) || !Array.isArray(sd) || sd.length < 1 || sd.length > 64) return null;
  let devicePub = null;
  if (cnf !== undefined) {
    const okp = cnf instanceof Map && cnf.size === 1 ? cnf.get(1) : undefined;
    if (!(okp instanceof Map) || okp.size !== 3 || okp.get(1) !== 1 || okp.get(-1) !== 6) return null;
    devicePub = okp.get(-2);
    if (!isBytes(devicePub, 32)) return null;
  }

  // Issuer and time (§5 steps 6–7).
  if (iss !== issuer.iss) return null;
  if (iat < issuer.notBefore || iat >= issuer.notAfter) return null;
  if (nbf !== undefined && now < nbf - SKEW) return null;
  if (now >= exp + SKEW) return null;

  // Disclosures (§3, §5 step 9): each digest must be in sd.
  const disclosed = {};
  const seen = new Set();
  for (const disclosure of disclosures) {
    if (!isBytes(disclosure)) return null;
    const digest = yield { op: 'sha256', bytes: disclosure };
    let listed = false;
    for (const entry of sd) if (isBytes(entry, 32) && bytesEqual(entry, digest)) { listed = true; break; }
    if (!listed) return null;
    const content = decoder.decode(disclosure);
    if (!Array.isArray(content) || content.length !== 3 || !isBytes(content[0], 16) || !isUint(content[1])) return null;
    const [, key, value] = content;
    if (seen.has(key) || !knownValueOk(key, value)) return null;
    seen.add(key);
    disclosed[CLAIM_NAMES[key] ?? key] = value;
  }

  // Holder binding (§4, §5 step 10).
  if (devicePub === null) {
    if (binding !== undefined) return null;
  } else {
    if (!Array.isArray(binding) || binding.length !== 3) return null;
    const [presentedAt, nonce, deviceSignature] = binding;
    if (!isUint(presentedAt) || nonce !== null || !isBytes(deviceSignature, 64)) return null; // no nonce was issued
    const deviceAuth = encoder.encode(['PG1-device', cti, presentedAt, nonce]);
    if (!(yield { op: 'verifyDevice', publicKey: devicePub, signature: deviceSignature, message: deviceAuth })) return null;
    if (Math.abs(now - presentedAt) > BINDING_WINDOW) return null;
  }
  return { iss, kid: kidHex, claims: disclosed };
}

/** Resumes the generator with each operation's answer; bad input is a refusal, never a crash. */
function perform(crypto, step) {
  if (step.op === 'sha256') return crypto.sha256(step.bytes);
  if (step.op === 'verifyIssuer') return crypto.verifyIssuer(step.key, step.signature, step.message);
  return crypto.verifyDevice(step.publicKey, step.signature, step.message);
}

/**
 * One presentation pipeline over synchronous primitives. `crypto` supplies them:
 *   issuerKey(pub) → whatever verifyIssuer needs, prepared once per issuer (outside the timed loop);
 *   verifyIssuer(issuerKey, sig, msg), verifyDevice(rawPub, sig, msg) → boolean; sha256(bytes).
 * issuers: [{ pub, iss, notBefore, notAfter }] from the trust list, with kid = H(pub)[0..8].
 * Returns verify(text, now) → { iss, kid, claims } when every check passes, else null.
 */
export function makePipeline({ issuers, crypto }) {
  const byKid = new Map(issuers.map((i) => [hex(crypto.sha256(i.pub).subarray(0, 8)), { ...i, key: crypto.issuerKey(i.pub) }]));
  return (text, now) => {
    try {
      const steps = checks(text, now, byKid);
      let step = steps.next();
      while (!step.done) step = steps.next(perform(crypto, step.value));
      return step.value;
    } catch {
      return null;
    }
  };
}

/**
 * The same pipeline over asynchronous primitives (each returns a promise: WebCrypto's
 * crypto.subtle). Resolves to the pipeline: verify(text, now) → Promise<verdict | null>.
 */
export async function makeAsyncPipeline({ issuers, crypto }) {
  const byKid = new Map(await Promise.all(issuers.map(async (i) => [hex((await crypto.sha256(i.pub)).subarray(0, 8)), { ...i, key: await crypto.issuerKey(i.pub) }])));
  return async (text, now) => {
    try {
      const steps = checks(text, now, byKid);
      let step = steps.next();
      while (!step.done) step = steps.next(await perform(crypto, step.value));
      return step.value;
    } catch {
      return null;
    }
  };
}
