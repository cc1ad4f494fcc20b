import type { ScanLogEntry, StoredTrust } from './storageAdapter.js';

/**
 * The serialised form used by the file store: JSON with the lists in base64, so that a half-written
 * file is detected (it does not parse) rather than half-trusted.
 */
interface StoredTrustJson {
  format: 'passgate-trust-1';
  trustLists: string[];
  revocationLists: string[];
  etags: Record<string, string>;
}

const b64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
function unb64(s: string): Uint8Array {
  const t = atob(s);
  const out = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = t.charCodeAt(i);
  return out;
}

function b64Big(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function serialiseTrust(state: StoredTrust): string {
  const json: StoredTrustJson = {
    format: 'passgate-trust-1',
    trustLists: state.trustLists.map((l) => (l.length > 0x8000 ? b64Big(l) : b64(l))),
    revocationLists: state.revocationLists.map(b64Big),
    etags: { ...state.etags },
  };
  return JSON.stringify(json);
}

export function parseTrust(text: string): StoredTrust {
  const json = JSON.parse(text) as Partial<StoredTrustJson>;
  if (json.format !== 'passgate-trust-1' || !Array.isArray(json.trustLists) || !Array.isArray(json.revocationLists)) {
    throw new Error('not a Passgate trust store');
  }
  return { trustLists: json.trustLists.map(unb64), revocationLists: json.revocationLists.map(unb64), etags: json.etags ?? {} };
}

export function parseLog(text: string): ScanLogEntry[] {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) throw new Error('not a scan log');
  return v.filter((e): e is ScanLogEntry =>
    typeof e === 'object' && e !== null && typeof (e as ScanLogEntry).at === 'number' && typeof (e as ScanLogEntry).result === 'string');
}
