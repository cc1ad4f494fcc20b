/** The wallet page's texts. */
import type { Bilingual } from '../i18n.js';

export const T = {
  title: { zh: '钱包（持码人）', en: 'Wallet (holder)' },
  profileHeading: { zh: '1. 我的健康状况', en: '1. My health profile' },
  presets: { zh: '预设：', en: 'Presets:' },
  green: { zh: '绿码', en: 'Green' },
  yellow: { zh: '黄码', en: 'Yellow' },
  red: { zh: '红码', en: 'Red' },
  status: { zh: '码色', en: 'Code colour' },
  natHours: { zh: '核酸采样距今（小时，空=无记录）', en: 'Test sampled (hours ago, empty = none)' },
  natPositive: { zh: '核酸阳性', en: 'Test positive' },
  doses: { zh: '疫苗剂次', en: 'Vaccine doses' },
  lastDose: { zh: '末剂距今（天）', en: 'Last dose (days ago)' },
  abroad14: { zh: '14天内境外旅居', en: 'Abroad in last 14 days' },
  risk14: { zh: '14天内到过中高风险地区', en: 'Risk area in last 14 days' },
  fever: { zh: '发热', en: 'Fever' },
  name: { zh: '姓名（脱敏）', en: 'Name (masked)' },
  id4: { zh: '证件后四位', en: 'ID, last 4' },
  region: { zh: '地区代码', en: 'Region code' },
  getCode: { zh: '向演示签发机构申领健康码', en: 'Get my code from the demo issuer' },
  issuing: { zh: '申领中…', en: 'Issuing…' },
  issued: { zh: '已申领', en: 'Issued' },
  showHeading: { zh: '2. 出示健康码', en: '2. Show my code' },
  venue: { zh: '要进入的场所', en: 'Venue I am entering' },
  willSee: { zh: '该场所将看到（仅以下信息）：', en: 'This venue will see (only these):' },
  notOnCode: { zh: '（我的码上没有此项：场所会拒绝）', en: '(not on my code: the venue will refuse)' },
  hidden: { zh: '其余信息不出示，场所无从得知。', en: 'Everything else stays hidden: the venue cannot learn it.' },
  noCode: { zh: '还没有健康码：先在左侧申领。', en: 'No code yet: get one first.' },
  refreshIn: { zh: '设备绑定将在 {s} 秒后刷新', en: 'Device binding refreshes in {s} s' },
  tap: { zh: '碰一碰闸机（NFC）', en: 'Tap the turnstile (NFC)' },
  noReader: { zh: '附近没有闸机：请在另一个窗口打开“闸机”页面。', en: 'No turnstile in range: open the Turnstile page in another window.' },
  tapSent: { zh: '已发送至闸机（{venue}）…', en: 'Sent to the turnstile ({venue})…' },
  gateSaid: { zh: '闸机：{result}', en: 'Turnstile: {result}' },
  deviceKey: { zh: '设备密钥（仅存于本机）：', en: 'Device key (kept on this device only):' },
} satisfies Record<string, Bilingual>;

export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
