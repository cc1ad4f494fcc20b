/** The profile form: presets fill it, the holder may edit any field, the issuer gets what it says. */
import { bindText, type Bilingual } from '../i18n.js';
import { h } from '../layout.js';
import type { ProfileInput } from '../shared/demoApi.js';
import { PRESETS } from './profiles.js';
import { T } from './walletText.js';

export interface ProfileForm {
  readonly element: HTMLElement;
  read(): ProfileInput;
  fillFrom(p: ProfileInput): void;
}

function labelled(text: Bilingual, input: HTMLElement, cls = 'field'): HTMLLabelElement {
  const label = h('label', { class: cls });
  const caption = bindText(h('span'), text);
  if (cls === 'check') label.append(input, caption);
  else label.append(caption, input);
  return label;
}

export function profileForm(): ProfileForm {
  const status = h('select', { name: 'status', 'data-testid': 'status' });
  for (const [value, name] of [['0', T.green], ['1', T.yellow], ['2', T.red]] as const) status.append(bindText(h('option', { value }), name));
  const num = (name: string): HTMLInputElement => h('input', { type: 'number', min: '0', step: '1', name, 'data-testid': name });
  const check = (name: string): HTMLInputElement => h('input', { type: 'checkbox', name, 'data-testid': name });
  const text = (name: string, max: string): HTMLInputElement => h('input', { type: 'text', name, maxlength: max, 'data-testid': name });
  const natHours = num('natHoursAgo');
  const natPositive = check('natPositive');
  const doses = num('doses');
  const lastDose = num('lastDoseDaysAgo');
  const abroad14 = check('abroad14');
  const risk14 = check('risk14');
  const fever = check('fever');
  const name = text('name', '16');
  const id4 = text('id4', '4');
  const region = h('input', { type: 'text', name: 'region', pattern: '\\d{6}', maxlength: '6', 'data-testid': 'region' });
  let label = 'custom';

  const fillFrom = (p: ProfileInput): void => {
    label = p.label;
    status.value = String(p.status);
    natHours.value = p.natHoursAgo === null ? '' : String(p.natHoursAgo);
    natPositive.checked = p.natPositive;
    doses.value = String(p.doses);
    lastDose.value = String(p.lastDoseDaysAgo);
    abroad14.checked = p.abroad14;
    risk14.checked = p.risk14;
    fever.checked = p.fever;
    name.value = p.name;
    id4.value = p.id4;
    region.value = String(p.region);
  };

  const presets = h('div', { class: 'row' }, bindText(h('span', { class: 'muted' }), T.presets));
  for (const key of ['green', 'yellow', 'red'] as const) {
    const b = bindText(h('button', { type: 'button', 'data-testid': `preset-${key}` }), T[key]);
    b.addEventListener('click', () => fillFrom(PRESETS[key]));
    presets.append(b);
  }
  // Editing a field after picking a preset makes it a custom profile (the console lists the label).
  const form = h(
    'div',
    { class: 'grid2' },
    labelled(T.status, status),
    labelled(T.natHours, natHours),
    labelled(T.doses, doses),
    labelled(T.lastDose, lastDose),
    labelled(T.name, name),
    labelled(T.id4, id4),
    labelled(T.region, region),
    h('div', {}, labelled(T.natPositive, natPositive, 'check'), labelled(T.abroad14, abroad14, 'check'), labelled(T.risk14, risk14, 'check'), labelled(T.fever, fever, 'check')),
  );
  form.addEventListener('input', () => {
    label = 'custom';
  });

  const whole = (s: string, fallback: number): number => {
    const n = Math.floor(Number(s));
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  const read = (): ProfileInput => {
    const st = Number(status.value);
    return {
      label,
      status: st === 1 ? 1 : st === 2 ? 2 : 0,
      natHoursAgo: natHours.value.trim() === '' ? null : whole(natHours.value, 0),
      natPositive: natPositive.checked,
      doses: whole(doses.value, 0),
      lastDoseDaysAgo: whole(lastDose.value, 0),
      abroad14: abroad14.checked,
      risk14: risk14.checked,
      fever: fever.checked,
      name: name.value.trim(),
      id4: [...id4.value.trim()].slice(0, 4).join(''),
      region: /^\d{6}$/.test(region.value) ? Number(region.value) : 330106,
    };
  };

  fillFrom(PRESETS.green);
  return { element: h('div', {}, presets, form), read, fillFrom };
}
