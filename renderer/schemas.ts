import { z } from 'zod';
import { contract } from '../core/contract';

/**
 * Form schemas are the contract's input schemas plus what only a person at a keyboard needs (typing a
 * new password twice). The extra field is removed before the call.
 */
const samePassword = (password: unknown, repeat: unknown) => typeof password !== 'string' || password === repeat;

// `when` lets the comparison run even while other fields are still wrong, so every problem shows at once.
const always = { when: () => true } as const;

export const setupFormSchema = contract.setup.initialize.input.extend({ repeatPassword: z.string() }).refine((v) => samePassword(v?.admin?.password, v?.repeatPassword), {
  path: ['repeatPassword'],
  message: 'error.field.passwordMismatch',
  ...always,
});

export const loginFormSchema = contract.auth.login.input;

export const newUserFormSchema = contract.users.create.input.extend({ repeatPassword: z.string() }).refine((v) => samePassword(v?.password, v?.repeatPassword), {
  path: ['repeatPassword'],
  message: 'error.field.passwordMismatch',
  ...always,
});
