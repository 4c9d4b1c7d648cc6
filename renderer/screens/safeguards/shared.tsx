import { useId, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { Instant } from '../../components/Instant';
import { useLocale } from '../../i18n';
import { languageLabel, type Option } from '../../places';
import { Span } from './clock';
import { interpreterKindLabel, obligationLabel, statusLabel } from './labels';
import type { Card, CardTone, PanelEpisode } from './model';

/* What every safeguard's card and forms share: the panel's open form, the card frame, the form props. */

export interface TemplateInfo {
  language: string;
  endonym: string;
  version: string;
  status: 'approved' | 'needs_legal_review';
  direction: 'ltr' | 'rtl';
}

/** What the safeguards forms need to know about the person beyond the panel. */
export interface PersonFacts {
  personId: string;
  languages: readonly string[];
  nationalities: readonly string[];
  protectionCase: boolean;
  templates: readonly TemplateInfo[];
}

export interface FormBase {
  person: PersonFacts;
  ep: PanelEpisode;
  onDone(label: MessageKey): void;
  onCancel(): void;
}

export interface NoticeFormProps extends FormBase {
  noticeId: string;
}

export interface RequestFormProps extends FormBase {
  requestId: string;
}

/** The one form open on the panel, and for which consular notice or legal-aid request. */
export type OpenForm =
  | { kind: 'rights' | 'rightsInterpreter' | 'rightsDelay' | 'interpreter' | 'consularOpen' | 'legalRequest' | 'waiver' }
  | { kind: 'consent' | 'send' | 'answered' | 'withdraw' | 'disclosure'; noticeId: string }
  | { kind: 'defender' | 'contact' | 'issue'; requestId: string };

/** What the panel hands each safeguard's card: the detention, the clock, and the one open form. */
export interface CardKit {
  ep: PanelEpisode;
  card: Card;
  now: number;
  /** The detention is closed: nothing more is recorded on it. */
  closed: boolean;
  open: OpenForm | null;
  is(kind: OpenForm['kind'], id?: string): boolean;
  button(form: OpenForm, label: MessageKey, testId?: string, tone?: 'normal' | 'danger'): ReactNode;
  formProps: FormBase;
}

export const dash = '—';
export const noInterpreter: Option = { value: '', label: dash };

export const keys = <T extends string>(values: readonly T[], label: Record<T, MessageKey>) => values.map((v) => ({ value: v, label: label[v] }));

/** Strips a contract prefix ("notification.at" → "at") and renames what the form holds differently. */
export function under(prefix: string, rename: Record<string, string> = {}) {
  return (path: string): string | null => {
    const p = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    for (const [from, to] of Object.entries(rename)) if (p === from || p.startsWith(`${from}.`)) return to;
    return p;
  };
}

export function useInterpreterOptions(ep: PanelEpisode): Option[] {
  const { locale } = useLocale();
  const intl = useIntl();
  return ep.interpreters.map((i) => ({
    value: i.useId,
    label: intl.formatMessage(
      { id: 'sg.interpreter.option' },
      { language: languageLabel(i.use.language, locale), name: i.use.interpreterName, kind: intl.formatMessage({ id: interpreterKindLabel[i.use.kind] }) },
    ),
  }));
}

/** One safeguard's card: its title and state, its clocks (what is owed by when), then its log and forms. */
export function SgCard({ card, now, title, state, children }: { card: Card; now: number; title: MessageKey; state: ReactNode; children: ReactNode }) {
  const titleId = useId();
  return (
    <article className={`sg-card sg-card--${card.tone}`} aria-labelledby={titleId} data-testid={`sg-card-${card.kind}`} data-tone={card.tone}>
      <header className="sg-card__head">
        <h3 className="sg-card__title" id={titleId}>
          <FormattedMessage id={title} />
        </h3>
        {state}
      </header>
      {card.obligations.length ? (
        <ul className="sg-clock">
          {card.obligations.map((o) => (
            <li key={`${o.kind}-${o.dueAt}`} className={`sg-clock__item sg-clock__item--${o.status}`}>
              <span className="sg-clock__what">
                <FormattedMessage id={obligationLabel[o.kind as keyof typeof obligationLabel]} />
              </span>
              <span className="sg-clock__when">
                <FormattedMessage id={statusLabel[o.status]} />
                {' · '}
                <FormattedMessage
                  id={Date.parse(o.dueAt) <= now ? 'sg.clock.overdueBy' : 'sg.clock.dueIn'}
                  values={{ span: <Span ms={Date.parse(o.dueAt) - now} key="s" />, time: <Instant value={o.dueAt} key="t" /> }}
                />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}

export function Badge({ tone, label }: { tone: CardTone; label: MessageKey }) {
  return (
    <span className={`sg-badge sg-badge--${tone}`}>
      <FormattedMessage id={label} />
    </span>
  );
}

/** A badge for "nothing yet" takes the card's colour: red when what is missing is overdue. */
export const pending = (card: Card): CardTone => (card.tone === 'overdue' || card.tone === 'due' ? card.tone : 'open');
