import { useIntl } from 'react-intl';
import type { AdmissionStatus, RightsDelayReason } from '../../core/admission-status';
import type { MessageKey } from '../../core/i18n';
import { stateLabel } from '../register-labels';
import '../styles/admission.css';

/**
 * The words for where a detention stands, from the one derived status (core/admission-status.ts):
 * the person page, the register, the safeguards panel and the due-now board all say it through here,
 * so one never says "Held" while another says the admission is not final (issue #11 §3).
 */

export const rightsDelayLabel: Record<RightsDelayReason, MessageKey> = {
  no_interpreter: 'rightsDelay.no_interpreter',
  not_fit: 'rightsDelay.not_fit',
  other: 'rightsDelay.other',
};

export function useAdmissionText() {
  const intl = useIntl();
  return (a: AdmissionStatus): string => {
    const state = intl.formatMessage({ id: stateLabel[a.state] });
    if (!a.qualified) return state;
    if (a.gate === 'delay_explained' && a.delayReason) {
      return intl.formatMessage({ id: 'status.delayExplained' }, { state, reason: intl.formatMessage({ id: rightsDelayLabel[a.delayReason] }) });
    }
    return intl.formatMessage({ id: 'status.rightsPending' }, { state });
  };
}

/** The state badge; a qualified one is styled as needing attention, and says why in words. */
export function AdmissionBadge({ admission, testId }: { admission: AdmissionStatus; testId?: string }) {
  const text = useAdmissionText();
  const tone = admission.qualified ? (admission.gate === 'rights_pending' ? ' state--rights-pending' : ' state--rights-delayed') : '';
  return (
    <span className={`state state--${admission.state}${tone}`} data-testid={testId}>
      {text(admission)}
    </span>
  );
}

/** What a due-now rights item adds: why the admission is still open. */
export function AdmissionReason({ admission }: { admission: AdmissionStatus }) {
  const intl = useIntl();
  if (admission.gate === 'final' || admission.state === 'CLOSED') return null;
  return (
    <span className={`due-item__reason due-item__reason--${admission.gate}`}>
      {admission.gate === 'delay_explained' && admission.delayReason
        ? intl.formatMessage({ id: 'due.rightsDelayed' }, { reason: intl.formatMessage({ id: rightsDelayLabel[admission.delayReason] }) })
        : intl.formatMessage({ id: 'due.rightsPending' })}
    </span>
  );
}
