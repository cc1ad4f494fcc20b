/**
 * Key files: the JSON `passgate keygen` writes, {secretKey, publicKey, kid} in lowercase hex. Reading
 * one checks that the three agree, so a hand-edited or truncated file is caught before it signs.
 */
import { toHex } from '../encoding/hex.js';
import { kidOf, publicKeyFromSecret, type KeyPair } from '../issuer/keys.js';
import { hexBytes, UsageError } from './args.js';
import { readJsonFile } from './files.js';

export interface KeyFileJson {
  readonly secretKey: string;
  readonly publicKey: string;
  readonly kid: string;
}

export function keyFileJson(pair: KeyPair): KeyFileJson {
  return { secretKey: toHex(pair.secretKey), publicKey: toHex(pair.publicKey), kid: toHex(kidOf(pair.publicKey)) };
}

function field(o: Record<string, unknown>, name: string, path: string): string {
  const v = o[name];
  if (typeof v !== 'string') throw new UsageError(`key file ${path}: "${name}" must be a hex string`);
  return v;
}

/** Reads a key pair written by keygen (the secret key is required). */
export async function readKeyFile(path: string, option: string): Promise<KeyPair> {
  const json = await readJsonFile(path, `--${option}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`key file ${path}: expected a JSON object`);
  const o = json as Record<string, unknown>;
  const secretKey = hexBytes(field(o, 'secretKey', path), `${option} secretKey`, 32);
  const publicKey = publicKeyFromSecret(secretKey);
  if ('publicKey' in o && toHex(hexBytes(field(o, 'publicKey', path), `${option} publicKey`, 32)) !== toHex(publicKey)) {
    throw new UsageError(`key file ${path}: publicKey does not belong to secretKey`);
  }
  if ('kid' in o && field(o, 'kid', path).toLowerCase() !== toHex(kidOf(publicKey))) {
    throw new UsageError(`key file ${path}: kid is not H(publicKey)[0..8]`);
  }
  return { secretKey, publicKey };
}
