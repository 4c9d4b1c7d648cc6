import type { Locale } from '../fields';
import { errors as azErrors } from './az/errors';
import { register as azRegister } from './az/register';
import { safeguards as azSafeguards } from './az/safeguards';
import { health as azHealth } from './az/health';
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
import { transfers as azTransfers } from './az/transfers';
import { tracing as azTracing } from './az/tracing';
import { national as azNational } from './az/national';
import { disciplineProperty as azDisciplineProperty } from './az/discipline-property';
import { complaints as azComplaints } from './az/complaints';
import { exits as azExits } from './az/exits';
import { contacts as azContacts } from './az/contacts';
import { stay as azStay } from './az/stay';
import { reports as azReports } from './az/reports';
import { reportRecords as azReportRecords } from './az/report-records';
import { reportExports as azReportExports } from './az/report-exports';
import { reportsUi as azReportsUi } from './az/reports-ui';
import { errors as enErrors } from './en/errors';
import { register as enRegister } from './en/register';
import { safeguards as enSafeguards } from './en/safeguards';
import { health as enHealth } from './en/health';
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
import { transfers as enTransfers } from './en/transfers';
import { tracing as enTracing } from './en/tracing';
import { national as enNational } from './en/national';
import { disciplineProperty as enDisciplineProperty } from './en/discipline-property';
import { complaints as enComplaints } from './en/complaints';
import { exits as enExits } from './en/exits';
import { contacts as enContacts } from './en/contacts';
import { stay as enStay } from './en/stay';
import { reports as enReports } from './en/reports';
import { reportRecords as enReportRecords } from './en/report-records';
import { reportExports as enReportExports } from './en/report-exports';
import { reportsUi as enReportsUi } from './en/reports-ui';
import { errors as ruErrors } from './ru/errors';
import { register as ruRegister } from './ru/register';
import { safeguards as ruSafeguards } from './ru/safeguards';
import { health as ruHealth } from './ru/health';
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
import { transfers as ruTransfers } from './ru/transfers';
import { tracing as ruTracing } from './ru/tracing';
import { national as ruNational } from './ru/national';
import { disciplineProperty as ruDisciplineProperty } from './ru/discipline-property';
import { complaints as ruComplaints } from './ru/complaints';
import { exits as ruExits } from './ru/exits';
import { contacts as ruContacts } from './ru/contacts';
import { stay as ruStay } from './ru/stay';
import { reports as ruReports } from './ru/reports';
import { reportRecords as ruReportRecords } from './ru/report-records';
import { reportExports as ruReportExports } from './ru/report-exports';
import { reportsUi as ruReportsUi } from './ru/reports-ui';

/** ICU message catalogs (plural rules matter: Russian has one/few/many). Azerbaijani is the default. */
export const catalogs: Record<Locale, Record<string, string>> = {
  az: {
    ...azTracingCentre,
    ...azTransfers,
    ...azErrors,
    ...azUi,
    ...azRegister,
    ...azSafeguards,
    ...azHealth,
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
    ...azDisciplineProperty,
    ...azComplaints,
    ...azExits,
    ...azContacts,
    ...azStay,
    ...azReports,
    ...azReportRecords,
    ...azReportExports,
    ...azReportsUi,
  },
  en: {
    ...enTracingCentre,
    ...enTransfers,
    ...enErrors,
    ...enUi,
    ...enRegister,
    ...enSafeguards,
    ...enHealth,
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
    ...enDisciplineProperty,
    ...enComplaints,
    ...enExits,
    ...enContacts,
    ...enStay,
    ...enReports,
    ...enReportRecords,
    ...enReportExports,
    ...enReportsUi,
  },
  ru: {
    ...ruTracingCentre,
    ...ruTransfers,
    ...ruErrors,
    ...ruUi,
    ...ruRegister,
    ...ruSafeguards,
    ...ruHealth,
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
    ...ruDisciplineProperty,
    ...ruComplaints,
    ...ruExits,
    ...ruContacts,
    ...ruStay,
    ...ruReports,
    ...ruReportRecords,
    ...ruReportExports,
    ...ruReportsUi,
  },
};

export const defaultLocale: Locale = 'az';
export type MessageKey =
  | keyof typeof enReports
  | keyof typeof enReportRecords
  | keyof typeof enReportExports
  | keyof typeof enReportsUi
  | keyof typeof enStay
  | keyof typeof enNational
  | keyof typeof enDisciplineProperty
  | keyof typeof enComplaints
  | keyof typeof enExits
  | keyof typeof enContacts
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
  | keyof typeof enHealth
  | keyof typeof enHq
  | keyof typeof enNpmCentre
  | keyof typeof enTracingCentre
  | keyof typeof enTransfers
  | keyof typeof enSync;
