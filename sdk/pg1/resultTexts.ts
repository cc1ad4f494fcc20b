/**
 * Every PG1 result code (§5) in words, in Chinese and in English: what happened, and what the holder
 * can do about it. Apps show these instead of writing their own; the Record over ResultCode makes a
 * new code without texts a compile error.
 */
import { RESULT_CODES, TRANSCODE_ONLY_CODES, type ResultCode, type TranscodeResultCode } from './resultCodes.js';
import { PassgateError } from '../errors.js';

/** The languages of {@link describeResult}: Chinese (`'zh'`) and English (`'en'`). */
export type ResultLanguage = 'zh' | 'en';

/** A result code in words. */
export interface ResultDescription {
  /** What happened, in one sentence a guard or a holder understands. */
  readonly summary: string;
  /** What the holder can do (or, for OK, what happens next). */
  readonly advice: string;
}

type Texts = Readonly<Record<ResultLanguage, ResultDescription>>;

const TEXTS: Readonly<Record<ResultCode | TranscodeResultCode, Texts>> = {
  OK: {
    zh: { summary: '核验通过，可以通行。', advice: '无需其他操作。' },
    en: { summary: 'Valid pass: entry allowed.', advice: 'Nothing more to do.' },
  },
  SUNSET: {
    zh: { summary: '健康码项目已结束，本设备已不再核验并清除了相关数据。', advice: '无需再出示健康码。' },
    en: { summary: 'The health-code programme has ended: this device no longer checks passes and has erased its data.', advice: 'No pass needs to be shown any more.' },
  },
  TRUST_LIST_EXPIRED: {
    zh: { summary: '本设备的信任列表或撤销列表已过期，暂时无法核验。', advice: '这不是持码人的问题：请工作人员将设备联网同步后再试。' },
    en: { summary: 'This device’s trust or revocation list is out of date, so it cannot check passes for now.', advice: 'Not the holder’s fault: staff should connect the device to sync its lists, then try again.' },
  },
  MALFORMED: {
    zh: { summary: '无法识别：这不是有效的健康码。', advice: '请在健康码应用中重新打开健康码再出示，不要使用截图或转发的图片。' },
    en: { summary: 'Not a valid pass: the code cannot be read.', advice: 'Open the pass again in the health-code app and show it directly, not a screenshot or a forwarded image.' },
  },
  UNSUPPORTED_ALG: {
    zh: { summary: '健康码使用了本设备不支持的签名算法。', advice: '请更新健康码应用后重新申领健康码。' },
    en: { summary: 'The pass uses a signature algorithm this device does not accept.', advice: 'Update the health-code app and get the pass issued again.' },
  },
  UNKNOWN_KID: {
    zh: { summary: '签发健康码的密钥不在本设备的信任列表中。', advice: '请确认健康码来自官方平台；若确是官方签发，请工作人员同步设备后再试。' },
    en: { summary: 'The key that signed the pass is not on this device’s trust list.', advice: 'Make sure the pass comes from an official platform; if it does, staff should sync the device and try again.' },
  },
  BAD_SIGNATURE: {
    zh: { summary: '签名无效：健康码可能被伪造或篡改。', advice: '请在官方健康码应用中重新打开健康码再出示。' },
    en: { summary: 'Invalid signature: the pass may be forged or altered.', advice: 'Open the pass again in the official health-code app and show it from there.' },
  },
  ISSUER_MISMATCH: {
    zh: { summary: '健康码上的签发机构与签名密钥不符。', advice: '请向签发健康码的平台重新申领。' },
    en: { summary: 'The issuer named on the pass does not own the key that signed it.', advice: 'Get the pass issued again by the platform that issued it.' },
  },
  KEY_NOT_VALID: {
    zh: { summary: '签发时，签发密钥不在其有效期内。', advice: '请在健康码应用中刷新或重新申领健康码。' },
    en: { summary: 'The issuer’s key was not valid when the pass was issued.', advice: 'Refresh the pass in the health-code app, or get it issued again.' },
  },
  KEY_REVOKED: {
    zh: { summary: '签发密钥已被吊销，该健康码不再有效。', advice: '请在健康码应用中重新申领健康码。' },
    en: { summary: 'The issuer’s key has been revoked: the pass is no longer valid.', advice: 'Get a new pass issued in the health-code app.' },
  },
  NOT_YET_VALID: {
    zh: { summary: '健康码尚未生效。', advice: '请等到生效时间后再出示；若时间有误，请检查手机时间设置。' },
    en: { summary: 'The pass is not valid yet.', advice: 'Show it again once it takes effect; if that seems wrong, check the phone’s clock.' },
  },
  EXPIRED: {
    zh: { summary: '健康码已过期。', advice: '请在健康码应用中刷新健康码后再出示。' },
    en: { summary: 'The pass has expired.', advice: 'Refresh the pass in the health-code app and show it again.' },
  },
  TOKEN_REVOKED: {
    zh: { summary: '该健康码已被撤销（持码人的状态已变更）。', advice: '请在健康码应用中查看当前状态，或咨询签发平台。' },
    en: { summary: 'This pass has been revoked (the holder’s status has changed).', advice: 'Check the current status in the health-code app, or ask the issuing platform.' },
  },
  DISCLOSURE_INVALID: {
    zh: { summary: '出示的信息与签发内容不符，可能被篡改。', advice: '请在官方健康码应用中重新打开健康码再出示。' },
    en: { summary: 'A detail shown does not match what was issued: it may have been altered.', advice: 'Open the pass again in the official health-code app and show it from there.' },
  },
  HOLDER_BINDING_FAILED: {
    zh: { summary: '设备校验失败：健康码不是由持码人本人的手机出示。', advice: '请用申领健康码的那部手机，在应用中直接出示。' },
    en: { summary: 'Device check failed: the pass was not shown from the holder’s own phone.', advice: 'Show the pass from the app on the phone it was issued to.' },
  },
  STALE_PRESENTATION: {
    zh: { summary: '二维码已超过60秒，可能是截图或录屏。', advice: '请在应用中出示实时健康码。' },
    en: { summary: 'The code is more than 60 seconds old, probably a screenshot or a recording.', advice: 'Show the live code from the app.' },
  },
  CARD_MISMATCH: {
    zh: { summary: '此健康码属于另一张卡：卡证与健康码不符。', advice: '请持写入健康码的那张卡刷卡；若卡已更换，请到服务点重新写卡。' },
    en: { summary: 'This pass belongs to another card.', advice: 'Tap the card the pass was written to; if the card was replaced, have the pass written again at a service desk.' },
  },
  DOCUMENT_MISMATCH: {
    zh: { summary: '健康码与所读身份证件不符。', advice: '请出示本人的健康码和本人的身份证件；如有疑问请咨询工作人员。' },
    en: { summary: 'The pass does not match the identity document.', advice: 'Show your own pass with your own identity document; ask the staff if in doubt.' },
  },
  BINDING_REQUIRED: {
    zh: { summary: '本场所需要与持码人绑定的健康码。', advice: '请用本人手机出示健康码、刷写有健康码的卡，或将打印的健康码与本人身份证一同出示。' },
    en: { summary: 'This venue needs a pass bound to its holder.', advice: 'Show the code from your own phone, tap your card, or show the printed pass with your identity card.' },
  },
  CLAIM_REQUIRED: {
    zh: { summary: '未出示本场所要求查看的信息。', advice: '请在应用中选择本场所类别后再出示，应用会展示所需信息。' },
    en: { summary: 'A detail this venue must see was not shown.', advice: 'Choose this venue’s category in the app before showing the code: it then shows what is needed.' },
  },
  STATUS_NOT_ALLOWED: {
    zh: { summary: '该码色不允许进入本场所。', advice: '请按当地规定处理；码色变更后可再次出示。' },
    en: { summary: 'This code colour is not admitted at this venue.', advice: 'Follow the local rules; once the code colour changes, show it again.' },
  },
  NAT_POSITIVE: {
    zh: { summary: '最近一次核酸检测结果为阳性。', advice: '请按当地防疫规定就医或联系社区。' },
    en: { summary: 'The latest nucleic-acid test is positive.', advice: 'Follow the local health rules: seek care or contact the local health office.' },
  },
  NAT_TOO_OLD: {
    zh: { summary: '核酸检测时间超出本场所的要求。', advice: '请进行核酸检测，结果出来后再出示。' },
    en: { summary: 'The latest nucleic-acid test is too old for this venue.', advice: 'Take a new test and show the pass once the result is in.' },
  },
  DOSES_REQUIRED: {
    zh: { summary: '疫苗接种剂次少于本场所的要求。', advice: '完成所需剂次的接种后再出示。' },
    en: { summary: 'Fewer vaccine doses than this venue requires.', advice: 'Show the pass again once the required doses are recorded.' },
  },
  ABROAD_RECENT: {
    zh: { summary: '14天内有境外旅居史，本场所不予进入。', advice: '请在14天期满后再出示，或按当地规定处理。' },
    en: { summary: 'A stay abroad within the last 14 days: not admitted at this venue.', advice: 'Show the pass again once 14 days have passed, or follow the local rules.' },
  },
  RISK_AREA_RECENT: {
    zh: { summary: '14天内到过中高风险地区，本场所不予进入。', advice: '请在14天期满后再出示，或按当地规定处理。' },
    en: { summary: 'A stay in a medium- or high-risk area within the last 14 days: not admitted at this venue.', advice: 'Show the pass again once 14 days have passed, or follow the local rules.' },
  },
  // The foreign-pass gateway's own codes (PG1 §11.2); gates never answer them.
  KEY_USAGE: {
    zh: { summary: '境外证书的签发密钥无权签发此类证书（疫苗、检测或康复）。', advice: '请向签发国的主管机构重新申领证书。' },
    en: { summary: 'The foreign certificate’s signer may not sign this kind of certificate (vaccination, test or recovery).', advice: 'Ask the issuing country’s authority for a new certificate.' },
  },
  SCHEMA_INVALID: {
    zh: { summary: '境外证书的内容不符合其版本的欧盟数字新冠证书格式。', advice: '请向签发国的主管机构重新申领证书。' },
    en: { summary: 'The foreign certificate’s content does not follow the EU DCC schema of its version.', advice: 'Ask the issuing country’s authority for a new certificate.' },
  },
};

/**
 * A result code in words, for the screen of a scanner or a turnstile: what happened and what the holder
 * can do. The texts never name a claim value, so they can be shown to anyone in the queue.
 *
 * @param code - The result of a verification, or of the foreign-pass gateway (`passgate/transcode`).
 * @param lang - `'zh'` or `'en'` (the default).
 * @throws {@link PassgateError} `BAD_ARGUMENT` for a code that is not a PG1 result code or another language.
 */
export function describeResult(code: ResultCode | TranscodeResultCode, lang: ResultLanguage = 'en'): ResultDescription {
  if (!(RESULT_CODES as readonly string[]).includes(code) && !(TRANSCODE_ONLY_CODES as readonly string[]).includes(code)) throw new PassgateError('BAD_ARGUMENT', `not a PG1 result code: ${String(code)}`);
  if (lang !== 'zh' && lang !== 'en') throw new PassgateError('BAD_ARGUMENT', `describeResult speaks 'zh' and 'en', not ${String(lang)}`);
  return TEXTS[code][lang];
}
