import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../../core/i18n';
import { Instant } from '../../../components/Instant';
import { interpreterKindLabel, interpreterPurposeLabel } from '../labels';
import type { PanelEpisode } from '../model';
import { SgCard, type CardKit } from '../shared';
import { InterpreterForm } from './InterpreterForm';

/** The interpreters used so far, with whether each was checked for a link to the state of origin. */
export function InterpretersCard({ kit, mayWrite, languageName, protectionCase }: { kit: CardKit; mayWrite: boolean; languageName(code: string): string; protectionCase: boolean }) {
  const { ep, card, now, closed, is, button, formProps } = kit;
  return (
    <SgCard
      card={card}
      now={now}
      title="sg.interpreters.title"
      state={
        <span className={`sg-badge sg-badge--${card.tone}`}>
          <FormattedMessage id="sg.interpreters.count" values={{ count: ep.interpreters.length }} />
        </span>
      }
    >
      <InterpretersBody ep={ep} languageName={languageName} protectionCase={protectionCase} />
      {mayWrite && !closed ? <div className="sg-card__actions">{button({ kind: 'interpreter' }, 'sg.interpreter.record', 'record-interpreter')}</div> : null}
      {is('interpreter') ? <InterpreterForm {...formProps} /> : null}
    </SgCard>
  );
}

const affiliationShown: Record<'independent' | 'linked' | 'unchecked', MessageKey> = {
  independent: 'sg.interpreters.independent',
  linked: 'sg.interpreters.linked',
  unchecked: 'sg.interpreters.unchecked',
};

function InterpretersBody({ ep, languageName, protectionCase }: { ep: PanelEpisode; languageName(code: string): string; protectionCase: boolean }) {
  const intl = useIntl();
  if (!ep.interpreters.length) {
    return (
      <p className="muted sg-card__empty">
        <FormattedMessage id="sg.interpreters.none" />
      </p>
    );
  }
  return (
    <ul className="sg-log">
      {[...ep.interpreters].reverse().map((i) => {
        const u = i.use;
        const affiliation = !u.affiliationChecked ? 'unchecked' : u.affiliatedWithOriginState ? 'linked' : 'independent';
        return (
          <li key={i.useId} className="sg-log__item" data-testid="interpreter-entry">
            <p className="sg-log__main">
              <Instant value={u.at} /> · <span dir="auto">{languageName(u.language)}</span> · {u.interpreterName}
            </p>
            <p className="sg-log__detail">
              <FormattedMessage id={interpreterKindLabel[u.kind]} /> · <FormattedMessage id={interpreterPurposeLabel[u.purpose]} /> ·{' '}
              <span className={affiliation === 'independent' ? 'sg-ok' : protectionCase || affiliation === 'linked' ? 'sg-bad' : undefined}>
                <FormattedMessage id={affiliationShown[affiliation]} />
              </span>
              {u.genderPreferenceMet !== null ? (
                <>
                  {' · '}
                  {intl.formatMessage({ id: u.genderPreferenceMet ? 'sg.gender.met' : 'sg.gender.notMet' })}
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
