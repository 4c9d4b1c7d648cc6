import type { Locale } from '../fields';
import { errors as azErrors } from './az/errors';
import { register as azRegister } from './az/register';
import { ui as azUi } from './az/ui';
import { errors as enErrors } from './en/errors';
import { register as enRegister } from './en/register';
import { ui as enUi } from './en/ui';
import { errors as ruErrors } from './ru/errors';
import { register as ruRegister } from './ru/register';
import { ui as ruUi } from './ru/ui';

/** ICU message catalogs (plural rules matter: Russian has one/few/many). Azerbaijani is the default. */
export const catalogs: Record<Locale, Record<string, string>> = {
  az: { ...azErrors, ...azUi, ...azRegister },
  en: { ...enErrors, ...enUi, ...enRegister },
  ru: { ...ruErrors, ...ruUi, ...ruRegister },
};

export const defaultLocale: Locale = 'az';
export type MessageKey = keyof typeof enErrors | keyof typeof enUi | keyof typeof enRegister;
