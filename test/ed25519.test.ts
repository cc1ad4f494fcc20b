// Ed25519 verification as PG1 §2 requires it: RFC 8032 §5.1.7, cofactored equation, strict A and R, S < L.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCrypto, type PassgateCrypto } from '../sdk/core/crypto.js';
import { hex, vectorJson, vectorText } from './helpers/vectors.js';

let core: PassgateCrypto;
beforeAll(async () => {
  core = await loadCrypto();
});

interface Rfc8032Case { name: string; public_key: string; message: string; signature: string }

describe('RFC 8032 §7.1', () => {
  it('verifies TEST 1, 2, 3, 1024 and SHA(abc)', () => {
    const { tests } = vectorJson<{ tests: Rfc8032Case[] }>('rfc8032/rfc8032-section7.1-ed25519.json');
    expect(tests).toHaveLength(5);
    for (const t of tests) {
      expect(core.ed25519Verify(hex(t.signature), hex(t.message), hex(t.public_key)), t.name).toBe(true);
    }
  });

  it('verifies all 1,024 lines of the reference sign.input, and refuses each with a flipped bit', () => {
    const lines = vectorText('python-ed25519/kat-ed25519.txt').split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1024);
    for (const [n, line] of lines.entries()) {
      const [, pk, msg, sm] = line.split(':') as [string, string, string, string];
      const sig = hex(sm.slice(0, 128));
      const m = hex(msg);
      expect(core.ed25519Verify(sig, m, hex(pk)), `line ${n + 1}`).toBe(true);
      const bad = sig.slice();
      bad[n % 64]! ^= 1 << (n % 8);
      expect(core.ed25519Verify(bad, m, hex(pk)), `line ${n + 1} altered`).toBe(false);
    }
  });
});

interface WycheproofFile {
  numberOfTests: number;
  testGroups: { publicKey: { pk: string }; tests: { tcId: number; msg: string; sig: string; result: string }[] }[];
}

describe('Wycheproof ed25519_test.json', () => {
  it('gives the declared result for all 151 tests', () => {
    const file = vectorJson<WycheproofFile>('wycheproof/ed25519_test.json');
    let count = 0;
    for (const g of file.testGroups) {
      for (const t of g.tests) {
        // A signature that is not 64 bytes never reaches the core: the SDK refuses its length.
        const sig = hex(t.sig);
        const ok = sig.length === 64 && core.ed25519Verify(sig, hex(t.msg), hex(g.publicKey.pk));
        expect(ok ? 'valid' : 'invalid', `tcId ${t.tcId}`).toBe(t.result);
        count++;
      }
    }
    expect(count).toBe(151);
  });
});

describe('ed25519-speccheck (Taming the many EdDSAs)', () => {
  it('the cofactored strict rule accepts cases 0-5 and rejects 6-11', () => {
    const cases = vectorJson<{ message: string; pub_key: string; signature: string }[]>('ed25519-speccheck/cases.json');
    const got = cases.map((c) => (core.ed25519Verify(hex(c.signature), hex(c.message), hex(c.pub_key)) ? 'V' : 'X'));
    expect(got.join(' ')).toBe('V V V V V V X X X X X X');
  });
  it('refuses cases 6-7 for S >= L and 8-11 for non-canonical R or A', () => {
    const cases = vectorJson<{ message: string; pub_key: string; signature: string }[]>('ed25519-speccheck/cases.json');
    const why = cases.slice(6).map((c) => core.ed25519VerifyStatus(hex(c.signature), hex(c.message), hex(c.pub_key)));
    expect(why).toEqual(['S_NOT_CANONICAL', 'S_NOT_CANONICAL', 'BAD_R', 'BAD_R', 'BAD_PUBLIC_KEY', 'BAD_PUBLIC_KEY']);
  });
});

describe('C2SP CCTV ed25519vectors.json', () => {
  it('accepts exactly the 914 vectors without non_canonical_A or non_canonical_R', () => {
    const vectors = vectorJson<{ number: number; key: string; sig: string; msg: string; flags: string[] | null }[]>(
      'cctv-ed25519/ed25519vectors.json',
    );
    expect(vectors).toHaveLength(914);
    let accepted = 0;
    for (const v of vectors) {
      const flags = v.flags ?? [];
      const expected = !flags.includes('non_canonical_A') && !flags.includes('non_canonical_R');
      const got = core.ed25519Verify(hex(v.sig), new TextEncoder().encode(v.msg), hex(v.key));
      expect(got, `vector ${v.number} ${flags.join(',')}`).toBe(expected);
      if (got) accepted++;
    }
    expect(accepted).toBe(424); // the vectors without a non-canonical flag
  });
});

