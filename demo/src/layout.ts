/** The frame every page shares: title, navigation between the four roles, and the language switch. */
import { bindText, lang, onLangChange, setLang, type Bilingual } from './i18n.js';

const PAGES: readonly { href: string; name: Bilingual }[] = [
  { href: './', name: { zh: '首页', en: 'Home' } },
  { href: './wallet.html', name: { zh: '钱包', en: 'Wallet' } },
  { href: './scanner.html', name: { zh: '场所扫码', en: 'Venue scanner' } },
  { href: './turnstile.html', name: { zh: '闸机', en: 'Turnstile' } },
  { href: './console.html', name: { zh: '运维控制台', en: 'Operator console' } },
];

/** Small element builder: keeps page code to what it shows. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** Whether a navigation link leads to this page (the home page is `./` or `index.html`). */
function isCurrentPage(href: string): boolean {
  const page = (path: string): string => path.replace(/\/index\.html$/, '/');
  return page(new URL(href, location.href).pathname) === page(location.pathname);
}

/** Builds the header and returns the page's main element. */
export function pageFrame(title: Bilingual): HTMLElement {
  const titleEl = bindText(h('h1'), title);
  const nav = h('nav');
  for (const p of PAGES) {
    const a = bindText(h('a', { href: p.href }), p.name);
    if (isCurrentPage(p.href)) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  const switcher = h('button', { type: 'button', class: 'lang', 'data-testid': 'lang-switch' });
  const label = (): void => {
    switcher.textContent = lang() === 'zh' ? 'English' : '中文';
  };
  label();
  onLangChange(label);
  switcher.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  const header = h('header', {}, h('div', { class: 'brand' }, 'Passgate', titleEl), nav, switcher);
  const main = h('main');
  document.body.append(header, main);
  const setTitle = (): void => {
    document.title = `Passgate · ${title[lang()]}`;
  };
  setTitle();
  onLangChange(setTitle);
  return main;
}
