import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { catalogs } from '../../core/i18n';
import type { ReceiptLanguage } from '../../core/property';
import { api } from '../api';
import { QueryError } from '../components/QueryError';
import { useTimeZone } from '../i18n';
import { languageLabel } from '../places';
import '../styles/rights-letter.css';
import { formatInstant } from '../time';
import { ackWord } from '../screens/property/forms';

type Receipt = Awaited<ReturnType<typeof api.property.receipt>>;

/**
 * The receipt for the property the centre holds (issue #15 §5), as the person signs it: A4, in the person's
 * language when the receipt has that wording (az, en, ru), otherwise in all three one after the other, saying
 * so and naming who read it to the person. On screen a toolbar in the officer's language offers Print.
 */
export function PropertyReceipt({ ackId }: { ackId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const receipt = useQuery({ queryKey: ['propertyReceipt', ackId], queryFn: () => api.property.receipt({ ackId }), staleTime: Infinity });
  useEffect(() => {
    if (receipt.data) heading.current?.focus({ preventScroll: true });
  }, [receipt.data]);
  if (receipt.isError) return <QueryError error={receipt.error} onRetry={() => void receipt.refetch()} />;
  const data = receipt.data;
  if (!data) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  return (
    <div className="rl-doc">
      <div className="rl-toolbar no-print">
        <a className="button" href={`#/person/${encodeURIComponent(data.personId)}`}>
          <FormattedMessage id="prop.receipt.back" />
        </a>
        <button type="button" className="button button--primary" onClick={() => window.print()} data-testid="print-receipt">
          <FormattedMessage id="prop.receipt.print" />
        </button>
      </div>
      <article className="rl-sheet" data-testid="property-receipt">
        {data.languages.map((lang, i) => (
          <IntlProvider key={lang} locale={lang} messages={catalogs[lang]}>
            <ReceiptPart data={data} lang={lang} headingRef={i === 0 ? heading : undefined} />
          </IntlProvider>
        ))}
      </article>
    </div>
  );
}

function ReceiptPart({ data, lang, headingRef }: { data: Receipt; lang: ReceiptLanguage; headingRef?: React.Ref<HTMLHeadingElement> | undefined }) {
  const intl = useIntl();
  const zone = useTimeZone();
  const a = data.acknowledgement;
  const how =
    a.acknowledgement.kind === 'refused' ? intl.formatMessage({ id: 'prop.ack.refused' }, { witness: a.acknowledgement.witness }) : intl.formatMessage({ id: ackWord[a.acknowledgement.kind] });
  const name = data.nameOriginal !== data.nameLatin ? `${data.nameOriginal} / ${data.nameLatin}` : data.nameLatin;
  return (
    <section lang={lang} className="receipt__part" data-testid={`receipt-${lang}`}>
      <header className="rl-head">
        <div className="rl-head__text">
          <p className="rl-facility">
            <FormattedMessage id="prop.receipt.facility" values={{ facility: <bdi key="f">{data.facilityName}</bdi> }} />
          </p>
          <h1 className="rl-title" tabIndex={-1} ref={headingRef}>
            <FormattedMessage id="prop.receipt.title" />
          </h1>
        </div>
      </header>
      {data.fallback ? (
        <p className="rl-draft">
          <FormattedMessage id="prop.receipt.fallback" values={{ language: languageLabel(a.language, lang), interpreter: a.interpreterName ?? '—' }} />
        </p>
      ) : null}
      <p className="rl-intro">
        <FormattedMessage id="prop.receipt.intro" values={{ name: <bdi key="n">{name}</bdi> }} />
      </p>
      <p>
        <FormattedMessage id="prop.receipt.at" values={{ time: <bdi key="t">{formatInstant(a.at, zone)}</bdi> }} />
      </p>
      <table className="table table--dense">
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="prop.col.item" />
            </th>
            <th scope="col">
              <FormattedMessage id="prop.col.quantity" />
            </th>
            <th scope="col">
              <FormattedMessage id="prop.field.condition" />
            </th>
            <th scope="col">
              <FormattedMessage id="prop.col.storage" />
            </th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.itemId}>
              <td dir="auto">{i.description}</td>
              <td>{i.kind === 'money' ? `${i.amount ?? ''} ${i.currency ?? ''}` : i.quantity}</td>
              <td dir="auto">{i.condition ?? '—'}</td>
              <td dir="auto">{i.storage ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <FormattedMessage id="prop.receipt.ack" values={{ how }} />
      </p>
      <div className="receipt__signatures">
        <p>
          <FormattedMessage id="prop.receipt.signature" />: ____________________
        </p>
        <p>
          <FormattedMessage id="prop.receipt.officer" />: {data.officerName ?? ''} ____________________
        </p>
      </div>
    </section>
  );
}
