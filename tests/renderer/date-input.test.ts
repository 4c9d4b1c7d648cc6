import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { DateTimeField } from '../../renderer/components/DateTimeField';
import { firstDayFirst, fromDateValue, toDateValue } from '../../renderer/date-input';
import { isoToLocalInput, localInputToIso } from '../../renderer/datetime';

/** What the box shows, segment by segment, for a form value, in one of the app's languages. */
function segments(locale: Locale, value: string, kind: 'datetime' | 'date' = 'datetime'): { type: string; text: string }[] {
  const html = renderToStaticMarkup(
    createElement(IntlProvider, { locale, messages: catalogs[locale] }, createElement(DateTimeField, { label: 'lbl.medical.at', kind, value, onChange: () => {}, locale })),
  );
  return [...html.matchAll(/<span[^>]*data-type="([a-zA-Z]+)"[^>]*>([^<]*)<\/span>/g)].map((m) => ({ type: m[1]!, text: m[2]! }));
}

const shown = (s: { text: string }[]) =>
  s
    .map((p) => p.text)
    .join('')
    .replace(/[\u200e\u200f\u2066-\u2069]/g, '');

describe('the date and time box', () => {
  it('gives back exactly the string a native datetime-local box gave, so the forms send what they sent', () => {
    const v = toDateValue('2026-12-07T00:03', 'datetime');
    expect(v && [v.year, v.month, v.day, v.hour, v.minute]).toEqual([2026, 12, 7, 0, 3]);
    expect(fromDateValue(v, 'datetime')).toBe('2026-12-07T00:03');
    expect(fromDateValue(toDateValue('2026-02-28', 'date'), 'date')).toBe('2026-02-28');
    expect(fromDateValue(null, 'datetime')).toBe('');
  });

  it('shows an empty box for an empty, unreadable or impossible value instead of inventing one', () => {
    for (const bad of ['', '07.12.2026 00:03', '2026-02-30T10:00', '2026-13-01T10:00', '2026-12-07T24:00', 'x']) expect(toDateValue(bad, 'datetime')).toBeNull();
    expect(toDateValue('2026-02-30', 'date')).toBeNull();
    expect(toDateValue(undefined, 'date')).toBeNull();
  });

  it('is the facility’s wall clock: 00:03 on 7 December typed in Baku is 20:03 UTC the evening before', () => {
    const typed = fromDateValue(toDateValue('2026-12-07T00:03', 'datetime'), 'datetime');
    expect(localInputToIso(typed, 'Asia/Baku')).toBe('2026-12-06T20:03:00.000Z');
    expect(toDateValue(isoToLocalInput('2026-12-06T20:03:00.000Z', 'Asia/Baku'), 'datetime')?.toString()).toBe('2026-12-07T00:03:00');
  });

  it('writes the day before the month and a 24-hour clock in every language, with no AM/PM', () => {
    for (const locale of ['az', 'en', 'ru'] as const) {
      const s = segments(locale, '2026-12-07T00:03');
      expect(
        s.some((p) => p.type === 'dayPeriod'),
        locale,
      ).toBe(false);
      const order = s.filter((p) => p.type !== 'literal').map((p) => p.type);
      expect(order, locale).toEqual(['day', 'month', 'year', 'hour', 'minute']);
      expect(s.find((p) => p.type === 'hour')?.text, locale).toBe('00');
    }
    expect(shown(segments('en', '2026-12-07T00:03'))).toBe('07/12/2026, 00:03');
    expect(shown(segments('ru', '2026-12-07T00:03'))).toBe('07.12.2026, 00:03');
    expect(shown(segments('en', '2026-12-07', 'date'))).toBe('07/12/2026');
  });

  it('passes over a locale whose data writes the year first (Chromium’s Azerbaijani) for one that writes the day first', () => {
    // Swedish writes 2026-12-07 in every engine, as Chromium writes Azerbaijani for want of its patterns.
    expect(firstDayFirst(['sv-SE', 'tr-TR'])).toBe('tr-TR');
    expect(firstDayFirst(['az-AZ', 'tr-TR'])).toMatch(/^(az-AZ|tr-TR)$/);
    expect(firstDayFirst(['sv-SE'])).toBe('sv-SE');
  });

  it('says an empty day, month and year in the app’s language', () => {
    expect(
      segments('az', '', 'date')
        .filter((p) => p.type !== 'literal')
        .map((p) => p.text),
    ).toEqual(['gg', 'aa', 'iiii']);
    expect(
      segments('en', '', 'date')
        .filter((p) => p.type !== 'literal')
        .map((p) => p.text),
    ).toEqual(['dd', 'mm', 'yyyy']);
    expect(
      segments('ru', '', 'date')
        .filter((p) => p.type !== 'literal')
        .map((p) => p.text),
    ).toEqual(['дд', 'мм', 'гггг']);
  });

  it('names its segments by the visible label', () => {
    const html = renderToStaticMarkup(
      createElement(IntlProvider, { locale: 'en', messages: catalogs.en }, createElement(DateTimeField, { label: 'lbl.medical.at', kind: 'datetime', value: '', onChange: () => {}, locale: 'en' })),
    );
    const labelId = /<span[^>]*id="([^"]+)"[^>]*class="field__label"|<span[^>]*class="field__label"[^>]*id="([^"]+)"/.exec(html);
    const id = labelId?.[1] ?? labelId?.[2];
    expect(id).toBeTruthy();
    expect(html).toMatch(new RegExp(`role="group"[^>]*aria-labelledby="${id}"|aria-labelledby="${id}"[^>]*role="group"`));
  });
});
