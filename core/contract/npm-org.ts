import { z } from 'zod';
import { password, text } from '../fields';
import { needs, signedIn } from '../permissions';
import { ok } from './common';
import { method } from './method';
import { file, fileContent } from './npm';

/** The ombudsman office's organisation: its keys and identity (docs/domain.md §1). */
export const npmOrgContract = {
  npmOrg: {
    status: method({
      input: z.object({}).strict(),
      output: z.object({
        /** the organisation's keys are on this installation (public always, private when it can open) */
        configured: z.boolean(),
        canOpenSealed: z.boolean(),
        organisationId: z.string().nullable(),
        name: z.string().nullable(),
        fingerprint: z.string().nullable(),
        /** keys replaced by rotation, oldest first; their sealing halves still open older notes */
        retiredKeys: z.array(z.object({ fingerprint: z.string(), retiredAt: z.string(), canOpenSealed: z.boolean() })),
        lastRotationAt: z.string().nullable(),
      }),
      /** monitors (visit.read) and the office's administrator (settings.manage), checked in the handler */
      access: signedIn,
    }),
    /** The office's first installation makes the organisation's key pairs (encryption and signing). */
    create: method({ input: z.object({ name: text(200) }).strict(), output: ok, access: needs('settings.manage') }),
    /**
     * The private keys for another team laptop or the office's HQ console, under a passphrase. The
     * administrator's own password is asked again (issue #10 §6), checked against their key slot.
     */
    exportKey: method({
      input: z.object({ currentPassword: z.string().min(1, 'error.field.required').max(256), passphrase: password }).strict(),
      output: file,
      access: needs('settings.manage'),
    }),
    importKey: method({ input: z.object({ content: fileContent, passphrase: z.string().min(1).max(256) }).strict(), output: ok, access: needs('settings.manage') }),
    /**
     * New organisation keys (docs/npm.md#key-rotation): the old sealing key is kept to open older notes,
     * the old signing key signs a statement handing its trust to the new one, for each centre.
     */
    rotateKey: method({
      input: z.object({}).strict(),
      output: file.extend({ oldFingerprint: z.string(), newFingerprint: z.string() }),
      access: needs('settings.manage'),
    }),
    /** The last rotation statement again, for a centre that has not received it yet. */
    rotationFile: method({ input: z.object({}).strict(), output: file, access: signedIn }),
    /** The public identity file a centre installs to check recommendation files. */
    identity: method({ input: z.object({}).strict(), output: file, access: signedIn }),
  },
};
