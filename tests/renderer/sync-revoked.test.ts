import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { RevokedNotice } from '../../renderer/components/RevokedNotice';

const render = (locale: (typeof locales)[number], revoked: { at: string | null; reason: string | null }) =>
  renderToStaticMarkup(createElement(IntlProvider, { locale, messages: catalogs[locale], timeZone: 'Asia/Baku' }, createElement(RevokedNotice, { revoked })));

describe('what the sync screen of a device HQ revoked says', () => {
  it.each(locales)('in %s: revoked by HQ, on which day, why, and to ask HQ', (locale) => {
    const html = render(locale, { at: '2026-12-07T09:15:00.000Z', reason: 'Stolen from the duty car on 3 May' });
    expect(html).toContain('<time dateTime="2026-12-07T09:15:00.000Z">');
    expect(html).toContain('<q>Stolen from the duty car on 3 May</q>');
    expect(html).toContain(catalogs[locale]['sync.revoked.title']);
    expect(html).not.toContain('{');
  });

  it('says which way to turn even when HQ did not say why (an older HQ)', () => {
    const html = render('en', { at: null, reason: null });
    expect(html).toContain('This device was revoked by HQ. Ask HQ');
    expect(html).not.toContain('<q>');
  });

  it('in English, the sentence reads as HQ means it', () => {
    const html = render('en', { at: '2026-12-07T09:15:00.000Z', reason: 'Retired' });
    expect(html).toMatch(/This device was revoked by HQ on <time[^>]*>[^<]+<\/time>: <q>Retired<\/q>\. Ask HQ/);
  });
});