describe('issuer key checks (PG1 §6)', () => {
  it('accepts RFC 8032 keys and refuses small-order and non-canonical encodings', () => {
    expect(core.checkPublicKey(hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'))).toBe('VALID');
    // The identity (y = 1), a point of order 2 (y = -1), and y = p (non-canonical 0).
    expect(core.checkPublicKey(hex('0100000000000000000000000000000000000000000000000000000000000000'))).toBe('SMALL_ORDER_KEY');
    expect(core.checkPublicKey(hex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe('SMALL_ORDER_KEY');
    expect(core.checkPublicKey(hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'))).toBe('BAD_PUBLIC_KEY');
    // x = 0 with the sign bit set.
    expect(core.checkPublicKey(hex('0100000000000000000000000000000000000000000000000000000000000080'))).toBe('BAD_PUBLIC_KEY');
  });
});

describe('misuse is a PassgateError saying what is wrong', () => {
  const key = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  const badArgument = (f: () => unknown, message: RegExp): void => {
    expect(f).toThrow(expect.objectContaining({ name: 'PassgateError', code: 'BAD_ARGUMENT', message: expect.stringMatching(message) }));
  };

  it('refuses a signature or a key of the wrong length, or not bytes', () => {
    badArgument(() => core.ed25519Verify(new Uint8Array(63), new Uint8Array(0), key), /signature must be 64 bytes, got 63/);
    badArgument(() => core.ed25519VerifyStatus(new Uint8Array(64), new Uint8Array(0), key.subarray(1)), /public key must be 32 bytes, got 31/);
    badArgument(() => core.checkPublicKey('d75a' as unknown as Uint8Array), /public key must be a Uint8Array/);
    badArgument(() => core.verifyBatch([{ signature: new Uint8Array(65), message: new Uint8Array(0), key }]), /signature must be 64 bytes/);
    badArgument(() => core.prepareKey(new Uint8Array(33)), /public key must be 32 bytes/);
  });

  it('refuses to prepare a key that is not a canonical point (y = p)', () => {
    badArgument(() => core.prepareKey(hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')), /not a canonical curve point/);
  });
});

describe('prepared keys (per-key comb tables, no doublings)', () => {
  it('agree with the plain path on every Wycheproof, speccheck and CCTV vector', () => {
    const cases: { sig: Uint8Array; msg: Uint8Array; pub: Uint8Array; label: string }[] = [];
    for (const g of vectorJson<WycheproofFile>('wycheproof/ed25519_test.json').testGroups) {
      for (const t of g.tests) cases.push({ sig: hex(t.sig), msg: hex(t.msg), pub: hex(g.publicKey.pk), label: `wycheproof ${t.tcId}` });
    }
    for (const [i, c] of vectorJson<{ message: string; pub_key: string; signature: string }[]>('ed25519-speccheck/cases.json').entries()) {
      cases.push({ sig: hex(c.signature), msg: hex(c.message), pub: hex(c.pub_key), label: `speccheck ${i}` });
    }
    for (const v of vectorJson<{ number: number; key: string; sig: string; msg: string }[]>('cctv-ed25519/ed25519vectors.json')) {
      cases.push({ sig: hex(v.sig), msg: new TextEncoder().encode(v.msg), pub: hex(v.key), label: `cctv ${v.number}` });
    }
    let prepared = 0;
    for (const c of cases) {
      if (c.sig.length !== 64) continue;
      const plain = core.ed25519VerifyStatus(c.sig, c.msg, c.pub);
      let viaPrepared: string;
      try {
        viaPrepared = core.prepareKey(c.pub).verifyStatus(c.sig, c.msg);
        prepared++;
      } catch {
        viaPrepared = 'BAD_PUBLIC_KEY';
      }
      expect(viaPrepared, c.label).toBe(plain);
      core.forgetPreparedKeys();
    }
    expect(prepared).toBeGreaterThan(600);
  });

  it('verify all 1,024 sign.input lines, and refuse each with a flipped message bit', () => {
    const lines = vectorText('python-ed25519/kat-ed25519.txt').split('\n').filter((l) => l.length > 0);
    for (const [n, line] of lines.entries()) {
      const [, pk, msg, sm] = line.split(':') as [string, string, string, string];
      const key = core.prepareKey(hex(pk));
      const m = hex(msg);
      expect(key.verify(hex(sm.slice(0, 128)), m), `line ${n + 1}`).toBe(true);
      if (m.length > 0) {
        m[n % m.length]! ^= 0x10;
        expect(key.verify(hex(sm.slice(0, 128)), m), `line ${n + 1} altered`).toBe(false);
      }
      if (n % 64 === 63) core.forgetPreparedKeys();
    }
    core.forgetPreparedKeys();
  });
});

describe('batch verification of raw signatures', () => {
  it('agrees with one-by-one verification on every Wycheproof, speccheck and CCTV vector', () => {
    const items: { signature: Uint8Array; message: Uint8Array; key: Uint8Array }[] = [];
    for (const g of vectorJson<WycheproofFile>('wycheproof/ed25519_test.json').testGroups) {
      for (const t of g.tests) if (t.sig.length === 128) items.push({ signature: hex(t.sig), message: hex(t.msg), key: hex(g.publicKey.pk) });
    }
    for (const c of vectorJson<{ message: string; pub_key: string; signature: string }[]>('ed25519-speccheck/cases.json')) {
      items.push({ signature: hex(c.signature), message: hex(c.message), key: hex(c.pub_key) });
    }
    for (const v of vectorJson<{ key: string; sig: string; msg: string }[]>('cctv-ed25519/ed25519vectors.json')) {
      items.push({ signature: hex(v.sig), message: new TextEncoder().encode(v.msg), key: hex(v.key) });
    }
    const one = items.map((it) => core.ed25519Verify(it.signature, it.message, it.key));
    expect(core.verifyBatch(items)).toEqual(one);
    expect(one.filter(Boolean).length).toBeGreaterThan(400);
  });

  it('finds the bad signatures among good ones under prepared and plain keys', () => {
    const lines = vectorText('python-ed25519/kat-ed25519.txt').split('\n').filter((l) => l.length > 0).slice(0, 200);
    const items = lines.map((line, n) => {
      const [, pk, msg, sm] = line.split(':') as [string, string, string, string];
      const signature = hex(sm.slice(0, 128));
      if (n % 17 === 3) signature[n % 32]! ^= 0x04;               // a corrupted R
      if (n % 23 === 5) signature[40]! ^= 0x01;                   // a corrupted S
      return { signature, message: hex(msg), key: n % 2 === 0 ? hex(pk) : core.prepareKey(hex(pk)) };
    });
    const expected = lines.map((_, n) => !(n % 17 === 3 || n % 23 === 5));
    expect(core.verifyBatch(items)).toEqual(expected);
    core.forgetPreparedKeys();
  });
});
