import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { propertyKinds, propertySources, releaseKinds, retainReasons } from '../../../core/property';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FDateTime, FNumber, FRadios, FSelect, FText, FTextArea } from '../../components/form-fields';
import { num, opt } from '../../contract-form';

/** The forms of the property card (issue #15 §5); each calls one contract method. */

export interface FormProps {
  onDone(): void;
  onCancel(): void;
}

export const kindLabel: Record<(typeof propertyKinds)[number], MessageKey> = { item: 'prop.kind.item', money: 'prop.kind.money' };
export const sourceLabel: Record<(typeof propertySources)[number], MessageKey> = { admission: 'prop.source.admission', later: 'prop.source.later' };
export const releaseKindLabel: Record<(typeof releaseKinds)[number], MessageKey> = {
  returned: 'prop.releaseKind.returned',
  handed_over: 'prop.releaseKind.handed_over',
  retained: 'prop.releaseKind.retained',
};
export const retainLabel: Record<(typeof retainReasons)[number], MessageKey> = {
  evidence: 'prop.retain.evidence',
  person_escaped: 'prop.retain.person_escaped',
  person_died: 'prop.retain.person_died',
  left_without: 'prop.retain.left_without',
  not_received: 'prop.retain.not_received',
  other: 'prop.retain.other',
};
const ackKinds = ['signature', 'mark', 'refused'] as const;
export const ackLabel: Record<(typeof ackKinds)[number], MessageKey> = { signature: 'sg.ack.signature', mark: 'sg.ack.mark', refused: 'sg.ack.refused' };

/** The acknowledgement as the card and the receipt word it. */
export const ackWord: Record<'signature' | 'mark', MessageKey> = { signature: 'prop.ack.signature', mark: 'prop.ack.mark' };

const under = (prefix: string) => (path: string) => (path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path);
const optional = <FormattedMessage id="disc.optional" />;

/** The person's signature, mark, or a refusal a witness saw, as the contract takes it. */
function acknowledgement(kind: string, witness: string) {
  if (kind === 'refused') return { kind: 'refused' as const, witness };
  if (kind === 'signature' || kind === 'mark') return { kind };
  return undefined;
}

interface AddValues {
  source: string;
  takenAt: string;
  reason: string;
  kind: string;
  description: string;
  quantity: number | undefined;
  amount: string;
  currency: string;
  condition: string;
  storage: string;
  notes: string;
}

