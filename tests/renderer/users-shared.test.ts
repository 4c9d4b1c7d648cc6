import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { useForm } from 'react-hook-form';
import { IntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import type { Role } from '../../core/permissions';
import { OutcomePanel } from '../../renderer/screens/users/AccountActions';
import { RolesField } from '../../renderer/screens/users/RolesField';

const render = (el: ReactElement) => renderToStaticMarkup(createElement(IntlProvider, { locale: 'en', messages: catalogs.en }, el));

/** The secret is an <output> named by its label: the label's id is the one the output points at. */
function labelledSecret(html: string, label: string): string | null {
  const m = new RegExp(`<span id="([^"]+)" class="field__label">${label}</span> <output aria-labelledby="([^"]+)" class="recovery-key mono">([^<]*)</output>`).exec(html);
  return m && m[1] === m[2] ? m[3]! : null;
}

describe('the Users screens’ shared pieces', () => {
  it('a one-time password is shown once, named by its label', () => {
    const html = render(createElement(OutcomePanel, { outcome: { kind: 'otp', username: 'samir', password: 'AB12-CD34-EF56-GH78' }, onClose: () => {} }));
    expect(labelledSecret(html, 'One-time password')).toBe('AB12-CD34-EF56-GH78');
  });

  it('a recovery key replaced by a disable is shown the same way, under its own label', () => {
    const html = render(createElement(OutcomePanel, { outcome: { kind: 'disabled', username: 'samir', needReset: [], recoveryKey: 'K3Y0-K3Y1' }, onClose: () => {} }));
    expect(labelledSecret(html, 'New recovery key')).toBe('K3Y0-K3Y1');
  });

  it('the roles field offers exactly the roles given, under one legend', () => {
    function Form({ offered }: { offered: readonly Role[] }) {
      const { register } = useForm<{ roles: Role[] }>({ defaultValues: { roles: ['registrar'] } });
      return createElement(RolesField, { registration: register('roles'), error: undefined, offered });
    }
    const html = render(createElement(Form, { offered: ['admin', 'registrar'] }));
    expect(html).toContain('Roles');
    expect([...html.matchAll(/type="checkbox"[^>]*value="([a-z_]+)"|value="([a-z_]+)"[^>]*type="checkbox"/g)].map((m) => m[1] ?? m[2])).toEqual(['admin', 'registrar']);
  });
});
