import type { Locale } from '../fields';
import { errors as azErrors } from './az/errors';
import { ui as azUi } from './az/ui';
import { errors as enErrors } from './en/errors';
import { ui as enUi } from './en/ui';
import { errors as ruErrors } from './ru/errors';
import { ui as ruUi } from './ru/ui';

/** ICU message catalogs (plural rules matter: Russian has one/few/many). Azerbaijani is the default. */
export const catalogs: Record<Locale, Record<string, string>> = {
  az: { ...azErrors, ...azUi },
  en: { ...enErrors, ...enUi },
  ru: { ...ruErrors, ...ruUi },
};

export const defaultLocale: Locale = 'az';
export type MessageKey = keyof typeof enErrors | keyof typeof enUi;
