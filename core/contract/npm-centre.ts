import { z } from 'zod';
import { isoDate } from '../fields';
import { authorityResponseSchema } from '../npm/visit';
import { needs } from '../permissions';
import { id, ok } from './common';
import { method } from './method';
import { file, fileContent, orgRotationView, recommendationView } from './npm';

/** The centre's side of the ombudsman's visits: its identity, the register extract, recommendations received and responses sent. */
export const npmCentreContract = {
  npmCentre: {
    status: method({
      input: z.object({}).strict(),
      output: z.object({
        trustedOmbudsman: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }).nullable(),
        /** the key this device signs its files for the office with, and when it last changed */
        fileKey: z.object({ fingerprint: z.string(), rotatedAt: z.string().nullable() }),
      }),
      access: needs('npm.respond'),
    }),
    /** This centre's public identity file, for the ombudsman office to check its extracts and responses. */
    identity: method({ input: z.object({}).strict(), output: file, access: needs('npm.respond') }),
    trustOmbudsman: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }),
      access: needs('settings.manage'),
    }),
    /** What an office key rotation file says, checked against the trusted key; nothing changes (docs/npm.md#key-rotation). */
    readKeyRotation: method({ input: z.object({ content: fileContent }).strict(), output: orgRotationView, access: needs('settings.manage') }),
    /** Trusts the office's new key on a statement signed by the key trusted now; refused otherwise, changing nothing. */
    acceptKeyRotation: method({
      input: z.object({ content: fileContent }).strict(),
      output: orgRotationView,
      access: needs('settings.manage'),
      audit: { kind: 'change', entityType: 'oversight', entityId: (_i, o) => o?.organisationId ?? null },
    }),
    /** A new key for this device's files to the office, with the statement (signed by the old key) the office accepts. */
    rotateKey: method({
      input: z.object({}).strict(),
      output: file.extend({ oldFingerprint: z.string(), newFingerprint: z.string() }),
      access: needs('settings.manage'),
    }),
    /** Everyone held in the period with the state of each safeguard, signed by this device. */
    exportExtract: method({
      input: z
        .object({ from: isoDate, to: isoDate })
        .strict()
        .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] }),
      output: file.extend({ persons: z.number().int() }),
      access: needs('npm.respond'),
      audit: { kind: 'read', entityType: 'register_extract', entityId: (i) => `${i.from}..${i.to}` },
    }),
    importRecommendations: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ visitId: z.string(), recommendations: z.number().int(), alreadyHeld: z.boolean() }),
      access: needs('npm.respond'),
      audit: { kind: 'change', entityType: 'npm_recommendations', entityId: (_i, o) => o?.visitId ?? null },
    }),
    recommendations: method({
      input: z.object({}).strict(),
      output: z.object({ recommendations: z.array(recommendationView) }),
      access: needs('npm.respond'),
    }),
    respond: method({
      input: z.object({ recommendationId: id, response: authorityResponseSchema }).strict(),
      output: ok,
      access: needs('npm.respond'),
      audit: { kind: 'change', entityType: 'npm_recommendation', entityId: (i) => i.recommendationId },
    }),
    exportResponses: method({
      input: z.object({ visitId: id }).strict(),
      output: file,
      access: needs('npm.respond'),
    }),
  },
};
