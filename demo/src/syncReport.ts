/**
 * A sync report as an operator reads it: one line per kind of list, not per URL. Revocations are tried
 * delta first, then the full list (PG1 §7.2): a delta that is not needed (this device is already at
 * that version), not published or on another version (the SDK's `skipped`: nothing to apply) is no
 * failure and no note; a delta refused otherwise before the full list applied is a note on the line.
 * Reasons are put in the page's language where the SDK's reason is a known one.
 */
import type { SyncEntry } from '../../sdk/index.js';
import type { Bilingual, Lang } from './i18n.js';

export interface ListSyncLine {
  readonly list: 'trust' | 'revocations';
  /** 'unchanged' also for a list whose version is already in force (a delta already applied). */
  readonly outcome: 'updated' | 'unchanged' | 'failed';
  /** The URL that decided the outcome. */
  readonly url: string;
  /** Why it failed (all the URLs tried), or notes on the URLs tried before the one that decided. */
  readonly reasons: readonly { readonly url: string; readonly reason: string }[];
}

/** The refusal code of a ListRefusedError's message, "… refused (CODE): …". */
const refusalOf = (reason: string): string | undefined => /refused \(([A-Z_]+)\)/.exec(reason)?.[1];

/** Already at this version or a newer one: the list at that URL is not needed. */
const upToDate = (e: SyncEntry): boolean => e.outcome === 'failed' && refusalOf(e.reason ?? '') === 'ROLLBACK';

export function syncLines(report: readonly SyncEntry[]): ListSyncLine[] {
  const lines: ListSyncLine[] = [];
  for (const list of ['trust', 'revocations'] as const) {
    const entries = report.filter((e) => e.list === list);
    if (entries.length === 0) continue;
    // The SDK stops at the first URL that is applied or unchanged: that one decides, if any.
    const decided = entries.find((e) => e.outcome === 'updated' || e.outcome === 'unchanged') ?? entries.find(upToDate);
    const notes = entries.filter((e) => e !== decided && e.outcome === 'failed' && !upToDate(e));
    const nothingToApply = entries.every((e) => e.outcome === 'skipped');
    lines.push({
      list,
      outcome: decided?.outcome === 'updated' ? 'updated' : decided || nothingToApply ? 'unchanged' : 'failed',
      url: (decided ?? entries.at(-1)!).url,
      reasons: notes.map((e) => ({ url: e.url, reason: e.reason ?? '' })),
    });
  }
  return lines;
}

const REFUSALS: Readonly<Record<string, Bilingual>> = {
  TOO_LARGE: { zh: '列表过大', en: 'the list is too large' },
  MALFORMED: { zh: '列表格式错误', en: 'the list is malformed' },
  UNSUPPORTED_ALG: { zh: '签名算法不受支持', en: 'unsupported signature algorithm' },
  UNTRUSTED_SIGNER: { zh: '不是由受信任的根密钥签名', en: 'not signed by a trusted root key' },
  BAD_SIGNATURE: { zh: '签名无效', en: 'invalid signature' },
  ROLLBACK: { zh: '本机已有该版本或更新的版本', en: 'this device already has this version or a newer one' },
  BAD_KID: { zh: '签发密钥标识与密钥不符', en: 'an issuer kid does not match its key' },
  DUPLICATE_KID: { zh: '签发密钥标识重复', en: 'an issuer kid repeats' },
  WEAK_KEY: { zh: '列表含有弱密钥', en: 'the list holds a weak key' },
  NO_TRUST_LIST: { zh: '尚无信任列表', en: 'no trust list yet' },
  WRONG_BASE: { zh: '增量列表基于另一个版本，已改用完整列表', en: 'the delta is based on another version: the full list is used instead' },
  BAD_DELTA: { zh: '增量列表与当前列表不一致', en: 'the delta does not fit the list in force' },
};

/** A reason of the SDK's in the page's language, when it is one the demo knows; as it is otherwise. */
export function reasonText(reason: string, lang: Lang): string {
  const zh = lang === 'zh';
  const refusal = refusalOf(reason);
  if (refusal !== undefined && REFUSALS[refusal]) return REFUSALS[refusal][zh ? 'zh' : 'en'];
  const http = /^HTTP (\d{3})$/.exec(reason);
  if (http) return zh ? `服务器返回 HTTP ${http[1]}` : `the server answered HTTP ${http[1]}`;
  return zh ? `系统信息：${reason}` : reason;
}
