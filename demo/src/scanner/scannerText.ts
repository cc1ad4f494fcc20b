/** The venue scanner's texts. */
import type { Bilingual } from '../i18n.js';

export const T = {
  title: { zh: '场所扫码', en: 'Venue scanner' },
  venue: { zh: '本场所类别', en: 'This venue’s category' },
  camera: { zh: '打开摄像头扫码', en: 'Scan with the camera' },
  stopCamera: { zh: '关闭摄像头', en: 'Stop the camera' },
  image: { zh: '从图片识别', en: 'Read from an image' },
  pasteLabel: { zh: '或粘贴二维码文本（PG1:… 或十六进制）', en: 'Or paste the code’s text (PG1:… or hex)' },
  verify: { zh: '核验', en: 'Verify' },
  noQr: { zh: '图片中没有找到二维码。', en: 'No QR code found in that image.' },
  cameraError: { zh: '无法打开摄像头：', en: 'Cannot open the camera: ' },
  syncing: { zh: '正在同步信任列表…', en: 'Syncing the trust list…' },
  trustLine: { zh: '信任列表 v{tv} · 撤销列表 v{rv}（{n} 条）· 本机核验，不联网', en: 'Trust list v{tv} · revocations v{rv} ({n}) · checked on this device, offline' },
  noTrust: { zh: '尚无信任列表：请连接演示服务器同步。', en: 'No trust list yet: connect to the demo server to sync.' },
  destroyed: { zh: '运维人员已销毁本机全部数据。刷新页面重新配置。', en: 'The operator destroyed all data on this device. Reload to provision again.' },
  shown: { zh: '出示的信息', en: 'Shown by the holder' },
  next: { zh: '点击任意处继续扫码', en: 'Tap anywhere to scan the next one' },
  clockAhead: { zh: '演示时钟：本机时间 {s} 秒', en: 'Demo clock: device time {s} s' },
  detailStatus: { zh: '{status} · {venue}', en: '{status} · {venue}' },
} satisfies Record<string, Bilingual>;
