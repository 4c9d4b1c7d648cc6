import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PersonView } from '../../../core/contract/register-views';
import { formatDate } from '../../datetime';
import { useLocale } from '../../i18n';
import { countryLabel } from '../../places';
import { documentTypeLabel, verificationLabel } from '../../register-labels';

/** The person's identity documents, with where they come from, until when, and whether checked. */
export function Documents({ view }: { view: PersonView }) {
  const { locale } = useLocale();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.documents" />
      </h2>
      {view.documents.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="pp.documents.none" />
        </p>
      ) : (
        <ul className="doc-list">
          {view.documents.map((d) => (
            <li key={d.documentId}>
              <span className="doc-list__type">
                <FormattedMessage id={documentTypeLabel[d.document.type]} />
              </span>{' '}
              <span className="mono">{[d.document.series, d.document.number].filter(Boolean).join(' ')}</span>
              <span className="doc-list__meta">
                {[d.document.issuingState ? countryLabel(d.document.issuingState, locale) : null, d.document.validUntil ? formatDate(d.document.validUntil) : null].filter(Boolean).join(' · ')}
                {d.document.verification ? (
                  <span className={`badge badge--${d.document.verification === 'verified' ? 'ok' : d.document.verification === 'unverified' ? 'muted' : 'failed'}`}>
                    <FormattedMessage id={verificationLabel[d.document.verification]} />
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
