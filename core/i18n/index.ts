import type { Locale } from '../fields';
import { errors as azErrors } from './az/errors';
import { register as azRegister } from './az/register';
import { safeguards as azSafeguards } from './az/safeguards';
import { sync as azSync } from './az/sync';
import { ui as azUi } from './az/ui';
import { hq as azHq } from './az/hq';
import { oversight as azOversight } from './az/oversight';
import { npm as azNpm } from './az/npm';
import { visits as azVisits } from './az/visits';
import { signIn as azSignIn } from './az/sign-in';
import { accounts as azAccounts } from './az/accounts';
import { errors as enErrors } from './en/errors';
import { register as enRegister } from './en/register';
import { safeguards as enSafeguards } from './en/safeguards';
import { sync as enSync } from './en/sync';
import { ui as enUi } from './en/ui';
import { hq as enHq } from './en/hq';
import { oversight as enOversight } from './en/oversight';
import { npm as enNpm } from './en/npm';
import { visits as enVisits } from './en/visits';
import { signIn as enSignIn } from './en/sign-in';
import { accounts as enAccounts } from './en/accounts';
import { errors as ruErrors } from './ru/errors';
import { register as ruRegister } from './ru/register';
import { safeguards as ruSafeguards } from './ru/safeguards';
import { sync as ruSync } from './ru/sync';
import { ui as ruUi } from './ru/ui';
import { hq as ruHq } from './ru/hq';
import { oversight as ruOversight } from './ru/oversight';
import { npm as ruNpm } from './ru/npm';
import { visits as ruVisits } from './ru/visits';
import { signIn as ruSignIn } from './ru/sign-in';
import { accounts as ruAccounts } from './ru/accounts';

/** ICU message catalogs (plural rules matter: Russian has one/few/many). Azerbaijani is the default. */
export const catalogs: Record<Locale, Record<string, string>> = {
  az: { ...azErrors, ...azUi, ...azRegister, ...azSafeguards, ...azHq, ...azOversight, ...azSync, ...azNpm, ...azVisits, ...azSignIn, ...azAccounts },
  en: { ...enErrors, ...enUi, ...enRegister, ...enSafeguards, ...enHq, ...enOversight, ...enSync, ...enNpm, ...enVisits, ...enSignIn, ...enAccounts },
  ru: { ...ruErrors, ...ruUi, ...ruRegister, ...ruSafeguards, ...ruHq, ...ruOversight, ...ruSync, ...ruNpm, ...ruVisits, ...ruSignIn, ...ruAccounts },
};

export const defaultLocale: Locale = 'az';
export type MessageKey =
  | keyof typeof enAccounts
  | keyof typeof enSignIn
  | keyof typeof enVisits
  | keyof typeof enNpm
  | keyof typeof enErrors
  | keyof typeof enUi
  | keyof typeof enRegister
  | keyof typeof enSafeguards
  | keyof typeof enHq
  | keyof typeof enOversight
  | keyof typeof enSync;
