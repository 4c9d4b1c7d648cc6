import type { ContractShape } from './method';
import { setupContract } from './setup';
import { authContract } from './auth';
import { usersContract } from './users';
import { signInContract } from './sign-in';
import { auditContract } from './audit';
import { personsContract } from './persons';
import { intakeContract } from './intake';
import { draftsContract } from './drafts';
import { documentsContract } from './documents';
import { conflictsContract } from './conflicts';
import { episodesContract } from './episodes';
import { vulnerabilityContract } from './vulnerability';
import { asylumContract } from './asylum';
import { registerContract } from './register';
import { dueNowContract } from './due-now';
import { settingsContract } from './settings';
import { safeguardsContract } from './safeguards';
import { healthContract } from './health';
import { complaintsContract } from './complaints';
import { contactsContract } from './contacts';
import { syncContract } from './sync';
import { backupContract } from './backup';
import { hqContract } from './hq';
import { hqReportsContract } from './hq-reports';
import { npmOrgContract } from './npm-org';
import { npmFacilitiesContract } from './npm-facilities';
import { npmVisitsContract } from './npm-visits';
import { npmCentreContract } from './npm-centre';
import { tracingCentreContract } from './tracing-centre';
import { transfersContract } from './transfers';
import { tracingContract } from './tracing';
import { nationalContract } from './national';
import { exitsContract } from './exits';
import { stayContract } from './stay';
import { disciplineContract } from './discipline';
import { propertyContract } from './property';

export { userView, type UserView } from './users';
export { sessionView, type SessionView } from './auth';
export { auditEntryView } from './audit';
export { personHistoryEntry } from './persons';

/**
 * The one contract: every method the UI (or a script, or a test) may call, with its input, output and
 * who may call it. Electron IPC and loopback HTTP both dispatch through a router built from this object.
 * Each namespace is declared in its own file (core/contract/<namespace>.ts); this one only assembles them.
 */
export const contract = {
  ...setupContract,
  ...authContract,
  ...usersContract,
  ...signInContract,
  ...auditContract,
  ...personsContract,
  ...intakeContract,
  ...draftsContract,
  ...documentsContract,
  ...conflictsContract,
  ...episodesContract,
  ...vulnerabilityContract,
  ...asylumContract,
  ...registerContract,
  ...dueNowContract,
  ...settingsContract,
  ...safeguardsContract,
  ...healthContract,
  ...complaintsContract,
  ...contactsContract,
  ...syncContract,
  ...backupContract,
  ...hqContract,
  ...hqReportsContract,
  ...npmOrgContract,
  ...npmFacilitiesContract,
  ...npmVisitsContract,
  ...npmCentreContract,
  ...tracingCentreContract,
  ...transfersContract,
  ...nationalContract,
  ...exitsContract,
  ...stayContract,
  ...tracingContract,
  ...disciplineContract,
  ...propertyContract,
} satisfies ContractShape;

export type Contract = typeof contract;

/** "namespace.method" for every method, used by transports and the router. */
export type MethodName = {
  [N in keyof Contract]: { [M in keyof Contract[N]]: `${N & string}.${M & string}` }[keyof Contract[N]];
}[keyof Contract];

export function lookupMethod(name: string) {
  const dot = name.indexOf('.');
  if (dot < 1) return undefined;
  const ns = (contract as ContractShape)[name.slice(0, dot)];
  if (!ns || !Object.prototype.hasOwnProperty.call(contract, name.slice(0, dot))) return undefined;
  const m = name.slice(dot + 1);
  return Object.prototype.hasOwnProperty.call(ns, m) ? ns[m] : undefined;
}

export function allMethodNames(): string[] {
  return Object.entries(contract as ContractShape).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));
}
