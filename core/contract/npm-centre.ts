import { z } from 'zod';
import { isoDate } from '../fields';
import { authorityResponseSchema } from '../npm/visit';
import { needs } from '../permissions';
import { id, ok } from './common';
import { method } from './method';
import { file, fileContent, recommendationView } from './npm';

/** The centre's side of the ombudsman's visits: its identity, the register extract, recommendations received and responses sent. */
export const npmCentreContract = {
  npmCentre: {
    status: method({
      input: z.object({}).strict(),
      output: z.object({ trustedOmbudsman: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }).nullable() }),
      access: needs('npm.respond'),
    }),
    /** This centre's public identity file, for the ombudsman office to check its extracts and responses. */
    identity: method({ input: z.object({}).strict(), output: file, access: needs('npm.respond') }),
    trustOmbudsman: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }),
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
