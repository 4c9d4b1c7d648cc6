import type { ComponentType } from 'react';
import type { EpisodeView, PersonView } from '../../../core/contract/register-views';
import { canTransition, type EpisodeAction } from '../../../core/episode';
import type { MessageKey } from '../../../core/i18n';
import { CorrectForm, MergeForm } from './CorrectForm';
import {
  AddDocumentForm,
  AdmitForm,
  AgeForm,
  AsylumExpressForm,
  CloseForm,
  ExtendForm,
  GuardianForm,
  MedicalForm,
  NrCheckForm,
  ReferForm,
  RequestExtensionForm,
  ReviewForm,
  ScheduleExitForm,
  ScreeningForm,
  UnmergeForm,
  type FormProps,
} from './forms';
import { DispatchForm } from '../transfers/Transfers';

/** What decides whether an action is offered: the record, its open detention, and what the user may do. */
export interface ActionContext {
  view: PersonView;
  openEpisode: EpisodeView | null;
  mayWrite: boolean;
  mayOverride: boolean;
  mayAsylum: boolean;
}

/** What every action's form is given; a form takes what it needs of it. */
export type ActionFormProps = FormProps & { mayOverride: boolean; onReload(): void };

export type ActionGroup = 'detention' | 'protection' | 'record';

export const actionGroups: { group: ActionGroup; title: MessageKey }[] = [
  { group: 'detention', title: 'pp.actions.detention' },
  { group: 'protection', title: 'pp.actions.protection' },
  { group: 'record', title: 'pp.actions.record' },
];

export interface PersonAction {
  /** the button's label and the form's title */
  label: MessageKey;
  /** what the success line names once the form is done: the record made, as the timeline calls it */
  doneEvent: MessageKey;
  group: ActionGroup;
  available(ctx: ActionContext): boolean;
  Form: ComponentType<ActionFormProps>;
  /** the button warns before it is pressed (leaving the centre) */
  danger?: boolean;
}

/** A detention step the open episode's state allows (core/episode's transition table). */
const step = (a: EpisodeAction) => (ctx: ActionContext) => ctx.mayWrite && !!ctx.openEpisode && canTransition(a, ctx.openEpisode.state);
const withOpenEpisode = (ctx: ActionContext) => ctx.mayWrite && !!ctx.openEpisode;
const writer = (ctx: ActionContext) => ctx.mayWrite;

export type Action =
  | 'admit'
  | 'medical'
  | 'requestExtension'
  | 'extend'
  | 'review'
  | 'transfer'
  | 'scheduleExit'
  | 'close'
  | 'screening'
  | 'refer'
  | 'age'
  | 'guardian'
  | 'asylum'
  | 'nrCheck'
  | 'document'
  | 'correct'
  | 'merge'
  | 'unmerge';

/**
 * Every action of the person page's action bar, in the order its buttons stand within their group. A new
 * action is its name in `Action` and one entry here; a name without an entry does not compile.
 */
export const personActions: Record<Action, PersonAction> = {
  admit: { label: 'act.admit', doneEvent: 'event.episode.admitted', group: 'detention', available: step('admit'), Form: AdmitForm },
  medical: { label: 'act.medical', doneEvent: 'event.episode.medicalChecked', group: 'detention', available: withOpenEpisode, Form: MedicalForm },
  requestExtension: { label: 'act.requestExtension', doneEvent: 'event.episode.extensionRequested', group: 'detention', available: step('requestExtension'), Form: RequestExtensionForm },
  extend: { label: 'act.extend', doneEvent: 'event.episode.extended', group: 'detention', available: step('extend'), Form: ExtendForm },
  review: { label: 'act.review', doneEvent: 'event.episode.reviewed', group: 'detention', available: step('review'), Form: ReviewForm },
  // A transfer between centres travels with the person's record (docs/sync.md#transfers-between-centres).
  transfer: { label: 'act.transfer', doneEvent: 'event.transfer.dispatched', group: 'detention', available: step('transfer'), Form: DispatchForm },
  scheduleExit: { label: 'act.scheduleExit', doneEvent: 'event.episode.exitScheduled', group: 'detention', available: step('scheduleExit'), Form: ScheduleExitForm },
  close: { label: 'act.close', doneEvent: 'event.episode.closed', group: 'detention', available: step('close'), Form: CloseForm, danger: true },
  screening: { label: 'act.screening', doneEvent: 'event.screening.recorded', group: 'protection', available: withOpenEpisode, Form: ScreeningForm },
  refer: { label: 'act.refer', doneEvent: 'event.referral.created', group: 'protection', available: withOpenEpisode, Form: ReferForm },
  age: { label: 'act.age', doneEvent: 'event.age.assessed', group: 'protection', available: writer, Form: AgeForm },
  guardian: { label: 'act.guardian', doneEvent: 'event.guardian.appointed', group: 'protection', available: writer, Form: GuardianForm },
  // Recording that a person asked for asylum is open to whoever may record it, writer or not.
  asylum: { label: 'act.asylum', doneEvent: 'event.asylum.expressed', group: 'protection', available: (ctx) => ctx.mayAsylum, Form: AsylumExpressForm },
  nrCheck: { label: 'act.nrCheck', doneEvent: 'event.nonRefoulement.checked', group: 'protection', available: (ctx) => withOpenEpisode(ctx) && ctx.mayOverride, Form: NrCheckForm },
  document: { label: 'act.document', doneEvent: 'event.document.recorded', group: 'record', available: writer, Form: AddDocumentForm },
  correct: { label: 'act.correct', doneEvent: 'event.person.corrected', group: 'record', available: writer, Form: CorrectForm },
  merge: { label: 'act.merge', doneEvent: 'event.person.merged', group: 'record', available: (ctx) => ctx.mayWrite && !ctx.view.mergedInto, Form: MergeForm },
  unmerge: { label: 'act.unmerge', doneEvent: 'event.person.unmerged', group: 'record', available: (ctx) => ctx.mayWrite && !!ctx.view.mergedInto, Form: UnmergeForm },
};

/** The actions offered now, by group, in the registry's order; a group with none is left out. */
export function availableActions(ctx: ActionContext): { group: ActionGroup; title: MessageKey; actions: Action[] }[] {
  // A Record<Action, …> has exactly the Action keys, in the order they were written.
  const all = Object.keys(personActions) as Action[];
  return actionGroups.map((g) => ({ ...g, actions: all.filter((a) => personActions[a].group === g.group && personActions[a].available(ctx)) })).filter((g) => g.actions.length > 0);
}
