/**
 * Dates and times as every page shows them: one format, in the page's language (zh-CN or en-GB), the
 * same in the console's tables and in an explained result's values, whatever the browser's locale.
 */
import { lang } from './i18n.js';

/** A Unix time (seconds) as a local date and time, or null when out of a Date's range. */
export function dateTimeText(unixSeconds: number | bigint): string | null {
  const ms = Number(unixSeconds) * 1000;
  if (!Number.isFinite(ms) || ms >= 8.64e15) return null;
  return new Date(ms).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
