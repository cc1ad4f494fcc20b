/** The capability container's fields, each of which a test may set to anything. */
export interface CapabilityContainerFields {
  cclen: number;
  version: number;
  mle: number;
  mlc: number;
  tlvType: number;
  tlvLength: number;
  fileId: number;
  maxSize: number;
  read: number;
  write: number;
}

export interface VirtualCardOptions {
  /** vpcd's port: 35963 for the first reader slot, 35964 for the second. */
  port?: number;
  uid?: Uint8Array | readonly number[];
  /** The NDEF message the card holds (NLEN is its length unless `nlen` says otherwise). */
  message?: Uint8Array;
  nlen?: number;
  /** The NDEF file's bytes as they are, NLEN included. */
  fileContent?: Uint8Array;
  cc?: Partial<CapabilityContainerFields>;
  mapping?: 1 | 2;
  noApplication?: boolean;
  readOnly?: boolean;
  /** A status word to answer a command with instead of carrying it out. */
  statusWord?: (apdu: Buffer) => number | undefined;
  uidStatusWord?: number;
  /** READ BINARY answers 4 bytes more than asked. */
  overlongReads?: boolean;
  /** UPDATE BINARY flips the first byte of every data chunk it stores. */
  corruptWrites?: boolean;
  /** After this many APDUs the card answers nothing more. */
  silentAfter?: number;
  /** After this many APDUs the card leaves the field (its connection closes). */
  removeAfter?: number;
  answerDelayMs?: number;
  /** Through test/support/quickAckRelay.py (python3): vpcd's messages ACKed at once, as a reader's radio would not wait 40 ms. */
  quickAck?: boolean;
}

export interface VirtualCard {
  /** The command APDUs the card received, in order. */
  readonly apdus: Buffer[];
  /** performance.now() when the first command APDU arrived (null before). */
  readonly firstApduAt: number | null;
  /** The NDEF file's bytes now. */
  readonly file: Buffer;
  /** The NDEF message now (the file after NLEN, NLEN bytes of it). */
  message(): Buffer;
  readonly removed: boolean;
  /** Takes the card out of the field. */
  remove(): Promise<void>;
}

export const VPCD_PORT: number;
export function insertCard(options?: VirtualCardOptions): Promise<VirtualCard>;
