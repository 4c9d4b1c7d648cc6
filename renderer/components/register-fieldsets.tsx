import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { documentTypes, outcomeTypes, regimes, verificationStatuses } from '../../core/episode';
import { retiredOutcomes } from '../../core/exits';
import { useLocale } from '../i18n';
import { countryOptions } from '../places';
import { documentTypeLabel, outcomeTypeLabel, regimeLabel, verificationLabel } from '../register-labels';
import { FCheckbox, FDate, FDateTime, FNumber, FSelect, FText, FTextArea, Section } from './form-fields';

/**
 * The register book's recurring groups of fields (decision, handover, medical check, property,
 * identity document), shared by the intake wizard and the person page's forms. Each takes the path
 * its values live under, which is also the contract path of its errors.
 */

export const regimeOptions = regimes.map((r) => ({ value: r, label: regimeLabel[r] }));
/**
 * The outcomes a new exit may take (issue #15 §6, core/exits.ts): a hospital stay is no exit, and a death
 * is recorded on the Death in custody card; both still read on older episodes.
 */
export const outcomeOptions = outcomeTypes.filter((o) => !retiredOutcomes.has(o) && o !== 'died').map((o) => ({ value: o, label: outcomeTypeLabel[o] }));

export function DecisionFields({ prefix, title = 'lbl.decision.title' }: { prefix: string; title?: 'lbl.decision.title' | 'lbl.decision.extensionTitle' }) {
  return (
    <Section title={title} hint={<FormattedMessage id="lbl.decision.hint" />}>
      <FText name={`${prefix}.issuingBody`} label="lbl.decision.issuingBody" />
      <FText name={`${prefix}.number`} label="lbl.decision.number" />
      <FText name={`${prefix}.officialPosition`} label="lbl.decision.officialPosition" />
      <FText name={`${prefix}.officialRank`} label="lbl.decision.officialRank" hint={<FormattedMessage id="form.optional" />} />
      <FText name={`${prefix}.officialName`} label="lbl.decision.officialName" />
      <FDate name={`${prefix}.date`} label="lbl.decision.date" />
      <FTextArea name={`${prefix}.basis`} label="lbl.decision.basis" rows={2} />
      <FDateTime name={`${prefix}.termEnd`} label="lbl.decision.termEnd" hint={<FormattedMessage id="lbl.decision.termEndHint" />} />
    </Section>
  );
}

export function HandoverFields({ prefix, title = 'lbl.handover.title' }: { prefix: string; title?: 'lbl.handover.title' | 'lbl.handover.transferTitle' }) {
  return (
    <Section title={title}>
      <FText name={`${prefix}.body`} label="lbl.handover.body" />
      <FText name={`${prefix}.officerName`} label="lbl.handover.officerName" />
      <FText name={`${prefix}.officerPosition`} label="lbl.handover.officerPosition" />
      <FText name={`${prefix}.officerRank`} label="lbl.handover.officerRank" hint={<FormattedMessage id="form.optional" />} />
      <FText name={`${prefix}.serviceId`} label="lbl.handover.serviceId" />
      <FCheckbox name={`${prefix}.signed`} label="lbl.handover.signed" />
    </Section>
  );
}

/** Visible injuries and complaints of ill-treatment are facts to record in the person's words, not to judge. */
export function MedicalFields({ prefix, title = 'lbl.medical.title' }: { prefix: string; title?: 'lbl.medical.title' }) {
  const { control } = useFormContext();
  const injuries = useWatch({ control, name: `${prefix}.visibleInjuries` }) as boolean | undefined;
  const complaint = useWatch({ control, name: `${prefix}.illTreatmentComplaint` }) as boolean | undefined;
  return (
    <Section title={title}>
      <FDateTime name={`${prefix}.at`} label="lbl.medical.at" />
      <FText name={`${prefix}.examiner`} label="lbl.medical.examiner" />
      <div className="field-stack field--wide">
        <FCheckbox name={`${prefix}.visibleInjuries`} label="lbl.medical.visibleInjuries" />
        {injuries ? <FTextArea name={`${prefix}.injuriesDescription`} label="lbl.medical.injuriesDescription" /> : null}
      </div>
      <div className="field-stack field--wide">
        <FCheckbox name={`${prefix}.illTreatmentComplaint`} label="lbl.medical.illTreatmentComplaint" />
        {complaint ? <FTextArea name={`${prefix}.complaintDescription`} label="lbl.medical.complaintDescription" hint={<FormattedMessage id="lbl.medical.complaintHint" />} dir="auto" /> : null}
      </div>
    </Section>
  );
}

export interface PropertyRow {
  item: string;
  quantity: number | undefined;
  notes: string;
}