export function AddItemsForm({ episodeId, onDone, onCancel }: FormProps & { episodeId: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm<AddValues, 'property.recordItems'>
      method="property.recordItems"
      look="inset"
      title="prop.form.add"
      testId="property-add-form"
      defaults={{ source: 'admission', takenAt: now, reason: '', kind: 'item', description: '', quantity: 1, amount: '', currency: '', condition: '', storage: '', notes: '' }}
      toInput={(v) => ({
        episodeId,
        record: {
          takenAt: iso(v.takenAt),
          source: opt(v.source) as never,
          reason: opt(v.reason),
          items: [
            {
              kind: opt(v.kind) as never,
              description: v.description,
              quantity: num(v.quantity),
              amount: opt(v.amount),
              currency: opt(v.currency),
              condition: opt(v.condition),
              storage: opt(v.storage),
              notes: opt(v.notes),
            },
          ],
        },
      })}
      toFormPath={(p) => under('record')(p).replace(/^items\.0\./, '')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="prop.submit.add"
    >
      <div className="form-grid">
        <FRadios name="source" legend="prop.field.source" options={propertySources.map((s) => ({ value: s, label: sourceLabel[s] }))} />
        <FDateTime name="takenAt" label="prop.field.takenAt" />
        <FText name="reason" label="prop.field.reason" hint={optional} />
        <FRadios name="kind" legend="prop.field.kind" options={propertyKinds.map((k) => ({ value: k, label: kindLabel[k] }))} />
        <FText name="description" label="prop.field.description" />
        <FNumber name="quantity" label="prop.field.quantity" min={1} max={100000} />
        <FText name="amount" label="prop.field.amount" hint={optional} />
        <FText name="currency" label="prop.field.currency" hint={optional} />
        <FText name="condition" label="prop.field.condition" hint={optional} />
        <FText name="storage" label="prop.field.storage" hint={optional} />
      </div>
      <FTextArea name="notes" label="prop.field.notes" hint={optional} />
    </ContractForm>
  );
}

export function AckForm({ episodeId, language, onDone, onCancel }: FormProps & { episodeId: string; language: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="property.acknowledge"
      look="inset"
      title="prop.form.ack"
      testId="property-ack-form"
      intro={<FormattedMessage id="prop.form.ack.intro" />}
      defaults={{ at: now, how: 'signature', witness: '', language, interpreterName: '' }}
      toInput={(v: { at: string; how: string; witness: string; language: string; interpreterName: string }) => ({
        episodeId,
        acknowledgement: { at: iso(v.at), acknowledgement: acknowledgement(v.how, v.witness) as never, language: v.language, interpreterName: opt(v.interpreterName) },
      })}
      toFormPath={(p) => under('acknowledgement')(p).replace(/^acknowledgement\.witness$/, 'witness')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="prop.submit.ack"
    >
      <div className="form-grid">
        <FDateTime name="at" label="prop.field.ackAt" />
        <FRadios name="how" legend="prop.field.ackKind" options={ackKinds.map((k) => ({ value: k, label: ackLabel[k] }))} />
        <FText name="witness" label="prop.field.witness" hint={optional} />
        <FText name="language" label="prop.field.language" />
        <FText name="interpreterName" label="prop.field.interpreterName" hint={optional} />
      </div>
    </ContractForm>
  );
}

interface ReleaseValues {
  at: string;
  kind: string;
  how: string;
  witness: string;
  to: string;
  retainReason: string;
  note: string;
}

export function ReleaseForm({ episodeId, itemIds, names, onDone, onCancel }: FormProps & { episodeId: string; itemIds: readonly string[]; names: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm<ReleaseValues, 'property.release'>
      method="property.release"
      look="inset"
      title="prop.form.release"
      testId="property-release-form"
      intro={<FormattedMessage id="prop.form.release.items" values={{ items: names }} />}
      defaults={{ at: now, kind: 'returned', how: 'signature', witness: '', to: '', retainReason: '', note: '' }}
      toInput={(v) => ({
        episodeId,
        itemIds: [...itemIds],
        release: {
          at: iso(v.at),
          kind: opt(v.kind) as never,
          acknowledgement: v.kind === 'retained' ? undefined : acknowledgement(v.how, v.witness),
          to: opt(v.to),
          retainReason: v.kind === 'retained' ? opt(v.retainReason) : undefined,
          note: opt(v.note),
        },
      })}
      toFormPath={(p) =>
        under('release')(p)
          .replace(/^acknowledgement\.witness$/, 'witness')
          .replace(/^acknowledgement$/, 'how')
      }
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="prop.submit.release"
    >
      <FRadios name="kind" legend="prop.field.releaseKind" options={releaseKinds.map((k) => ({ value: k, label: releaseKindLabel[k] }))} />
      <div className="form-grid">
        <FDateTime name="at" label="prop.field.releaseAt" />
        <FRadios name="how" legend="prop.field.releaseAck" options={ackKinds.map((k) => ({ value: k, label: ackLabel[k] }))} />
        <FText name="witness" label="prop.field.witness" hint={optional} />
        <FText name="to" label="prop.field.to" hint={optional} />
        <FSelect name="retainReason" label="prop.field.retainReason" keys={retainReasons.map((r) => ({ value: r, label: retainLabel[r] }))} />
      </div>
      <FTextArea name="note" label="prop.field.note" hint={optional} />
    </ContractForm>
  );
}
