// A timed pass that cannot cheat: before any timing, the contender must refuse every tampered item
// (so "all valid" cannot come from a verifier that accepts anything), and each pass counts its
// valid results so that runInterleaved can insist on all of them (no call can be optimised away).

const BATCH = 64;

/**
 * contender: { name, verify(item) → boolean } or { name, verifyAll(items) → boolean[] } (a batch
 * API). rejects: [{ label, item }]. A batch contender must refuse each tampered item placed first
 * in a full batch of 64 while accepting the 63 valid ones after it, which also exercises the
 * bisection that finds the bad one. Returns pass() → number of valid items.
 */
export function makeCheckedPass(contender, items, rejects) {
  const { name, verify, verifyAll } = contender;
  for (const { label, item } of rejects) {
    if (verify) {
      if (verify(item)) throw new Error(`${name} accepted a tampered item (${label})`);
      continue;
    }
    const verdicts = verifyAll([item, ...items.slice(0, BATCH - 1)]);
    if (verdicts[0] || verdicts.slice(1).some((v) => !v)) {
      throw new Error(`${name} got a batch with a tampered item (${label}) wrong`);
    }
  }
  if (verify) {
    return () => {
      let valid = 0;
      for (const it of items) if (verify(it)) valid++;
      return valid;
    };
  }
  return () => {
    let valid = 0;
    for (const ok of verifyAll(items)) if (ok) valid++;
    return valid;
  };
}

/**
 * makeCheckedPass for contenders that answer with promises (WebCrypto), marked `async: true`:
 * { verify(item) → Promise<boolean> } or { verifyAll(items) → Promise<boolean[]> }. The tampered
 * items are checked first (awaited, untimed); the pass then awaits each item in turn (`verify`: one at
 * a time, as a scanner verifies) or the whole batch (`verifyAll`). A contender without `async` gets
 * makeCheckedPass's synchronous pass (no await inside its timing). Resolves to pass().
 */
export async function makeCheckedPassAsync(contender, items, rejects) {
  if (!contender.async) return makeCheckedPass(contender, items, rejects);
  const { name, verify, verifyAll } = contender;
  for (const { label, item } of rejects) {
    if (verify) {
      if (await verify(item)) throw new Error(`${name} accepted a tampered item (${label})`);
      continue;
    }
    const verdicts = await verifyAll([item, ...items.slice(0, BATCH - 1)]);
    if (verdicts[0] || verdicts.slice(1).some((v) => !v)) {
      throw new Error(`${name} got a batch with a tampered item (${label}) wrong`);
    }
  }
  if (verify) {
    return async () => {
      let valid = 0;
      for (const it of items) if (await verify(it)) valid++;
      return valid;
    };
  }
  return async () => {
    let valid = 0;
    for (const ok of await verifyAll(items)) if (ok) valid++;
    return valid;
  };
}
