/**
 * BroadcastChannels between the demo's pages (same origin, any tab or worker). NFC_CHANNEL stands in
 * for an NFC tap between a phone and a gate; CONTROL_CHANNEL lets the operator console tell the
 * verifier pages to sync, or that their data has been destroyed.
 */
export const NFC_CHANNEL = 'passgate-demo-nfc';
export const CONTROL_CHANNEL = 'passgate-demo-control';

export type NfcMessage =
  /** A wallet asks which reader is in range. */
  | { readonly type: 'hello' }
  /** A reader answers with its venue category and a fresh nonce for the holder binding (PG1 §4). */
  | { readonly type: 'reader'; readonly venue: string; readonly nonce: string }
  /** The raw presentation bytes, as NFC/BLE carry them. */
  | { readonly type: 'tap'; readonly bytes: Uint8Array }
  /**
   * A card brought into the reader's field (the demo's virtual card): its serial as the reader reports
   * it and the NDEF message on it (PG1 §10.1). The reader decides it as a silent check.
   */
  | { readonly type: 'card'; readonly serial: Uint8Array; readonly message: Uint8Array }
  /** The reader's verdict, so that the phone can show it too. */
  | { readonly type: 'verdict'; readonly result: string };

export type ControlMessage = { readonly type: 'sync' } | { readonly type: 'destroyed' };
