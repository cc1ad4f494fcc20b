/** The operator console's texts. */
import type { Bilingual } from '../i18n.js';

export const T = {
  title: { zh: '运维控制台', en: 'Operator console' },
  trustHeading: { zh: '信任列表', en: 'Trust list' },
  version: { zh: '版本', en: 'Version' },
  issuedAt: { zh: '签发时间', en: 'Issued' },
  expires: { zh: '过期时间', en: 'Expires' },
  sunset: { zh: '项目终止', en: 'Sunset' },
  none: { zh: '无', en: 'none' },
  roots: { zh: '根密钥（可签发下一版列表）', en: 'Roots (may sign the next list)' },
  issuers: { zh: '签发密钥', en: 'Issuer keys' },
  iss: { zh: '签发机构', en: 'Issuer' },
  window: { zh: '签发有效期', en: 'Signing window' },
  revokedAt: { zh: '吊销于', en: 'Revoked at' },
  policy: { zh: '场所规则：{n} 类场所', en: 'Venue policy: {n} categories' },
  revHeading: { zh: '撤销列表', en: 'Revocation list' },
  revokedCount: { zh: '已撤销健康码', en: 'Revoked passes' },
  actions: { zh: '操作', en: 'Actions' },
  syncNow: { zh: '立即同步', en: 'Sync now' },
  rotate: { zh: '轮换演示签发密钥', en: 'Rotate the demo issuer key' },
  destroy: { zh: '销毁全部数据', en: 'Destroy all data' },
  destroyConfirm: { zh: '销毁本机全部 Passgate 数据？核验将停止，直至重新配置。', en: 'Destroy all Passgate data on this device? Verification stops until it is provisioned again.' },
  syncReport: { zh: '同步结果', en: 'Sync report' },
  updated: { zh: '已更新', en: 'updated' },
  unchanged: { zh: '无变化（304）', en: 'unchanged (304)' },
  failed: { zh: '未采用', en: 'not applied' },
  tokensHeading: { zh: '演示签发机构已签发的健康码', en: 'Passes issued by the demo issuer' },
  tokensHint: { zh: '撤销后，闸机和扫码设备在下次同步后拒绝该码。', en: 'After a revocation, gates and scanners refuse the pass from their next sync.' },
  profile: { zh: '档案', en: 'Profile' },
  issued: { zh: '签发', en: 'Issued' },
  revoke: { zh: '撤销', en: 'Revoke' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  noTokens: { zh: '尚未签发：在钱包页面申领一个。', en: 'None yet: get one on the wallet page.' },
  destroyedHeading: { zh: '数据已销毁', en: 'Data destroyed' },
  idbLeft: { zh: '本源剩余 IndexedDB 数据库：', en: 'IndexedDB databases left in this origin:' },
  idbNone: { zh: '无 Passgate 数据库——什么都没有留下。', en: 'No Passgate database: nothing is left.' },
  reload: { zh: '重新配置（刷新）', en: 'Provision again (reload)' },
  rotated: { zh: '已轮换：新签发密钥 {kid}，信任列表 v{v}。', en: 'Rotated: new issuer key {kid}, trust list v{v}.' },
  revokedMsg: { zh: '已撤销，撤销列表 v{v}。点击“立即同步”让设备生效。', en: 'Revoked in revocation list v{v}. Press “Sync now” to push it to the devices.' },
} satisfies Record<string, Bilingual>;

export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
