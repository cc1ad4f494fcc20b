/** The first page a new user sees: what the demo is and where each role lives. */
import { bindText, type Bilingual } from '../i18n.js';
import { h, pageFrame } from '../layout.js';

const ROLES: readonly { href: string; name: Bilingual; what: Bilingual }[] = [
  {
    href: './wallet.html',
    name: { zh: '① 钱包（持码人）', en: '① Wallet (holder)' },
    what: {
      zh: '选择健康状况，向演示签发机构申领健康码，按场所只出示所需信息，生成每30秒刷新的二维码，或“碰一碰”闸机；家人代办：为没有手机的老人和孩子申领、代查、打印健康码或写入卡片。',
      en: 'Pick a health profile, get a code from the demo issuer, reveal only what a venue needs, show a QR code that re-binds every 30 s, or tap a turnstile. Family: get, check, print or write to a card the passes of relatives without a phone.',
    },
  },
  {
    href: './scanner.html',
    name: { zh: '② 场所扫码', en: '② Venue scanner' },
    what: { zh: '用摄像头、图片或粘贴文本核验，整屏显示通行/禁止及原因。', en: 'Check a code with the camera, an image or pasted text; a full-screen allow or deny with the reason.' },
  },
  {
    href: './turnstile.html',
    name: { zh: '③ 闸机（静默核验）', en: '③ Turnstile (silent checks)' },
    what: {
      zh: '在 Web Worker 中核验“碰一碰”和刷卡，打印码配合身份证读卡器核验，显示计数与每秒核验数，可做一万次压力测试。',
      en: 'Verifies phone and card taps in a Web Worker, and printed passes with an identity-card reader; counts them and shows tokens per second; a stress test replays 10,000.',
    },
  },
  {
    href: './console.html',
    name: { zh: '④ 运维控制台', en: '④ Operator console' },
    what: {
      zh: '信任列表、撤销列表、立即同步、撤销健康码、轮换签发密钥、设定须绑定持码人的场所、销毁全部数据。',
      en: 'Trust list, revocations, sync now, revoke a code, rotate the issuer key, make a venue require bound passes, destroy all data.',
    },
  },
];

const main = pageFrame({ zh: '离线健康码核验演示', en: 'Offline health-code verification demo' });
const intro = bindText(h('p'), {
  zh: '本演示全部在本机运行：开发服务器内嵌一个演示签发机构（首次启动时生成密钥），核验页面只拿到根公钥和已签名的列表，由 Passgate SDK 的 WebAssembly 内核完成全部核验。建议在两个窗口中分别打开“钱包”和“场所扫码”或“闸机”。',
  en: 'Everything runs on this machine: the dev server embeds a demo issuer (keys made on first start); the verifier pages get only the root public key and the signed lists, and the Passgate SDK’s WebAssembly core does every check. Open the wallet next to the scanner or the turnstile in two windows.',
});
const cards = h('div', { class: 'cards' });
for (const r of ROLES) cards.append(h('a', { href: r.href }, bindText(h('strong'), r.name), bindText(h('span'), r.what)));
main.append(h('section', { class: 'card' }, intro), cards);
document.body.dataset['ready'] = 'true';
