import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { Role } from '../../../core/permissions';
import { CheckboxGroup } from '../../components/fields';
import { roleLabel } from '../../labels';

/** The roles of an account, offering only those this facility's kind allows: one field for creating and for changing roles. */
export function RolesField({ registration, error, offered }: { registration: UseFormRegisterReturn; error: FieldError | undefined; offered: readonly Role[] }) {
  return (
    <CheckboxGroup legend="user.roles" hint={<FormattedMessage id="users.rolesHint" />} registration={registration} error={error} options={offered.map((r) => ({ value: r, label: roleLabel[r] }))} />
  );
}
