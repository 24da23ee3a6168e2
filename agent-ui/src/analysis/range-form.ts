// The analysis page's range: last 7/30/90 days, this month, or two days picked by hand. A custom
// range out of order is refused here with a sentence; the server checks again (ANALYSIS_RANGE_INVALID).
import { chinaToday, field, h } from '../dom.js';
import { t, type TextKey } from '../i18n.js';
import { customRange, presetRange, RANGE_PRESETS, type DayRange, type RangePreset } from './date-range.js';

const PRESET_TEXTS: Readonly<Record<RangePreset | 'custom', TextKey>> = { last7: 'anLast7', last30: 'anLast30', last90: 'anLast90', thisMonth: 'anThisMonth', custom: 'anCustom' };

export interface RangeForm {
  readonly element: HTMLElement;
  /** The range chosen now, or null with the reason shown when the custom days do not make one. */
  current(): DayRange | null;
}

export function rangeForm(onShow: (range: DayRange) => void, initial: RangePreset = 'last30'): RangeForm {
  const preset = h('select', {}, [...RANGE_PRESETS, 'custom' as const].map((value) => h('option', { value, selected: value === initial }, t(PRESET_TEXTS[value]))));
  const start = presetRange(initial, chinaToday());
  const from = h('input', { type: 'date', value: start.from });
  const to = h('input', { type: 'date', value: start.to });
  const customFields = h('div', { class: 'filters', hidden: true }, field('an-from', t('anFrom'), from), field('an-to', t('anTo'), to));
  const message = h('p', { class: 'error', role: 'alert', id: 'an-range-message' });
  const current = (): DayRange | null => {
    message.textContent = '';
    if (preset.value !== 'custom') return presetRange(preset.value as RangePreset, chinaToday());
    const range = customRange(from.value, to.value);
    if (!range) message.textContent = `${t('anFrom')} ≤ ${t('anTo')}`;
    return range;
  };
  const show = (): void => {
    const range = current();
    if (range) onShow(range);
  };
  preset.addEventListener('change', () => {
    customFields.hidden = preset.value !== 'custom';
    if (preset.value !== 'custom') show();
  });
  const element = h(
    'form',
    {
      class: 'filters',
      id: 'an-range',
      onsubmit: (event: Event) => {
        event.preventDefault();
        show();
      },
    },
    field('an-preset', t('anRange'), preset),
    customFields,
    h('button', { type: 'submit', class: 'primary', id: 'an-show' }, t('anShow')),
    message,
  );
  return { element, current };
}
