import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { RegisterBookNote, registerBookLine } from '../../core/contract/register-views';
import type { Decision } from '../../core/episode';
import { api } from '../api';
import { QueryError } from '../components/QueryError';
import { formatDate, todayIn } from '../datetime';
import { useLocale, useTimeZone } from '../i18n';
import { countryLabel, languageLabel } from '../places';
import { documentTypeLabel, outcomeTypeLabel } from '../register-labels';
import { href } from '../routes';
import { formatInstant } from '../time';

type Line = z.infer<typeof registerBookLine>;

/**
 * The register book for a period, laid out as the paper book is (Internal Discipline Rules, Annex 1,
 * columns 1–9) on A4 landscape. On screen it shows a Print button; on paper only the document, with
 * page numbers from CSS (@page) and the column header repeated on every sheet.
 */
export function RegisterPrint({ from, to, facilityName }: { from: string; to: string; facilityName: string }) {
  const title = useRef<HTMLHeadingElement>(null);
  const extract = useQuery({ queryKey: ['registerExtract', from, to], queryFn: () => api.register.extract({ from, to }) });
  const zone = useTimeZone();

  useEffect(() => {
    title.current?.focus({ preventScroll: true });
  }, []);

  return (
    <article className="print-doc">
      <div className="print-toolbar no-print">
        <a className="button" href={href({ name: 'register' })}>
          <FormattedMessage id="print.back" />
        </a>
        <button type="button" className="button button--primary" onClick={() => window.print()} disabled={!extract.data}>
          <FormattedMessage id="print.print" />
        </button>
        <p className="muted print-toolbar__hint">
          <FormattedMessage id="print.hint" />
        </p>
      </div>
      <header className="doc-head">
        <p className="doc-head__org">{extract.data?.facilityName || facilityName}</p>
        <h1 className="doc-title" tabIndex={-1} ref={title}>
          <FormattedMessage id="print.title" />
        </h1>
        <p className="doc-period">
          <FormattedMessage id="print.period" values={{ from: formatDate(from), to: formatDate(to) }} />
        </p>
      </header>
      {extract.isError ? <QueryError error={extract.error} onRetry={() => void extract.refetch()} /> : null}
      {extract.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {extract.data ? (
        <>
          <table className="book">
            <colgroup>
              <col className="book__c1" />
              <col className="book__c2" />
              <col className="book__c3" />
              <col className="book__c4" />
              <col className="book__c5" />
              <col className="book__c7" />
              <col className="book__c8" />
              <col className="book__c9" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="print.col.no" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.admitted" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.person" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.document" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.decision" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.handover" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.exit" />
                </th>
                <th scope="col">
                  <FormattedMessage id="print.col.notes" />
                </th>
              </tr>
              <tr className="book__numbers" aria-hidden="true">
                <th>1</th>
                <th>2</th>
                <th>3</th>
                <th>4</th>
                <th>5–6</th>
                <th>7</th>
                <th>8</th>
                <th>9</th>
              </tr>
            </thead>
            <tbody>
              {extract.data.lines.length === 0 ? (
                <tr>
                  <td colSpan={8} className="book__empty">
                    <FormattedMessage id="print.empty" />
                  </td>
                </tr>
              ) : (
                extract.data.lines.map((line) => <BookLine key={`${line.no}-${line.admittedAt}`} line={line} zone={zone} />)
              )}
            </tbody>
          </table>
          <footer className="doc-foot">
            <p>
              <FormattedMessage id="print.generated" values={{ time: formatInstant(extract.data.generatedAt, zone), count: extract.data.lines.length, zone }} />
            </p>
            <p className="doc-foot__sign">
              <span>
                <FormattedMessage id="print.signature" />
              </span>
              <span className="doc-foot__line" aria-hidden="true" />
            </p>
          </footer>
        </>
      ) : null}
    </article>
  );
}

/** Date over time, so the narrow column of the book never runs into the next one. */
function DateTime({ iso, zone }: { iso: string; zone: string }) {
  const [date, time] = formatInstant(iso, zone).split(' ');
  return (
    <time dateTime={iso}>
      {date}
      <br />
      {time}
    </time>
  );
}

function DecisionText({ d, zone }: { d: Decision; zone: string }) {
  return (
    <>
      <span className="book__strong">{d.issuingBody}</span>
      <br />
      {[d.officialPosition, d.officialRank, d.officialName].filter(Boolean).join(', ')}
      <br />
      {d.basis}
      <br />
      <FormattedMessage id="print.decisionRef" values={{ date: formatDate(d.date), number: d.number }} />
      {'; '}
      <FormattedMessage id="print.termEnd" values={{ time: formatInstant(d.termEnd, zone) }} />
    </>
  );
}

function BookLine({ line, zone }: { line: Line; zone: string }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const p = line.person;
  const nationality = p.stateless ? intl.formatMessage({ id: 'nat.stateless' }) : p.nationalities.map((c) => countryLabel(c, locale)).join(', ') || intl.formatMessage({ id: 'nat.unknown' });
  return (
    <tr>
      <td className="book__no">{line.no}</td>
      <td>{line.admittedAt ? <DateTime iso={line.admittedAt} zone={zone} /> : '—'}</td>
      <td>
        <span className="book__strong" dir="auto">
          {p.nameLatin}
        </span>
        {p.nameOriginal !== p.nameLatin ? (
          <>
            <br />
            <span dir="auto">{p.nameOriginal}</span>
          </>
        ) : null}
        <br />
        {p.birthDate ? formatDate(p.birthDate) : intl.formatMessage({ id: 'print.birthUnknown' })}
        <br />
        {nationality}
      </td>
      <td>
        {line.documents.length === 0
          ? '—'
          : line.documents.map((d, i) => {
              const key = documentTypeLabel[d.type as keyof typeof documentTypeLabel];
              return (
                <span key={i} className="book__item">
                  {key ? intl.formatMessage({ id: key }) : d.type}
                  {d.series || d.number ? ` ${[d.series, d.number].filter(Boolean).join(' ')}` : ''}
                </span>
              );
            })}
      </td>
      <td>
        {line.decision ? <DecisionText d={line.decision} zone={zone} /> : '—'}
        {line.extensions.map((x, i) => (
          <span key={i} className="book__item book__extension">
            <span className="book__label">
              <FormattedMessage id="print.extension" values={{ n: i + 1 }} />
            </span>
            <br />
            <DecisionText d={x} zone={zone} />
          </span>
        ))}
      </td>
      <td>
        {line.handover ? (
          <>
            <span className="book__strong">{line.handover.body}</span>
            <br />
            {[line.handover.officerPosition, line.handover.officerRank, line.handover.officerName].filter(Boolean).join(', ')}
            <br />
            <FormattedMessage id="print.serviceId" values={{ id: line.handover.serviceId }} />
            <br />
            <FormattedMessage id={line.handover.signed ? 'print.signed' : 'print.notSigned'} />
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {line.exit ? (
          <>
            <DateTime iso={line.exit.at} zone={zone} />
            <br />
            <span className="book__strong">{intl.formatMessage({ id: outcomeTypeLabel[line.exit.type] })}</span>
            <br />
            {line.exit.basis}
            {line.exit.receivingBody || line.exit.receivingOfficer ? (
              <>
                <br />
                {[line.exit.receivingBody, line.exit.receivingOfficer].filter(Boolean).join(', ')}
              </>
            ) : null}
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {line.notes.map((n, i) => (
          <span key={i} className="book__item">
            <BookNote note={n} zone={zone} />
          </span>
        ))}
      </td>
    </tr>
  );
}

/** Column 9 in the reader's language; dates are the facility's calendar days. */
function BookNote({ note, zone }: { note: RegisterBookNote; zone: string }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const date = formatDate(todayIn(zone, Date.parse(note.at)));
  if (note.kind === 'transfer') return <FormattedMessage id="print.note.transfer" values={{ facility: note.toFacilityName, date }} />;
  if (note.kind === 'draftRightsLetter') {
    const language = languageLabel(note.language, locale);
    return <FormattedMessage id={note.interpreterChecked ? 'print.note.draftLetterChecked' : 'print.note.draftLetter'} values={{ language, date }} />;
  }
  return <FormattedMessage id="print.note.plannedExit" values={{ outcome: intl.formatMessage({ id: outcomeTypeLabel[note.outcome] }), date }} />;
}
