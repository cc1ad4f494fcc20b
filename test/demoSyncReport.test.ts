// The console's sync report (demo/src/syncReport.ts): one line per kind of list, a delta that is not
// needed reported as up to date (not as refused), and the SDK's reasons in the page's language.
import { describe, expect, it } from 'vitest';
import type { SyncEntry } from '../sdk/index.js';
import { reasonText, syncLines } from '../demo/src/syncReport.js';

const TRUST = '/lists/trust.cbor';
const DELTA = '/lists/revocations-delta.cbor';
const FULL = '/lists/revocations.cbor';
const rollback = 'revocation list refused (ROLLBACK): version 3 is not above 3';

describe('demo sync report', () => {
  it('reports a delta already in force as up to date, not as refused', () => {
    const report: SyncEntry[] = [
      { url: TRUST, list: 'trust', outcome: 'unchanged' },
      { url: DELTA, list: 'revocations', outcome: 'failed', reason: rollback },
      { url: FULL, list: 'revocations', outcome: 'unchanged' },
    ];
    expect(syncLines(report)).toEqual([
      { list: 'trust', outcome: 'unchanged', url: TRUST, reasons: [] },
      { list: 'revocations', outcome: 'unchanged', url: FULL, reasons: [] },
    ]);
    // The delta alone, already applied: up to date as well.
    expect(syncLines([{ url: DELTA, list: 'revocations', outcome: 'failed', reason: rollback }])).toEqual([{ list: 'revocations', outcome: 'unchanged', url: DELTA, reasons: [] }]);
  });

  it('keeps a delta refused for another reason as a note, and a failure as a failure', () => {
    const wrongBase = 'revocation list refused (WRONG_BASE): delta on version 1, in force: none';
    expect(syncLines([
      { url: DELTA, list: 'revocations', outcome: 'failed', reason: wrongBase },
      { url: FULL, list: 'revocations', outcome: 'updated' },
    ])).toEqual([{ list: 'revocations', outcome: 'updated', url: FULL, reasons: [{ url: DELTA, reason: wrongBase }] }]);
    expect(syncLines([
      { url: DELTA, list: 'revocations', outcome: 'failed', reason: 'HTTP 500' },
      { url: FULL, list: 'revocations', outcome: 'failed', reason: 'fetch failed' },
    ])).toEqual([{ list: 'revocations', outcome: 'failed', url: FULL, reasons: [{ url: DELTA, reason: 'HTTP 500' }, { url: FULL, reason: 'fetch failed' }] }]);
  });

  it('says nothing of a delta with nothing to apply (not published, or on another version)', () => {
    const notPublished = { url: DELTA, list: 'revocations', outcome: 'skipped', reason: 'nothing to apply: not published (HTTP 404)' } as const;
    expect(syncLines([notPublished, { url: FULL, list: 'revocations', outcome: 'updated' }])).toEqual([{ list: 'revocations', outcome: 'updated', url: FULL, reasons: [] }]);
    expect(syncLines([notPublished, { url: FULL, list: 'revocations', outcome: 'unchanged' }])).toEqual([{ list: 'revocations', outcome: 'unchanged', url: FULL, reasons: [] }]);
    expect(syncLines([notPublished, { url: FULL, list: 'revocations', outcome: 'failed', reason: 'fetch failed' }]))
      .toEqual([{ list: 'revocations', outcome: 'failed', url: FULL, reasons: [{ url: FULL, reason: 'fetch failed' }] }]);
  });

  it('puts known reasons in Chinese or English', () => {
    expect(reasonText(rollback, 'zh')).toBe('本机已有该版本或更新的版本');
    expect(reasonText(rollback, 'en')).toBe('this device already has this version or a newer one');
    expect(reasonText('trust list refused (BAD_SIGNATURE): the signature does not verify', 'zh')).toBe('签名无效');
    expect(reasonText('HTTP 503', 'zh')).toBe('服务器返回 HTTP 503');
    expect(reasonText('fetch failed', 'zh')).toBe('系统信息：fetch failed');
    expect(reasonText('fetch failed', 'en')).toBe('fetch failed');
  });
});
