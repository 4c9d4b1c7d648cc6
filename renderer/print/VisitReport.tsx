import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import type { VisitView } from '../../core/contract/npm';
import { locales, type Locale } from '../../core/fields';
import { catalogs, defaultLocale, type MessageKey } from '../../core/i18n';
import type { consentScopes } from '../../core/npm/visit';
import { api } from '../api';
import { QueryError } from '../components/QueryError';
import { formatDate } from '../datetime';
import { useTimeZone } from '../i18n';
import { href, navigate } from '../routes';
import { AreaName } from '../screens/npm/Areas';
import {
  addresseeLabel,
  discrepancyDetailKey,
  discrepancyKindLabel,
  genderLabel,
  implementationLabel,
  interviewKindLabel,
  ratingLabel,
  recStateLabel,
  registerLabel,
  responseStatusLabel,
  severityLabel,
  sourceLabel,
  teamRoleLabel,
  visitTypeLabel,
} from '../screens/npm/labels';
import '../screens/npm/visit-report.css';
import { formatInstant } from '../time';
import './fonts';
import { ColumnHeads } from '../components/ColumnHeads';

type Bridge = { printToPdf?(request: { suggestedName: string; landscape?: boolean }): Promise<unknown> };
type Scope = (typeof consentScopes)[number];

const printHint: Record<'idle' | 'saved' | 'failed', MessageKey> = { idle: 'vr.hint', saved: 'vr.saved', failed: 'vr.failed' };
const languageLabel: Record<Locale, MessageKey> = { az: 'language.az', en: 'language.en', ru: 'language.ru' };

/** What a person allowed to appear in a published report (APT confidentiality guidance). */
const mayQuote = (scopes: readonly Scope[]) => scopes.includes('anonymised_in_report') || scopes.includes('named_in_report');
const mayName = (scopes: readonly Scope[]) => scopes.includes('named_in_report');

/**
 * The visit report on A4, pseudonymised by default: people appear by pseudonym, what they alleged
 * only where they agreed to its use in a report, a name only where they asked to be named. The sheet
 * is written in the language chosen for it, whatever the monitor's own interface language; the toolbar
 * around it stays in the monitor's language.
 */
export function VisitReport({ visitId, lang }: { visitId: string; lang: Locale }) {
  const zone = useTimeZone();
  const view = useQuery({ queryKey: ['visit', visitId], queryFn: () => api.npmVisits.get({ visitId }) });
  const org = useQuery({ queryKey: ['npmOrg'], queryFn: () => api.npmOrg.status() });
  const [fontsReady, setFontsReady] = useState(false);
  const [printState, setPrintState] = useState<'idle' | 'saved' | 'failed'>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const visit = view.data?.visit;

  useEffect(() => {
    if (!visit) return;
    let live = true;
    // The sheet's face must be loaded before anything prints it, or a PDF would show a fallback.
    const fonts = document.fonts;
    const sample = `${visit.facilityName} ${catalogs[lang]['vr.title'] ?? ''} əğıöüşç АБВГДабвгд 0123456789`;
    void Promise.all(['400', '700'].map((w) => fonts.load(`${w} 16px "Noto Sans"`, sample)))
      .catch(() => undefined)
      .then(() => fonts.ready)
      .then(() => live && setFontsReady(true));
    heading.current?.focus({ preventScroll: true });
    return () => {
      live = false;
    };
  }, [visit, lang]);

  const print = async () => {
    const bridge = window.qeyd as Bridge | undefined;
    if (bridge?.printToPdf && visit) {
      const result = (await bridge.printToPdf({ suggestedName: `visit-report-${visit.plannedFor}-${lang}`, landscape: false })) as { ok?: boolean; reason?: string } | undefined;
      setPrintState(result?.ok ? 'saved' : result?.reason === 'canceled' ? 'idle' : 'failed');
    } else {
      window.print();
    }
  };

  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  if (!visit) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  const ready = fontsReady && !org.isPending;
  return (
    <div className="vr-doc">
      <div className="vr-toolbar no-print">
        <a className="button" href={href({ name: 'visit', visitId })}>
          <FormattedMessage id="vr.back" />
        </a>
        <LanguagePicker lang={lang} onPick={(l) => navigate({ name: 'printVisit', visitId, lang: l })} />
        <button type="button" className="button button--primary" onClick={() => void print()} disabled={!ready} data-testid="print-report">
          <FormattedMessage id="vr.print" />
        </button>
        <p className="muted vr-toolbar__hint" role="status">
          <FormattedMessage id={printHint[printState]} />
        </p>
      </div>
      <IntlProvider locale={lang} messages={catalogs[lang]} defaultLocale={defaultLocale} timeZone={zone}>
        <Sheet visit={visit} orgName={org.data?.name ?? null} zone={zone} lang={lang} ready={ready} headingRef={heading} />
      </IntlProvider>
    </div>
  );
}

