import type { Locale } from '../fields';
import { errors as azErrors } from './az/errors';
import { register as azRegister } from './az/register';
import { safeguards as azSafeguards } from './az/safeguards';
import { sync as azSync } from './az/sync';
import { ui as azUi } from './az/ui';
import { hq as azHq } from './az/hq';
import { npmCentre as azNpmCentre } from './az/npm-centre';
import { npm as azNpm } from './az/npm';
import { npmVisits as azNpmVisits } from './az/npm-visits';
import { signIn as azSignIn } from './az/sign-in';
import { accounts as azAccounts } from './az/accounts';
import { npmKeys as azNpmKeys } from './az/npm-keys';
import { backup as azBackup } from './az/backup';
import { tracingCentre as azTracingCentre } from './az/tracing-centre';
import { tracing as azTracing } from './az/tracing';
import { national as azNational } from './az/national';
import { exits as azExits } from './az/exits';
import { errors as enErrors } from './en/errors';
import { register as enRegister } from './en/register';
import { safeguards as enSafeguards } from './en/safeguards';
import { sync as enSync } from './en/sync';
import { ui as enUi } from './en/ui';
import { hq as enHq } from './en/hq';
import { npmCentre as enNpmCentre } from './en/npm-centre';
import { npm as enNpm } from './en/npm';
import { npmVisits as enNpmVisits } from './en/npm-visits';
import { signIn as enSignIn } from './en/sign-in';
import { accounts as enAccounts } from './en/accounts';
import { npmKeys as enNpmKeys } from './en/npm-keys';
import { backup as enBackup } from './en/backup';
import { tracingCentre as enTracingCentre } from './en/tracing-centre';
import { tracing as enTracing } from './en/tracing';
import { national as enNational } from './en/national';
import { exits as enExits } from './en/exits';
import { errors as ruErrors } from './ru/errors';
import { register as ruRegister } from './ru/register';
import { safeguards as ruSafeguards } from './ru/safeguards';
import { sync as ruSync } from './ru/sync';
import { ui as ruUi } from './ru/ui';
import { hq as ruHq } from './ru/hq';
import { npmCentre as ruNpmCentre } from './ru/npm-centre';
import { npm as ruNpm } from './ru/npm';
import { npmVisits as ruNpmVisits } from './ru/npm-visits';
import { signIn as ruSignIn } from './ru/sign-in';
import { accounts as ruAccounts } from './ru/accounts';
import { npmKeys as ruNpmKeys } from './ru/npm-keys';
import { backup as ruBackup } from './ru/backup';
import { tracingCentre as ruTracingCentre } from './ru/tracing-centre';
import { tracing as ruTracing } from './ru/tracing';
import { national as ruNational } from './ru/national';
import { exits as ruExits } from './ru/exits';

/** ICU message catalogs (plural rules matter: Russian has one/few/many). Azerbaijani is the default. */
export const catalogs: Record<Locale, Record<string, string>> = {
  az: {
    ...azTracingCentre,
    ...azErrors,
    ...azUi,
    ...azRegister,
    ...azSafeguards,
    ...azHq,
    ...azNpmCentre,
    ...azSync,
    ...azNpm,
    ...azNpmVisits,
    ...azSignIn,
    ...azAccounts,
    ...azNpmKeys,
    ...azBackup,
    ...azTracing,
    ...azNational,
    ...azExits,
  },
  en: {
    ...enTracingCentre,
    ...enErrors,
    ...enUi,
    ...enRegister,
    ...enSafeguards,
    ...enHq,
    ...enNpmCentre,
    ...enSync,
    ...enNpm,
    ...enNpmVisits,
    ...enSignIn,
    ...enAccounts,
    ...enNpmKeys,
    ...enBackup,
    ...enTracing,
    ...enNational,
    ...enExits,
  },
  ru: {
    ...ruTracingCentre,
    ...ruErrors,
    ...ruUi,
    ...ruRegister,
    ...ruSafeguards,
    ...ruHq,
    ...ruNpmCentre,
    ...ruSync,
    ...ruNpm,
    ...ruNpmVisits,
    ...ruSignIn,
    ...ruAccounts,
    ...ruNpmKeys,
    ...ruBackup,
    ...ruTracing,
    ...ruNational,
    ...ruExits,
  },
};

export const defaultLocale: Locale = 'az';
export type MessageKey =
  | keyof typeof enNational
  | keyof typeof enExits
  | keyof typeof enTracing
  | keyof typeof enNpmKeys
  | keyof typeof enBackup
  | keyof typeof enAccounts
  | keyof typeof enSignIn
  | keyof typeof enNpmVisits
  | keyof typeof enNpm
  | keyof typeof enErrors
  | keyof typeof enUi
  | keyof typeof enRegister
  | keyof typeof enSafeguards
  | keyof typeof enHq
  | keyof typeof enNpmCentre
  | keyof typeof enTracingCentre
  | keyof typeof enSync;
