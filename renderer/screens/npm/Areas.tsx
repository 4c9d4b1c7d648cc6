import { useFormContext, type FieldError } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { defaultChecklistAreas, observationRatings, visitAcceptsFieldwork } from '../../../core/npm/visit';
import { CheckboxGroup } from '../../components/fields';
import { FSelect, FText, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { Nothing, RowToggle, StatusNotice, useRefreshVisit, useRowForm, VisitSection, type Visit } from './common';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { ColumnHeads } from '../../components/ColumnHeads';
import { areaKey, observationSources, ratingLabel, registerKinds, registerLabel, sourceLabel } from './labels';

type Observation = Visit['areas'][number];

/** The latest observation of each area (an area may be revisited; the last word stands). */
function latestByArea(areas: readonly Observation[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const a of [...areas].sort((x, y) => x.at.localeCompare(y.at))) out.set(a.area, a);
  return out;
}

export function AreaName({ area }: { area: string }) {
  const key = areaKey(area);
  return key ? <FormattedMessage id={key} /> : <>{area}</>;
}

export function RatingBadge({ rating }: { rating: Observation['rating'] }) {
  return (
    <span className={`badge npm-rating npm-rating--${rating}`}>
      <FormattedMessage id={ratingLabel[rating]} />
    </span>
  );
}

/**
 * The checklist (SPT assessment tool): every standard area with its rating and what was seen, and the
 * sources that back it. An area the team did not reach says so rather than looking fine.
 */
export function Areas({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const latest = latestByArea(visit.areas);
  const custom = [...latest.keys()].filter((a) => !areaKey(a));
  const rows = [...defaultChecklistAreas, ...custom];
  const open = mayWrite && visitAcceptsFieldwork(visit.state);
  const editing = useRowForm<string>();
  const refresh = useRefreshVisit(visit.visitId);
  const intl = useIntl();
  const done = latest.size;

  return (
    <VisitSection
      title="vis.areas.title"
      count={done}
      testId="areas"
      openLabel="vis.areas.other"
      canOpen={open}
      form={(close) => <AreaForm visitId={visit.visitId} area={null} onDone={() => close('vis.areas.recorded')} onCancel={() => close(null)} refresh={refresh} />}
    >
      {!open && mayWrite ? (
        <p className="muted small">
          <FormattedMessage id="vis.fieldworkClosed" />
        </p>
      ) : null}
      <StatusNotice notice={editing.notice} />
      <ul className="npm-checklist">
        {rows.map((area) => {
          const o = latest.get(area);
          return (
            <li key={area} className={`npm-checklist__row${o ? ` npm-checklist__row--${o.rating}` : ''}`} data-testid={`area-${area}`}>
              <div className="npm-checklist__head">
                <span className="npm-checklist__name">
                  <AreaName area={area} />
                </span>
                {o ? <RatingBadge rating={o.rating} /> : <Nothing id="vis.areas.notYet" />}
                {o && o.sources.length ? <span className="muted small">{o.sources.map((s) => intl.formatMessage({ id: sourceLabel[s] })).join(', ')}</span> : null}
                <span className="npm-checklist__end">
                  {o ? (
                    <span className="muted small">
                      <Instant value={o.at} />
                    </span>
                  ) : null}
                  {open ? (
                    <RowToggle
                      pressed={editing.isPicked(area)}
                      label={o ? 'vis.areas.update' : 'vis.areas.record'}
                      ariaLabel={intl.formatMessage({ id: o ? 'vis.areas.updateArea' : 'vis.areas.recordArea' }, { area: areaKey(area) ? intl.formatMessage({ id: areaKey(area)! }) : area })}
                      onClick={() => editing.toggle(area)}
                    />
                  ) : null}
                </span>
              </div>
              {o?.note ? <p className="npm-checklist__note">{o.note}</p> : null}
              {editing.isPicked(area) ? (
                <AreaForm visitId={visit.visitId} area={area} current={o} refresh={refresh} onDone={() => editing.done(area, 'vis.areas.recorded')} onCancel={editing.cancel} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </VisitSection>
  );
}

interface AreaValues {
  observation: { area: string; rating: string; note: string; sources: string[] };
}

function AreaForm({
  visitId,
  area,
  current,
  refresh,
  onDone,
  onCancel,
}: {
  visitId: string;
  area: string | null;
  current?: Observation | undefined;
  refresh(): Promise<unknown>;
  onDone(): void;
  onCancel(): void;
}) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmVisits.recordArea"
      title={area ? 'vis.areas.formTitle' : 'vis.areas.other'}
      defaults={{ observation: { area: area ?? '', rating: current?.rating ?? '', note: current?.note ?? '', sources: current?.sources ?? [] } }}
      toInput={(v: AreaValues) => ({
        visitId,
        at: iso(now),
        observation: { area: v.observation.area, rating: v.observation.rating || undefined, note: opt(v.observation.note), sources: v.observation.sources || [] },
      })}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.areas.save"
    >
      <AreaFields named={area !== null} />
    </ContractForm>
  );
}

function AreaFields({ named }: { named: boolean }) {
  const { register, formState } = useFormContext<AreaValues>();
  const sourcesError = formState.errors.observation?.sources as FieldError | undefined;
  return (
    <>
      <div className="form-grid">
        {named ? null : <FText name="observation.area" label="vis.areas.name" />}
        <FSelect name="observation.rating" label="vis.areas.rating" keys={observationRatings.map((r) => ({ value: r, label: ratingLabel[r] }))} />
        <FTextArea name="observation.note" label="vis.areas.note" rows={3} />
      </div>
      <CheckboxGroup legend="vis.areas.sources" registration={register('observation.sources')} error={sourcesError} options={observationSources.map((s) => ({ value: s, label: sourceLabel[s] }))} />
    </>
  );
}

type Check = Visit['registerChecks'][number];

/** Which registers the team asked to see (OPCAT Art. 20(a,b)), and what it noted in each. */
export function Registers({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const refresh = useRefreshVisit(visit.visitId);
  const open = mayWrite && visitAcceptsFieldwork(visit.state);
  return (
    <VisitSection
      title="vis.registers.title"
      count={visit.registerChecks.length}
      testId="registers"
      openLabel="vis.registers.add"
      canOpen={open}
      form={(close) => <RegisterForm visitId={visit.visitId} refresh={refresh} onDone={() => close('vis.registers.recorded')} onCancel={() => close(null)} />}
    >
      {visit.registerChecks.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.registers.empty" />
        </p>
      ) : (
        <table className="table table--dense">
          <ColumnHeads columns={[{ label: 'vis.registers.register' }, { label: 'vis.registers.note' }, { label: 'vis.col.at' }]} />
          <tbody>
            {visit.registerChecks.map((c: Check, i) => (
              <tr key={i}>
                <td>
                  <FormattedMessage id={registerLabel[c.register]} />
                </td>
                <td>{c.note || <Nothing />}</td>
                <td className="nowrap">
                  <Instant value={c.at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </VisitSection>
  );
}

function RegisterForm({ visitId, refresh, onDone, onCancel }: { visitId: string; refresh(): Promise<unknown>; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmVisits.recordRegisterCheck"
      grid
      title="vis.registers.add"
      defaults={{ check: { register: '', note: '' } }}
      toInput={(v: { check: { register: string; note: string } }) => ({ visitId, at: iso(now), check: { register: v.check.register || undefined, note: opt(v.check.note) } })}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.registers.save"
    >
      <FSelect name="check.register" label="vis.registers.register" keys={registerKinds.map((r) => ({ value: r, label: registerLabel[r] }))} />
      <FTextArea name="check.note" label="vis.registers.note" rows={2} />
    </ContractForm>
  );
}
