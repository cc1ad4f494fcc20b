/**
 * Chinese and English, switchable at any time. Texts are pairs written next to each other in each
 * page's own text file, so a missing translation is a type error rather than a blank label.
 */
export type Lang = 'zh' | 'en';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

const STORAGE_KEY = 'passgate-demo-lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const fn of listeners) fn();
}

/** The text in the language in force. */
export function tr(text: Bilingual): string {
  return text[current];
}

/** Runs `fn` now and after every language switch (for text built from data). */
export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** Sets an element's text now and again after every switch. */
export function bindText<E extends HTMLElement>(el: E, source: Bilingual | (() => string)): E {
  const update = (): void => {
    el.textContent = typeof source === 'function' ? source() : tr(source);
  };
  update();
  listeners.add(update);
  return el;
}

/** Both languages at once, for the few labels a guard must read whatever the setting (allow/deny). */
export function both(text: Bilingual): string {
  return current === 'zh' ? `${text.zh} ${text.en}` : `${text.en} ${text.zh}`;
}

document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';

/** Fills {name} placeholders of a translated text. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
