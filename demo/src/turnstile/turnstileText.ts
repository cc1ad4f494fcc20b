/** The turnstile page's texts. */
import type { Bilingual } from '../i18n.js';

export const T = {
  title: { zh: '闸机（静默核验）', en: 'Turnstile (silent checks)' },
  category: { zh: '闸机场所类别：{venue}', en: 'Gate category: {venue}' },
  shut: { zh: '关闭', en: 'SHUT' },
  open: { zh: '已开启', en: 'OPEN' },
  refused: { zh: '拒绝', en: 'REFUSED' },
  waiting: { zh: '请在钱包页面点击“碰一碰闸机”，或刷卡', en: 'Tap from the wallet page (“Tap the turnstile”), or tap a card' },
  starting: { zh: '正在启动核验线程…', en: 'Starting the verification worker…' },
  taps: { zh: '已核验碰卡', en: 'Taps checked' },
  opened: { zh: '放行', en: 'Opened' },
  denied: { zh: '拒绝', en: 'Refused' },
  lastMs: { zh: '上次核验耗时', en: 'Last check took' },
  rate: { zh: '每秒核验数', en: 'Tokens / s' },
  camera: { zh: '用摄像头扫二维码', en: 'Scan QR codes with the camera' },
  stopCamera: { zh: '关闭摄像头', en: 'Stop the camera' },
  image: { zh: '读取打印码图片', en: 'Read a printed pass (image)' },
  noQr: { zh: '图片中没有可读的二维码。', en: 'No readable QR code in the image.' },
  idReader: { zh: '身份证读卡器（模拟）', en: 'Identity-card reader (simulated)' },
  idReaderHint: {
    zh: '打印码须与本人身份证一同核验：读卡器给出证件号和姓名，随下一个二维码一起核验，核验后立即清除，不保存、不记录。',
    en: 'A printed pass is checked with its holder’s identity card: the reader gives the number and name, checked with the next QR code and cleared right after the decision; nothing stores or logs them.',
  },
  idNumber: { zh: '证件号', en: 'ID number' },
  idName: { zh: '姓名', en: 'Name' },
  scanLog: { zh: '扫描记录（仅计数：每小时、场所、结果）', en: 'Scan log (counts only: hour, venue, result)' },
  showLog: { zh: '查看扫描记录', en: 'Show the scan log' },
  stress: { zh: '压力测试：重放 10,000 次出示', en: 'Stress: replay 10,000 presentations' },
  stressDone: { zh: '{n} 次核验用时 {s} 秒：{rate} 次/秒（Web Worker 内单线程）', en: '{n} checks in {s} s: {rate} tokens/s (one thread, in a Web Worker)' },
  trustLine: { zh: '信任列表 v{tv} · 撤销列表 v{rv}（{n} 条）', en: 'Trust list v{tv} · revocations v{rv} ({n})' },
  destroyed: { zh: '本机数据已被销毁，闸机停止工作。刷新页面重新配置。', en: 'This device’s data has been destroyed; the gate is out of service. Reload to provision again.' },
} satisfies Record<string, Bilingual>;
