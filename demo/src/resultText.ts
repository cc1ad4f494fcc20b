/**
 * Every PG1 result code as one sentence a guard understands, in Chinese and in English. The Record
 * over ResultCode makes a new code without a sentence a compile error.
 */
import type { ResultCode } from '../../sdk/index.js';
import type { Bilingual } from './i18n.js';

export const RESULT_TEXT: Readonly<Record<ResultCode, Bilingual>> = {
  OK: { zh: '核验通过，可以通行。', en: 'Valid pass: let them in.' },
  SUNSET: { zh: '健康码项目已结束，本设备已清除全部数据。', en: 'The health-code programme has ended; this device has erased its data.' },
  TRUST_LIST_EXPIRED: { zh: '信任列表或撤销列表已过期，请先联网同步本设备。', en: 'The trust or revocation list is out of date: sync this device first.' },
  MALFORMED: { zh: '无法识别：这不是有效的健康码。', en: 'Not a valid pass: the code cannot be read.' },
  UNSUPPORTED_ALG: { zh: '健康码使用了不受支持的签名算法。', en: 'The pass uses a signature algorithm this device does not accept.' },
  UNKNOWN_KID: { zh: '签发机构的密钥不在信任列表中。', en: 'Signed by a key that is not on the trust list.' },
  BAD_SIGNATURE: { zh: '签名无效：健康码可能被伪造或篡改。', en: 'Invalid signature: the pass may be forged or altered.' },
  ISSUER_MISMATCH: { zh: '健康码上的签发机构与签名密钥不符。', en: 'The issuer named on the pass does not own the key that signed it.' },
  KEY_NOT_VALID: { zh: '签发时，签发密钥不在有效期内。', en: 'The issuer key was not valid on the day the pass was issued.' },
  KEY_REVOKED: { zh: '签发密钥已被吊销，该码不再有效。', en: 'The issuer key has been revoked: the pass is no longer valid.' },
  NOT_YET_VALID: { zh: '健康码尚未生效。', en: 'The pass is not valid yet.' },
  EXPIRED: { zh: '健康码已过期，请在手机上刷新。', en: 'The pass has expired: ask the holder to refresh it.' },
  TOKEN_REVOKED: { zh: '该健康码已被撤销（持码人状态已变更）。', en: 'This pass has been revoked (the holder’s status has changed).' },
  DISCLOSURE_INVALID: { zh: '出示的信息与签发内容不符，可能被篡改。', en: 'A shown detail does not match what was issued: it may have been altered.' },
  HOLDER_BINDING_FAILED: { zh: '设备校验失败：不是由持码人本人手机出示。', en: 'Device check failed: not shown from the holder’s own phone.' },
  STALE_PRESENTATION: { zh: '二维码已超过60秒，可能是截图，请出示实时码。', en: 'The code is over 60 seconds old, probably a screenshot: ask for the live code.' },
  CLAIM_REQUIRED: { zh: '缺少本场所要求出示的信息。', en: 'A detail this venue requires was not shown.' },
  STATUS_NOT_ALLOWED: { zh: '该码色不允许进入本场所。', en: 'This code colour is not admitted at this venue.' },
  NAT_POSITIVE: { zh: '最近一次核酸检测结果为阳性。', en: 'The latest nucleic-acid test is positive.' },
  NAT_TOO_OLD: { zh: '核酸检测时间超出本场所要求。', en: 'The latest nucleic-acid test is too old for this venue.' },
  DOSES_REQUIRED: { zh: '疫苗接种剂次不足本场所要求。', en: 'Fewer vaccine doses than this venue requires.' },
  ABROAD_RECENT: { zh: '14天内有境外旅居史。', en: 'Stayed abroad within the last 14 days.' },
  RISK_AREA_RECENT: { zh: '14天内有中高风险地区旅居史。', en: 'Stayed in a medium- or high-risk area within the last 14 days.' },
};

export const ALLOW_WORD: Bilingual = { zh: '通行', en: 'ALLOW' };
export const DENY_WORD: Bilingual = { zh: '禁止通行', en: 'DENY' };

export function resultText(code: ResultCode): Bilingual {
  return RESULT_TEXT[code];
}
