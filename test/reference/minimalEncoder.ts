/**
 * Reference: the two byte strings a verifier must rebuild before checking a signature, encoded by
 * hand (shortest heads) so that the reference does not depend on the SDK's encoder.
 */

function head(major: number, arg: bigint): number[] {
  const mt = major << 5;
  if (arg < 24n) return [mt | Number(arg)];
  const widths: [bigint, number, number][] = [
    [0xffn, 24, 1],
    [0xffffn, 25, 2],
    [0xffffffffn, 26, 4],
    [0xffffffffffffffffn, 27, 8],
  ];
  for (const [max, info, n] of widths) {
    if (arg <= max) {
      const out = [mt | info];
      for (let i = n - 1; i >= 0; i--) out.push(Number((arg >> BigInt(8 * i)) & 0xffn));
      return out;
    }
  }
  throw new RangeError('argument above 2^64 - 1');
}

function bstr(b: Uint8Array): number[] {
  return [...head(2, BigInt(b.length)), ...b];
}

function ascii(s: string): number[] {
  return [...head(3, BigInt(s.length)), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/** RFC 9052 §4.4 Sig_structure: ["Signature1", protected, h'', payload]. */
export function sigStructureBytes(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([0x84, ...ascii('Signature1'), ...bstr(protectedBytes), 0x40, ...bstr(payload)]);
}

/** PG1 §4 DeviceAuth: ["PG1-device", cti, presented_at, nonce]. */
export function deviceAuthBytes(cti: Uint8Array, presentedAt: bigint, nonce: Uint8Array | null): Uint8Array {
  return Uint8Array.from([
    0x84,
    ...ascii('PG1-device'),
    ...bstr(cti),
    ...head(0, presentedAt),
    ...(nonce === null ? [0xf6] : bstr(nonce)),
  ]);
}
