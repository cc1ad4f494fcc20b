/**
 * What the phone keeps: its device key and the token with all its disclosures. Stored in this
 * origin's localStorage, apart from the verifier's IndexedDB (a wallet is another device than the
 * gate; the operator's "destroy all data" concerns the verifier). The device secret never leaves it.
 */
import { generateKeyPair, publicKeyFromSecret } from '../../../sdk/issuer/index.js';
import { fromBase64, fromHex, toHex } from '../shared/base64.js';
import type { IssueResponse, ProfileInput } from '../shared/demoApi.js';

const KEY = 'passgate-demo-wallet';

export interface WalletCode {
  readonly token: Uint8Array;
  readonly disclosures: Uint8Array[];
  readonly cti: string;
  readonly exp: number;
  readonly status: 0 | 1 | 2;
}

interface Saved {
  deviceSecret: string;
  code?: IssueResponse & { status: 0 | 1 | 2 };
  profile?: ProfileInput;
}

function load(): Saved {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Saved | null;
    if (v && typeof v.deviceSecret === 'string' && /^[0-9a-f]{64}$/.test(v.deviceSecret)) return v;
  } catch {
    // unreadable: start a new wallet
  }
  return { deviceSecret: toHex(generateKeyPair().secretKey) };
}

export class WalletStore {
  private saved: Saved = load();

  constructor() {
    this.persist();
  }

  private persist(): void {
    localStorage.setItem(KEY, JSON.stringify(this.saved));
  }

  get deviceSecret(): Uint8Array {
    return fromHex(this.saved.deviceSecret);
  }

  get devicePublicKeyHex(): string {
    return toHex(publicKeyFromSecret(this.deviceSecret));
  }

  get profile(): ProfileInput | undefined {
    return this.saved.profile;
  }

  get code(): WalletCode | undefined {
    const c = this.saved.code;
    if (!c) return undefined;
    return { token: fromBase64(c.token), disclosures: c.disclosures.map(fromBase64), cti: c.cti, exp: c.exp, status: c.status };
  }

  setCode(response: IssueResponse, profile: ProfileInput): void {
    this.saved = { ...this.saved, code: { ...response, status: profile.status }, profile };
    this.persist();
  }
}