export function PropertyFields({ name }: { name: string }) {
  const { control } = useFormContext();
  const intl = useIntl();
  const rows = useFieldArray({ control, name });
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">
        <FormattedMessage id="lbl.property.title" />
      </legend>
      {rows.fields.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="lbl.property.empty" />
        </p>
      ) : null}
      <ol className="rows">
        {rows.fields.map((f, i) => (
          <li key={f.id} className="rows__row rows__row--property">
            <FText name={`${name}.${i}.item`} label="lbl.property.item" labelValues={{ n: i + 1 }} />
            <FNumber name={`${name}.${i}.quantity`} label="lbl.property.quantity" min={1} />
            <FText name={`${name}.${i}.notes`} label="lbl.property.notes" />
            <button type="button" className="button button--quiet rows__remove" onClick={() => rows.remove(i)} aria-label={intl.formatMessage({ id: 'form.removeRow' }, { n: i + 1 })}>
              <FormattedMessage id="form.remove" />
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button" onClick={() => rows.append({ item: '', quantity: 1, notes: '' } satisfies PropertyRow, { shouldFocus: true })}>
          <FormattedMessage id="lbl.property.add" />
        </button>
      </div>
    </fieldset>
  );
}

export interface DocumentRow {
  type: string;
  series: string;
  number: string;
  issuingState: string;
  validUntil: string;
  verification: string;
  heldReceipt: string;
}

export const emptyDocument: DocumentRow = { type: 'passport', series: '', number: '', issuingState: '', validUntil: '', verification: 'unverified', heldReceipt: '' };

export const documentTypeOptions = documentTypes.map((t) => ({ value: t, label: documentTypeLabel[t] }));
export const verificationOptions = verificationStatuses.map((v) => ({ value: v, label: verificationLabel[v] }));

export function DocumentFields({ prefix }: { prefix: string }) {
  const { locale } = useLocale();
  return (
    <div className="form-grid">
      <FSelect name={`${prefix}.type`} label="lbl.document.type" keys={documentTypeOptions} placeholder={false} />
      <FSelect name={`${prefix}.issuingState`} label="lbl.document.issuingState" options={countryOptions(locale)} />
      <FText name={`${prefix}.series`} label="lbl.document.series" hint={<FormattedMessage id="form.optional" />} />
      <FText name={`${prefix}.number`} label="lbl.document.number" />
      <FDate name={`${prefix}.validUntil`} label="lbl.document.validUntil" hint={<FormattedMessage id="form.optional" />} />
      <FSelect name={`${prefix}.verification`} label="lbl.document.verification" keys={verificationOptions} placeholder={false} />
      <FText name={`${prefix}.heldReceipt`} label="lbl.document.heldReceipt" hint={<FormattedMessage id="lbl.document.heldReceiptHint" />} />
    </div>
  );
}

/** Form values of a document to the contract's shape ('' means "not given"). */
export function documentInput(d: DocumentRow) {
  const o = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    type: d.type,
    series: o(d.series),
    number: o(d.number),
    issuingState: o(d.issuingState),
    validUntil: o(d.validUntil),
    verification: d.verification || undefined,
    heldReceipt: o(d.heldReceipt),
  };
}

export interface DecisionValues {
  issuingBody: string;
  officialPosition: string;
  officialRank: string;
  officialName: string;
  basis: string;
  date: string;
  number: string;
  termEnd: string;
}

export const emptyDecision: DecisionValues = { issuingBody: '', officialPosition: '', officialRank: '', officialName: '', basis: '', date: '', number: '', termEnd: '' };

export interface HandoverValues {
  body: string;
  officerPosition: string;
  officerRank: string;
  officerName: string;
  serviceId: string;
  signed: boolean;
}

export const emptyHandover: HandoverValues = { body: '', officerPosition: '', officerRank: '', officerName: '', serviceId: '', signed: false };

export interface MedicalValues {
  at: string;
  examiner: string;
  visibleInjuries: boolean;
  injuriesDescription: string;
  illTreatmentComplaint: boolean;
  complaintDescription: string;
}

export const emptyMedical = (at: string): MedicalValues => ({ at, examiner: '', visibleInjuries: false, injuriesDescription: '', illTreatmentComplaint: false, complaintDescription: '' });

export function decisionInput(d: DecisionValues, toIso: (local: string) => string | undefined) {
  const o = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    issuingBody: o(d.issuingBody),
    officialPosition: o(d.officialPosition),
    officialRank: o(d.officialRank),
    officialName: o(d.officialName),
    basis: o(d.basis),
    date: o(d.date),
    number: o(d.number),
    termEnd: toIso(d.termEnd),
  };
}

export function handoverInput(h: HandoverValues) {
  const o = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    body: o(h.body),
    officerPosition: o(h.officerPosition),
    officerRank: o(h.officerRank),
    officerName: o(h.officerName),
    serviceId: o(h.serviceId),
    signed: !!h.signed,
  };
}

export function medicalInput(m: MedicalValues, toIso: (local: string) => string | undefined) {
  const o = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    at: toIso(m.at),
    examiner: o(m.examiner),
    visibleInjuries: !!m.visibleInjuries,
    injuriesDescription: m.visibleInjuries ? o(m.injuriesDescription) : undefined,
    illTreatmentComplaint: !!m.illTreatmentComplaint,
    complaintDescription: m.illTreatmentComplaint ? o(m.complaintDescription) : undefined,
  };
}

export function propertyInput(rows: readonly PropertyRow[]) {
  return rows.map((r) => ({ item: r.item.trim() === '' ? undefined : r.item, quantity: r.quantity ?? 1, notes: r.notes.trim() === '' ? undefined : r.notes }));
}
