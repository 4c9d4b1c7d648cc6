import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import countries from 'i18n-iso-countries';
import QRCode from 'qrcode';
import { FormattedMessage, useIntl } from 'react-intl';
import { rightsItems } from '../../core/safeguards';
import { api } from '../api';
import { QueryError } from '../components/QueryError';
import { useTimeZone } from '../i18n';
import { introParts } from '../screens/safeguards/model';
import '../styles/rights-letter.css';
import { formatInstant } from '../time';
import { letterFont } from './fonts';

/** dd.MM.yyyy of a calendar date, written the same way in every letter. */
function calendarDate(date: string | null): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '—';
}

/** A nationality in the letter's own language (the browser's region names), else its code. */
function nationalityIn(code: string, language: string): string {
  const alpha2 = countries.alpha3ToAlpha2(code);
  if (!alpha2) return code;
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'region' }).of(alpha2) ?? code;
  } catch {
    return code;
  }
}

/** The QR code as an <img> source: an SVG made here, so no markup or style is injected into the page. */
async function qrImage(payload: string): Promise<string> {
  const svg = await QRCode.toString(payload, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

type Bridge = { printToPdf?(request: { suggestedName: string; landscape?: boolean }): Promise<unknown> };

/**
 * The letter of rights as handed to the person: A4 portrait, in the template's language and direction,
 * with the person's details, the rights as a numbered list, signature lines and a QR code with the short
 * verification code. Drafts carry their "needs legal review" banner on paper too. On screen a toolbar
 * (in the officer's language) offers Print; on paper only the letter remains.
 */
export function RightsLetter({ notificationId }: { notificationId: string }) {
  const intl = useIntl();
  const zone = useTimeZone();
  const heading = useRef<HTMLHeadingElement>(null);
  const letter = useQuery({ queryKey: ['rightsLetter', notificationId], queryFn: () => api.safeguards.letter({ notificationId }), staleTime: Infinity });
  const [qr, setQr] = useState<string | null>(null);
  const [fontsReady, setFontsReady] = useState(false);
  const [printState, setPrintState] = useState<'idle' | 'saved' | 'failed'>('idle');
  const data = letter.data;

  useEffect(() => {
    if (!data) return;
    let live = true;
    void qrImage(data.qrPayload).then((src) => live && setQr(src));
    // The letter's own face must be loaded before anything prints it, or a PDF would show a fallback.
    // Every face (regular and bold, each script subset) whose characters the letter uses, loaded
    // up front: a print layout would otherwise start loads that nothing waits for.
    const t = data.template;
    const text = [
      t.title,
      t.intro,
      ...Object.values(t.items),
      t.closing,
      ...Object.values(t.labels),
      data.facilityName,
      data.person.nameOriginal,
      data.person.nameLatin,
      data.officerName ?? '',
      data.verifyCode,
      '0123456789.:/-·',
    ].join(' ');
    const fonts = document.fonts;
    const faces = [...new Set([letterFont(t.language), 'Noto Sans'])];
    void Promise.all(faces.flatMap((face) => ['400', '700'].map((weight) => fonts.load(`${weight} 16px "${face}"`, text))))
      .catch(() => undefined)
      .then(() => fonts.ready)
      .then(() => live && setFontsReady(true));
    heading.current?.focus({ preventScroll: true });
    return () => {
      live = false;
    };
  }, [data]);

  const print = async () => {
    const bridge = window.qeyd as Bridge | undefined;
    if (bridge?.printToPdf && data) {
      const result = (await bridge.printToPdf({ suggestedName: `rights-letter-${data.verifyCode}`, landscape: false })) as { ok?: boolean; reason?: string } | undefined;
      setPrintState(result?.ok ? 'saved' : result?.reason === 'canceled' ? 'idle' : 'failed');
    } else {
      window.print();
    }
  };

  if (letter.isError) return <QueryError error={letter.error} onRetry={() => void letter.refetch()} />;
  if (!data) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  const t = data.template;
  const draft = t.status === 'needs_legal_review';
  const ready = qr !== null && fontsReady;
  return (
    <div className="rl-doc">
      <div className="rl-toolbar no-print">
        <a className="button" href={`#/person/${encodeURIComponent(data.person.personId)}`}>
          <FormattedMessage id="rl.back" />
        </a>
        <button type="button" className="button button--primary" onClick={() => void print()} disabled={!ready} data-testid="print-letter">
          <FormattedMessage id="rl.print" />
        </button>
        <p className="muted rl-toolbar__hint" role="status">
          {printState === 'saved' ? <FormattedMessage id="rl.saved" /> : printState === 'failed' ? <FormattedMessage id="rl.failed" /> : <FormattedMessage id="rl.hint" />}
        </p>
        {draft ? (
          <p className="rl-toolbar__draft">
            <FormattedMessage id="rl.draftNote" />
          </p>
        ) : null}
      </div>
      <article
        className="rl-sheet"
        lang={t.language}
        dir={t.direction}
        data-testid="rights-letter"
        data-ready={ready ? 'true' : 'false'}
        aria-label={intl.formatMessage({ id: 'rl.sheetLabel' }, { code: data.verifyCode })}
      >
        {draft ? (
          <p className="rl-draft" data-testid="draft-warning">
            {t.labels.draftWarning}
          </p>
        ) : null}
        <header className="rl-head">
          <div className="rl-head__text">
            <p className="rl-facility">
              <bdi>{data.facilityName}</bdi>
            </p>
            <h1 className="rl-title" tabIndex={-1} ref={heading}>
              {t.title}
            </h1>
          </div>
          <div className="rl-verify">
            {qr ? <img className="rl-qr" src={qr} alt={intl.formatMessage({ id: 'rl.qrAlt' }, { code: data.verifyCode })} width={112} height={112} /> : <span className="rl-qr" />}
            <p className="rl-verify__label">{t.labels.verify}</p>
            <p className="rl-code" data-testid="verify-code">
              <bdi dir="ltr">{data.verifyCode}</bdi>
            </p>
          </div>
        </header>

        <dl className="rl-facts">
          <div className="rl-facts__row rl-facts__row--wide">
            <dt>{t.labels.person}</dt>
            <dd>
              {data.person.nameOriginal !== data.person.nameLatin ? (
                <>
                  <bdi className="rl-name">{data.person.nameOriginal}</bdi>
                  {' / '}
                </>
              ) : null}
              <bdi className="rl-name" dir="ltr">
                {data.person.nameLatin}
              </bdi>
            </dd>
          </div>
          <div className="rl-facts__row">
            <dt>{t.labels.birthDate}</dt>
            <dd>
              <bdi dir="ltr">{calendarDate(data.person.birthDate)}</bdi>
            </dd>
          </div>
          <div className="rl-facts__row">
            <dt>{t.labels.nationality}</dt>
            <dd>{data.person.nationalities.length ? data.person.nationalities.map((c) => nationalityIn(c, t.language)).join(t.direction === 'rtl' ? '، ' : ', ') : '—'}</dd>
          </div>
          <div className="rl-facts__row rl-facts__row--wide">
            <dt>{t.labels.facility}</dt>
            <dd>
              <bdi>{data.facilityName}</bdi>
            </dd>
          </div>
          <div className="rl-facts__row rl-facts__row--wide">
            <dt>{t.labels.date}</dt>
            <dd>
              <bdi dir="ltr">{formatInstant(data.notifiedAt, zone)}</bdi>
            </dd>
          </div>
        </dl>

        <p className="rl-intro">
          {introParts(t.intro).map((part, i) =>
            'text' in part ? (
              <span key={i}>{part.text}</span>
            ) : (
              <bdi key={i} className={part.slot === 'name' ? 'rl-name' : undefined} dir={part.slot === 'date' ? 'ltr' : undefined}>
                {part.slot === 'name' ? data.person.nameLatin : part.slot === 'facility' ? data.facilityName : formatInstant(data.notifiedAt, zone).slice(0, 10)}
              </bdi>
            ),
          )}
        </p>

        <ol className="rl-rights">
          {rightsItems.map((item) => (
            <li key={item}>{t.items[item]}</li>
          ))}
        </ol>

        <p className="rl-closing">{t.closing}</p>

        <div className="rl-signatures">
          <div className="rl-sign">
            <span className="rl-sign__line" />
            <span className="rl-sign__label">{t.labels.signature}</span>
          </div>
          <div className="rl-sign">
            <span className="rl-sign__line" />
            <span className="rl-sign__label">{t.labels.officer}</span>
            {data.officerName ? (
              <span className="rl-sign__name">
                <bdi>{data.officerName}</bdi>
              </span>
            ) : null}
          </div>
        </div>

        <footer className="rl-foot">
          <bdi dir="ltr">
            Qeyd · {t.id} · {t.language} · {t.version} · {data.versionHash}
          </bdi>
        </footer>
      </article>
    </div>
  );
}
