// Without `passgate/explain` loaded, explain is a clear error, and the verdict without it unchanged:
// the module stays out of bundles that never explain. (This file must not import sdk/explain/.)
import { describe, expect, it } from 'vitest';
import { createVerifier, PassgateError } from '../sdk/index.js';
import { NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

describe('explain as a module of its own', () => {
  it('says which module to import when it is not loaded', async () => {
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await v.applyTrustList(trustList());
    const p = presentAll(token());
    expect(v.verify(p).result).toBe('OK');
    expect(() => v.verify(p, { explain: true })).toThrow(PassgateError);
    expect(() => v.verify(p, { explain: true })).toThrow(/import 'passgate\/explain'/);
    await import('../sdk/explain/index.js');
    expect(v.verify(p, { explain: true }).detail).toMatchObject({ step: null });
  });
});
