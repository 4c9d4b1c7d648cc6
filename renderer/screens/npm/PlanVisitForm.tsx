import { useQuery } from '@tanstack/react-query';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { genders, teamRoles, visitTypes } from '../../../core/npm/visit';
import { api } from '../../api';
import { FCheckbox, FDate, FSelect, FText, FTextArea } from '../../components/form-fields';
import { opt } from '../../contract-form';
import { formatDate, todayIn } from '../../datetime';
import { useTimeZone } from '../../i18n';
import { ContractForm } from '../../components/ContractForm';
import { facilitiesKey } from './Facilities';
import { genderLabel, teamRoleLabel, visitTypeLabel } from './labels';
import { visitsKey } from './Visits';

export interface TeamRow {
  name: string;
  role: string;
  gender: string;
  note: string;
}

interface PlanValues {
  plan: {
    facilityId: string;
    type: string;
    announced: boolean;
    plannedFor: string;
    team: TeamRow[];
    followsVisitId: string;
    purpose: string;
  };
}

const emptyMember: TeamRow = { name: '', role: 'monitor', gender: '', note: '' };

/**
 * Plans a visit to a known centre: who goes (role and gender matter for private interviews and for a
 * doctor's examination), whether the centre is told, and for a follow-up, which visit it checks.
 */
export function PlanVisitForm({ onDone, onCancel }: { onDone(visitId: string): void; onCancel(): void }) {
  const zone = useTimeZone();
  return (
    <ContractForm
      method="npmVisits.plan"
      title="vis.plan.title"
      intro={<FormattedMessage id="vis.plan.intro" />}
      defaults={{
        plan: { facilityId: '', type: 'regular', announced: false, plannedFor: todayIn(zone), team: [{ ...emptyMember, role: 'head' }], followsVisitId: '', purpose: '' },
      }}
      toInput={({ plan: p }: PlanValues) => ({
        plan: {
          facilityId: p.facilityId,
          type: p.type || undefined,
          announced: !!p.announced,
          plannedFor: p.plannedFor,
          team: p.team.map((m) => ({ name: m.name, role: m.role || undefined, gender: m.gender || undefined, note: opt(m.note) })),
          followsVisitId: p.type === 'follow_up' ? opt(p.followsVisitId) : undefined,
          purpose: opt(p.purpose),
        },
      })}
      onDone={({ visitId }) => onDone(visitId)}
      onCancel={onCancel}
      submitLabel="vis.plan.submit"
    >
      <PlanFields />
    </ContractForm>
  );
}

function PlanFields() {
  const intl = useIntl();
  const facilities = useQuery({ queryKey: facilitiesKey, queryFn: () => api.npmFacilities.list() });
  const type = useWatch({ name: 'plan.type' }) as string;
  const facilityId = useWatch({ name: 'plan.facilityId' }) as string;
  const earlier = useQuery({ queryKey: [...visitsKey, ''], queryFn: () => api.npmVisits.list({}), enabled: type === 'follow_up' });
  const followable = (earlier.data?.visits ?? []).filter((v) => v.facilityId === facilityId);
  return (
    <>
      <div className="form-grid">
        <FSelect
          name="plan.facilityId"
          label="vis.plan.facility"
          options={(facilities.data?.facilities ?? []).map((f) => ({ value: f.facilityId, label: f.name }))}
          hint={facilities.data && facilities.data.facilities.length === 0 ? <FormattedMessage id="vis.plan.noFacilities" /> : undefined}
        />
        <FSelect name="plan.type" label="vis.plan.type" keys={visitTypes.map((t) => ({ value: t, label: visitTypeLabel[t] }))} placeholder={false} />
        <FDate name="plan.plannedFor" label="vis.plan.date" />
        <FCheckbox name="plan.announced" label="vis.plan.announced" hint={<FormattedMessage id="vis.plan.announcedHint" />} />
        {type === 'follow_up' ? (
          <FSelect
            name="plan.followsVisitId"
            label="vis.plan.follows"
            options={followable.map((v) => ({
              value: v.visitId,
              label: `${formatDate(v.plannedFor)} — ${intl.formatMessage({ id: visitTypeLabel[v.type] })}`,
            }))}
            hint={facilityId && earlier.data && followable.length === 0 ? <FormattedMessage id="vis.plan.noEarlier" /> : undefined}
          />
        ) : null}
        <FTextArea name="plan.purpose" label="vis.plan.purpose" rows={2} hint={<FormattedMessage id="form.optional" />} />
      </div>
      <TeamFields />
    </>
  );
}

function TeamFields() {
  const { control } = useFormContext();
  const intl = useIntl();
  const rows = useFieldArray({ control, name: 'plan.team' });
  const roleKeys = teamRoles.map((r) => ({ value: r, label: teamRoleLabel[r] }));
  const genderKeys = genders.map((g) => ({ value: g, label: genderLabel[g] }));
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">
        <FormattedMessage id="vis.team.title" />
      </legend>
      <p className="field__hint">
        <FormattedMessage id="vis.team.hint" />
      </p>
      <ol className="rows">
        {rows.fields.map((f, i) => (
          <li key={f.id} className="rows__row npm-team-row">
            <FText name={`plan.team.${i}.name`} label="vis.team.name" labelValues={{ n: i + 1 }} />
            <FSelect name={`plan.team.${i}.role`} label="vis.team.role" keys={roleKeys} placeholder={false} />
            <FSelect name={`plan.team.${i}.gender`} label="vis.team.gender" keys={genderKeys} />
            <FText name={`plan.team.${i}.note`} label="vis.team.note" />
            <button
              type="button"
              className="button button--quiet rows__remove"
              disabled={rows.fields.length === 1}
              onClick={() => rows.remove(i)}
              aria-label={intl.formatMessage({ id: 'vis.team.remove' }, { n: i + 1 })}
            >
              <FormattedMessage id="form.remove" />
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button" onClick={() => rows.append({ ...emptyMember }, { shouldFocus: true })}>
          <FormattedMessage id="vis.team.add" />
        </button>
      </div>
    </fieldset>
  );
}
