// Issue 11, defect 11: the sunset destroys the data by itself however far away it is (timers cannot
// wait more than 2^31 - 1 ms, 24.8 days: a longer wait is re-armed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVerifier } from '../../sdk/index.js';
import { DAY, NOW, root, trustList } from '../support/issuerFixtures.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the sunset timer', () => {
  for (const days of [1, 30, 400]) {
    it(`fires for a sunset ${days} days away, not before`, async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      vi.setSystemTime(NOW * 1000);
      const v = await createVerifier({ roots: [root.publicKey], storage: null });
      await v.applyTrustList(trustList({ sunset: NOW + days * DAY, expires: NOW + 500 * DAY }));
      let destroyed = false;
      v.onDestroy(() => { destroyed = true; });
      await vi.advanceTimersByTimeAsync(days * DAY * 1000 - 1000);
      expect(destroyed).toBe(false);
      await vi.advanceTimersByTimeAsync(2000);
      await vi.waitFor(() => expect(destroyed).toBe(true));
      expect(v.isDestroyed).toBe(true);
    });
  }
});