function LanguagePicker({ lang, onPick }: { lang: Locale; onPick(l: Locale): void }) {
  const intl = useIntl();
  return (
    <label className="vr-toolbar__lang">
      <span>
        <FormattedMessage id="vis.report.language" />
      </span>
      <select className="input select" value={lang} onChange={(e) => onPick(e.currentTarget.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l}>
            {intl.formatMessage({ id: languageLabel[l] })}
          </option>
        ))}
      </select>
    </label>
  );
}

function Part({ n, title, children }: { n: number; title: MessageKey; children: ReactNode }) {
  return (
    <section className="vr-part">
      <h2 className="vr-part__title">
        {n}. <FormattedMessage id={title} />
      </h2>
      {children}
    </section>
  );
}

function Sheet({
  visit: v,
  orgName,
  zone,
  lang,
  ready,
  headingRef,
}: {
  visit: VisitView;
  orgName: string | null;
  zone: string;
  lang: Locale;
  ready: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const intl = useIntl();
  const t = (id: MessageKey, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const time = (iso: string | null) => (iso ? formatInstant(iso, zone) : '—');
  const areas = [...v.areas].sort((a, b) => a.at.localeCompare(b.at));
  const latest = [...new Map(areas.map((a) => [a.area, a])).values()];
  let part = 0;
  return (
    <article className="vr-sheet" lang={lang} data-testid="visit-report" data-ready={ready ? 'true' : 'false'} aria-label={t('vr.title')}>
      <header className="vr-head">
        {orgName ? <p className="vr-org">{orgName}</p> : null}
        <p className="vr-mechanism">
          <FormattedMessage id="vr.mechanism" />
        </p>
        <h1 className="vr-title" tabIndex={-1} ref={headingRef}>
          <FormattedMessage id="vr.title" />
        </h1>
        <p className="vr-subtitle">{v.facilityName}</p>
      </header>

      <p className="vr-notice" data-testid="pseudonymised">
        <FormattedMessage id="vr.pseudonymised" />
      </p>

      <table className="vr-facts">
        <tbody>
          <tr>
            <th scope="row">
              <FormattedMessage id="vr.facility" />
            </th>
            <td>{v.facilityName}</td>
            <th scope="row">
              <FormattedMessage id="vr.type" />
            </th>
            <td>
              <FormattedMessage id="vr.typeLine" values={{ type: t(visitTypeLabel[v.type]), announced: v.announced ? 'yes' : 'no' }} />
            </td>
          </tr>
          <tr>
            <th scope="row">
              <FormattedMessage id="vr.arrived" />
            </th>
            <td>{time(v.arrivedAt)}</td>
            <th scope="row">
              <FormattedMessage id="vr.left" />
            </th>
            <td>{time(v.leftAt)}</td>
          </tr>
          <tr>
            <th scope="row">
              <FormattedMessage id="vr.team" />
            </th>
            <td colSpan={3}>
              {v.team.map((m, i) => (
                <span key={i} className="vr-member">
                  {m.name} — {t(teamRoleLabel[m.role])} ({t(genderLabel[m.gender])})
                </span>
              ))}
            </td>
          </tr>
          {v.purpose ? (
            <tr>
              <th scope="row">
                <FormattedMessage id="vr.purpose" />
              </th>
              <td colSpan={3}>{v.purpose}</td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <Part n={++part} title="vr.areas">
        {latest.length === 0 ? (
          <p className="vr-empty">
            <FormattedMessage id="vr.none" />
          </p>
        ) : (
          <table className="vr-table">
            <colgroup>
              <col className="vr-c-area" />
              <col className="vr-c-rating" />
              <col />
            </colgroup>
            <ColumnHeads columns={[{ label: 'vr.area' }, { label: 'vr.rating' }, { label: 'vr.observations' }]} />
            <tbody>
              {latest.map((a) => (
                <tr key={a.area}>
                  <td>
                    <AreaName area={a.area} />
                  </td>
                  <td className={`vr-rating vr-rating--${a.rating}`}>{t(ratingLabel[a.rating])}</td>
                  <td>
                    {a.note ?? ''}
                    {a.sources.length ? (
                      <span className="vr-sources">
                        {' '}
                        (<FormattedMessage id="vr.sources" values={{ list: a.sources.map((s) => t(sourceLabel[s])).join(', ') }} />)
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Part>

      <Part n={++part} title="vr.registers">
        {v.registerChecks.length === 0 ? (
          <p className="vr-empty">
            <FormattedMessage id="vr.none" />
          </p>
        ) : (
          <ul className="vr-list">
            {v.registerChecks.map((c, i) => (
              <li key={i}>
                <strong>{t(registerLabel[c.register])}</strong>
                {c.note ? ` — ${c.note}` : ''}
              </li>
            ))}
          </ul>
        )}
        {v.extract ? (
          <>
            <p className="vr-para">
              <FormattedMessage id="vr.extract" values={{ from: formatDate(v.extract.from), to: formatDate(v.extract.to), persons: v.extract.persons, generated: time(v.extract.generatedAt) }} />
            </p>
            {v.extract.discrepancies.length === 0 ? (
              <p className="vr-para">
                <FormattedMessage id="vr.noDiscrepancies" />
              </p>
            ) : (
              <table className="vr-table">
                <colgroup>
                  <col className="vr-c-kind" />
                  <col className="vr-c-subject" />
                  <col />
                </colgroup>
                <ColumnHeads columns={[{ label: 'vis.ex.kind' }, { label: 'vis.ex.subject' }, { label: 'vis.ex.detail' }]} />
                <tbody>
                  {v.extract.discrepancies.map((d, i) => {
                    const detail = discrepancyDetailKey(d.detail);
                    return (
                      <tr key={i}>
                        <td>{t(discrepancyKindLabel[d.kind])}</td>
                        <td className="vr-mono">{d.subject}</td>
                        <td>{detail ? t(detail) : (d.detail ?? '')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </>
        ) : null}
      </Part>

      <Part n={++part} title="vr.interviews">
        <p className="vr-para">
          <FormattedMessage
            id="vr.interviewCount"
            values={{ count: v.interviews.length, private: v.interviews.filter((i) => i.private).length, groups: v.interviews.filter((i) => i.kind === 'group').length }}
          />
        </p>
        {v.interviews.length ? (
          <table className="vr-table" data-testid="report-interviews">
            <colgroup>
              <col className="vr-c-subject" />
              <col className="vr-c-kind" />
              <col />
            </colgroup>
            <ColumnHeads columns={[{ label: 'vr.person' }, { label: 'vr.interview' }, { label: 'vr.allegations' }]} />
            <tbody>
              {v.interviews.map((iv) => {
                const c = iv.confidential;
                const quote = mayQuote(iv.consentScope);
                return (
                  <tr key={iv.interviewId}>
                    <td className="vr-mono">
                      {iv.pseudonym}
                      {c?.intervieweeName && mayName(iv.consentScope) ? <span className="vr-named"> — {c.intervieweeName}</span> : null}
                    </td>
                    <td>
                      <FormattedMessage
                        id="vr.interviewLine"
                        values={{ kind: t(interviewKindLabel[iv.kind]), size: iv.kind === 'group' && iv.groupSize ? ` (${iv.groupSize})` : '', private: iv.private ? 'yes' : 'no' }}
                      />
                    </td>
                    <td>
                      {!quote ? (
                        <span className="vr-withheld">
                          <FormattedMessage id="vr.withheld" />
                        </span>
                      ) : !c ? (
                        <span className="vr-withheld">
                          <FormattedMessage id="vr.sealed" />
                        </span>
                      ) : c.allegations.length === 0 ? (
                        <FormattedMessage id="vr.noAllegations" />
                      ) : (
                        <ul className="vr-list vr-list--tight">
                          {c.allegations.map((a, i) => (
                            <li key={i}>{a}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </Part>

      <Part n={++part} title="vr.findings">
        {v.findings.length === 0 ? (
          <p className="vr-empty">
            <FormattedMessage id="vr.none" />
          </p>
        ) : (
          <ol className="vr-findings">
            {v.findings.map((r) => (
              <li key={r.recommendationId} className="vr-finding">
                <p className="vr-finding__title">
                  <strong>{r.title}</strong>
                </p>
                <p className="vr-finding__meta">
                  <FormattedMessage
                    id="vr.findingMeta"
                    values={{ standard: r.standard, severity: t(severityLabel[r.severity]), addressee: t(addresseeLabel[r.addressee]), due: formatDate(r.dueDate) }}
                  />
                  {r.area ? (
                    <>
                      {' · '}
                      <AreaName area={r.area} />
                    </>
                  ) : null}
                </p>
                <p className="vr-finding__text">{r.finding}</p>
                <p className="vr-finding__rec">
                  <strong>
                    <FormattedMessage id="vr.recommendation" />
                  </strong>{' '}
                  {r.recommendation}
                </p>
                {r.response ? (
                  <p className="vr-finding__response">
                    <strong>
                      <FormattedMessage id="vr.response" />
                    </strong>{' '}
                    {t(responseStatusLabel[r.response.status])}: {r.response.response}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Part>

      {v.earlierRecommendations.length ? (
        <Part n={++part} title="vr.earlier">
          <table className="vr-table">
            <colgroup>
              <col />
              <col className="vr-c-rating" />
              <col className="vr-c-kind" />
            </colgroup>
            <ColumnHeads columns={[{ label: 'vr.recommendation' }, { label: 'vis.fd.due' }, { label: 'vr.status' }]} />
            <tbody>
              {v.earlierRecommendations.map((r) => (
                <tr key={r.recommendationId}>
                  <td>
                    <strong>{r.title}</strong> — {r.recommendation}
                  </td>
                  <td>{formatDate(r.dueDate)}</td>
                  <td>
                    {t(recStateLabel[r.state])}
                    {r.implementation ? ` (${t(implementationLabel[r.implementation])})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Part>
      ) : null}

      <div className="vr-sign">
        <div>
          <span className="vr-sign__line" />
          <span className="vr-sign__label">
            <FormattedMessage id="vr.signHead" />
          </span>
          {v.team.find((m) => m.role === 'head') ? <span className="vr-sign__name">{v.team.find((m) => m.role === 'head')!.name}</span> : null}
        </div>
        <div>
          <span className="vr-sign__line" />
          <span className="vr-sign__label">
            <FormattedMessage id="vr.signDate" />
          </span>
        </div>
      </div>

      <footer className="vr-foot">
        <FormattedMessage id="vr.footer" values={{ id: v.visitId, time: formatInstant(new Date(), zone) }} />
      </footer>
    </article>
  );
}
