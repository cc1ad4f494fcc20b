/** Disclosed claims in words: what a guard (or the holder, before showing) reads about each one. */
import type { ClaimValue } from '../../sdk/index.js';
import { lang, type Bilingual } from './i18n.js';

export const CLAIM_LABELS: Readonly<Record<string, Bilingual>> = {
  status: { zh: '码色', en: 'Code colour' },
  nat: { zh: '核酸检测', en: 'Nucleic-acid test' },
  vax: { zh: '疫苗接种', en: 'Vaccination' },
  abroad14: { zh: '14天境外旅居', en: 'Abroad in last 14 days' },
  risk14: { zh: '14天中高风险地区旅居', en: 'Risk area in last 14 days' },
  fever: { zh: '发热', en: 'Fever' },
  region: { zh: '居住地区代码', en: 'Region of residence' },
  id4: { zh: '证件后四位', en: 'ID document, last 4' },
  name: { zh: '姓名', en: 'Name' },
  photo: { zh: '照片摘要', en: 'Photo digest' },
  intl: { zh: '国际版', en: 'International version' },
};

export const STATUS_NAMES: readonly Bilingual[] = [
  { zh: '绿码', en: 'Green' },
  { zh: '黄码', en: 'Yellow' },
  { zh: '红码', en: 'Red' },
];

export function claimLabel(name: string): string {
  const l = CLAIM_LABELS[name];
  return l ? l[lang()] : name;
}

function yesNo(v: boolean): string {
  return lang() === 'zh' ? (v ? '是' : '否') : v ? 'Yes' : 'No';
}

/** "3 h ago", "2 天前": how long ago a Unix time was, from `now`. */
export function ago(at: number, now: number): string {
  const s = Math.max(0, now - at);
  const zh = lang() === 'zh';
  if (s < 3600) return zh ? `${Math.round(s / 60)} 分钟前` : `${Math.round(s / 60)} min ago`;
  if (s < 2 * 86_400) return zh ? `${Math.round(s / 3600)} 小时前` : `${Math.round(s / 3600)} h ago`;
  return zh ? `${Math.round(s / 86_400)} 天前` : `${Math.round(s / 86_400)} days ago`;
}

function asNumber(v: ClaimValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

export function statusName(v: ClaimValue | undefined): string {
  const n = asNumber(v);
  const s = n === null ? undefined : STATUS_NAMES[n];
  return s ? s[lang()] : String(v);
}

/** One claim's value in words. */
export function claimValueText(name: string, value: ClaimValue, now: number): string {
  const zh = lang() === 'zh';
  switch (name) {
    case 'status':
      return statusName(value);
    case 'nat': {
      if (!Array.isArray(value)) break;
      const at = asNumber(value[0]);
      const positive = asNumber(value[1]) === 1;
      const result = zh ? (positive ? '阳性' : '阴性') : positive ? 'positive' : 'negative';
      return at === null ? result : zh ? `${result}，采样于${ago(at, now)}` : `${result}, sampled ${ago(at, now)}`;
    }
    case 'vax': {
      if (!Array.isArray(value)) break;
      const doses = asNumber(value[0]);
      const at = asNumber(value[1]);
      const last = at === null ? '' : zh ? `，末剂${ago(at, now)}` : `, last ${ago(at, now)}`;
      return zh ? `${doses ?? '?'} 剂${last}` : `${doses ?? '?'} dose(s)${last}`;
    }
    default:
      if (typeof value === 'boolean') return yesNo(value);
  }
  return typeof value === 'bigint' ? value.toString() : typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
