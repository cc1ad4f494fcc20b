/**
 * Results as the demo shows them: the SDK's own texts (describeResult, in the page's language) and the
 * detail of an explained verification (verify(..., { explain: true })) in words. The demo writes no
 * result texts of its own.
 */
import { describeResult, RESULT_CODES, type DetailValue, type ResultCode, type ResultDetail } from '../../sdk/index.js';
import { lang, type Bilingual } from './i18n.js';
import { checkText } from './explainTexts.js';
import { dateTimeText } from './dateText.js';

export const ALLOW_WORD: Bilingual = { zh: '通行', en: 'ALLOW' };
export const DENY_WORD: Bilingual = { zh: '禁止通行', en: 'DENY' };

export function isResultCode(s: string): s is ResultCode {
  return (RESULT_CODES as readonly string[]).includes(s);
}

/** What happened, in the page's language. */
export function resultSummary(code: ResultCode): string {
  return describeResult(code, lang()).summary;
}

/** What the holder can do, in the page's language. */
export function resultAdvice(code: ResultCode): string {
  return describeResult(code, lang()).advice;
}

/** Values the specification gives in Unix seconds: shown as local times too. */
const TIMES = new Set(['now', 'exp', 'nbf', 'iat', 'not_before', 'not_after', 'revoked_at', 'presented_at', 'sunset', 'expires', 'sampled_at', 'oldest_accepted']);

function valueText(name: string, v: DetailValue): string {
  if (TIMES.has(name) && typeof v === 'number') {
    const date = dateTimeText(v);
    if (date !== null) return `${String(v)} (${date})`;
  }
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** "Step 7 of PG1 §5: now < exp + skew · now = … · exp = …", in the page's language (the checks are formulas). */
export function detailText(detail: ResultDetail): string {
  const zh = lang() === 'zh';
  const check = checkText(detail.check, lang());
  const step = detail.step === null ? check : zh ? `PG1 §5 第 ${detail.step} 步：${check}` : `Step ${detail.step} of PG1 §5: ${check}`;
  const values = Object.entries(detail.values).map(([k, v]) => `${k} = ${valueText(k, v)}`);
  return [step, ...values].join(' · ');
}
