import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { sexes } from '../../../../core/person';
import { api } from '../../../api';
import { ColumnHeads } from '../../../components/ColumnHeads';
import { ContractForm } from '../../../components/ContractForm';
import { FDate, FNumber, FSelect, FText, FTextArea } from '../../../components/form-fields';
import { PageTitle } from '../../../components/PageTitle';
import { num, opt } from '../../../contract-form';
import { formatDate, todayIn } from '../../../datetime';
import { useListFormat, useLocale, useTimeZone } from '../../../i18n';
import { countryOptions } from '../../../places';
import { sexLabel } from '../../../register-labels';
import { circumstanceLabel, keysOf, lines, recordKindLabel } from './labels';
import { BackToInquiries, QueryList } from './bits';
import '../hq.css';
import './tracing.css';

interface Values {
  kind: string;
  names: string;
  sex: string;
  ageMin: string;
  ageMax: string;
  nationality: string;
  description: string;
  photoRef: string;
  foundPlace: string;
  foundOn: string;
  circumstance: string;
  facilityName: string;
}

/**
 * Records of persons whose identity is unknown and of deaths in custody or at the border (issue #14 §3):
 * each later inquiry is matched against them. Opening the list is audited.
 */
export function Records() {
  const intl = useIntl();
  const list = useListFormat();
  const { locale } = useLocale();
  const zone = useTimeZone();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const records = useQuery({ queryKey: ['tracing', 'records'], queryFn: () => api.tracing.records({}) });
  return (
    <>
      <BackToInquiries />
      <PageTitle id="tracing.records.title">
        <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
          <FormattedMessage id="tracing.records.new" />
        </button>
      </PageTitle>
      <p className="lead hq-lead">
        <FormattedMessage id="tracing.records.intro" />
      </p>
      {adding ? (
        <ContractForm
          method="tracing.recordFound"
          title="tracing.record.form"
          testId="tracing-record"
          defaults={{
            kind: 'unidentified',
            names: '',
            sex: 'unknown',
            ageMin: '',
            ageMax: '',
            nationality: '',
            description: '',
            photoRef: '',
            foundPlace: '',
            foundOn: todayIn(zone),
            circumstance: '',
            facilityName: '',
          }}
          toInput={(v: Values) => ({
            kind: v.kind as 'unidentified' | 'death',
            names: lines(v.names),
            sex: v.sex as never,
            ageMin: num(v.ageMin),
            ageMax: num(v.ageMax),
            nationality: opt(v.nationality),
            description: v.description,
            photoRef: opt(v.photoRef),
            foundPlace: v.foundPlace,
            foundOn: v.foundOn,
            circumstance: (opt(v.circumstance) as never) ?? undefined,
            facilityName: opt(v.facilityName),
          })}
          onDone={async () => {
            setAdding(false);
            await queryClient.invalidateQueries({ queryKey: ['tracing'] });
          }}
          onCancel={() => setAdding(false)}
          submitLabel="tracing.record.submit"
        >
          <div className="form-grid">
            <FSelect
              name="kind"
              label="tracing.record.field.kind"
              placeholder={false}
              keys={[
                { value: 'unidentified', label: 'tracing.kind.unidentified' },
                { value: 'death', label: 'tracing.kind.death' },
              ]}
            />
            <FSelect name="circumstance" label="tracing.record.field.circumstance" keys={keysOf(circumstanceLabel)} />
            <FSelect name="sex" label="tracing.record.field.sex" placeholder={false} keys={sexes.map((s) => ({ value: s, label: sexLabel[s] }))} />
            <FNumber name="ageMin" label="tracing.record.field.ageMin" min={0} max={120} />
            <FNumber name="ageMax" label="tracing.record.field.ageMax" min={0} max={120} />
            <FSelect name="nationality" label="tracing.record.field.nationality" options={countryOptions(locale)} />
            <FText name="foundPlace" label="tracing.record.field.foundPlace" />
            <FDate name="foundOn" label="tracing.record.field.foundOn" />
            <FText name="facilityName" label="tracing.record.field.facilityName" hint={<FormattedMessage id="tracing.optional" />} />
            <FText name="photoRef" label="tracing.record.field.photoRef" hint={<FormattedMessage id="tracing.optional" />} />
          </div>
          <FTextArea name="names" label="tracing.record.field.names" rows={2} />
          <FTextArea name="description" label="tracing.record.field.description" rows={3} />
        </ContractForm>
      ) : null}
      <QueryList query={records} empty="tracing.records.empty">
        {(items) => (
          <table className="table" data-testid="tracing-records">
            <ColumnHeads columns={[{ label: 'tracing.records.col.kind' }, { label: 'tracing.records.col.description' }, { label: 'tracing.records.col.found' }]} />
            <tbody>
              {items.map((r) => (
                <tr key={r.recordId}>
                  <th scope="row">
                    <FormattedMessage id={recordKindLabel[r.kind]} />
                    {r.circumstance ? (
                      <>
                        {' '}
                        (<FormattedMessage id={circumstanceLabel[r.circumstance]} />)
                      </>
                    ) : null}
                    {r.names.length ? <div>{list(r.names)}</div> : null}
                  </th>
                  <td>
                    {[intl.formatMessage({ id: sexLabel[r.sex] }), r.ageMin !== null || r.ageMax !== null ? `${r.ageMin ?? '?'}–${r.ageMax ?? '?'}` : null, r.description].filter(Boolean).join(' · ')}
                    {r.photoRef ? (
                      <div className="small muted">
                        <FormattedMessage id="tracing.record.photo" values={{ ref: r.photoRef }} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <FormattedMessage id="tracing.record.found" values={{ place: r.foundPlace, date: formatDate(r.foundOn) }} />
                    {r.facilityName ? <div className="small muted">{r.facilityName}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryList>
    </>
  );
}
