import { z } from 'zod';
import { isoDate, isoInstant, text } from '../fields';
import { authorityResponseSchema, findingSchema } from './visit';

/**
 * Files that cross between the two trust domains on a USB stick or by e-mail (OPCAT Art. 20): a
 * centre's register extract for a visiting team, the office's recommendations for the centre, and the
 * centre's responses. Each is a signed envelope around canonical JSON; the receiver checks the
 * signature against a key it already trusts, never against a key the file brings with it.
 */

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/=]+$/)
  .max(200);

export const signedFileKinds = [
  'qeyd-register-extract',
  'qeyd-npm-recommendations',
  'qeyd-npm-responses',
  'qeyd-facility-identity',
  'qeyd-npm-identity',
  // a key rotation statement (core/npm/key-rotation.ts), signed by the old key
  'qeyd-npm-key-rotation',
  'qeyd-facility-key-rotation',
] as const;

/** The envelope: `body` is canonical JSON text, exactly the bytes that were signed. */
export const signedFileSchema = z
  .object({
    format: z.enum(signedFileKinds),
    version: z.literal(1),
    /** who signed: a centre device key or the office's organisation signing key */
    signer: z.object({ kind: z.enum(['device', 'organisation']), id: text(100), publicKey: base64 }).strict(),
    body: z.string().min(2).max(5_000_000),
    signature: base64,
  })
  .strict();
export type SignedFile = z.infer<typeof signedFileSchema>;

/** A centre's public identity, handed to the ombudsman office once (so later files can be checked). */
export const facilityIdentityBody = z
  .object({
    installationId: text(100),
    facilityName: text(200),
    deviceId: text(100),
    deviceName: text(100),
    publicKey: base64,
    issuedAt: isoInstant,
  })
  .strict();

/** The ombudsman office's public identity, handed to centres once. */
export const npmIdentityBody = z
  .object({
    organisationId: text(100),
    name: text(200),
    signingPublicKey: base64,
    issuedAt: isoInstant,
  })
  .strict();

export const extractSafeguards = z
  .object({
    rightsNotifiedAt: z.string().nullable(),
    rightsLanguage: z.string().nullable(),
    consularState: z.string().nullable(),
    consularSentAt: z.string().nullable(),
    defenderContactAt: z.string().nullable(),
    legalAidWaived: z.boolean(),
    medicalCheckAt: z.string().nullable(),
    screenedAt: z.string().nullable(),
    interpreterUsed: z.boolean(),
  })
  .strict();

const when = z.string().max(40);
const word = z.string().max(60);

/**
 * What happened during the stay in the extract's period (issue #15 §7): the contacts refused, requests and
 * complaints with their answers, appeals against detention, disciplinary measures and injuries — what a
 * visiting team looks at first (OPCAT Art. 20; docs/domain.md §6). Injuries name the body region and the
 * reports, never the doctor's finding or the person's account: the team asks the doctor, with consent.
 * A complaint about staff carries its subject only if whoever made the extract may read it
 * (core/complaints.ts mayReadComplaint); otherwise the team sees that it exists and asks.
 */
export const extractStaySchema = z
  .object({
    contactsRefused: z.array(z.object({ at: when, kind: word, category: word.nullable(), basis: word.nullable(), reason: z.string().max(2000) }).strict()).max(200),
    complaints: z
      .array(
        z
          .object({
            receivedAt: when,
            kind: word,
            addressee: word,
            category: word,
            subject: z.string().max(4000).nullable(),
            aboutStaff: z.boolean(),
            forwardedAt: when.nullable(),
            answeredAt: when.nullable(),
          })
          .strict(),
      )
      .max(200),
    appeals: z.array(z.object({ filedAt: when, decision: word, court: z.string().max(300), outcome: word.nullable(), outcomeAt: when.nullable() }).strict()).max(50),
    discipline: z
      .array(
        z
          .object({
            detectedAt: when,
            breach: z.string().max(4000),
            heard: z.boolean(),
            measure: word.nullable(),
            decidedAt: when.nullable(),
            startsOn: when.nullable(),
            endsOn: when.nullable(),
            appealOutcome: word.nullable(),
            status: word,
          })
          .strict(),
      )
      .max(100),
    injuries: z.array(z.object({ examinedAt: when, region: word, seenAtAdmission: z.boolean(), reportedTo: z.array(word).max(5) }).strict()).max(100),
  })
  .strict();
export type ExtractStay = z.infer<typeof extractStaySchema>;

export const extractPersonSchema = z
  .object({
    personId: text(100),
    episodeId: text(100),
    registerNo: z.string().max(40),
    nameLatin: z.string().max(300),
    nameOriginal: z.string().max(300),
    nationalities: z.array(z.string().max(3)).max(10),
    sex: z.string().max(20),
    birthYear: z.number().int().nullable(),
    apprehendedAt: z.string().nullable(),
    admittedAt: z.string().nullable(),
    state: z.string().max(40),
    termEnd: z.string().nullable(),
    releasedAt: z.string().nullable(),
    safeguards: extractSafeguards,
    /** obligations overdue when the extract was made (core/due-now kinds) */
    overdue: z.array(z.object({ kind: z.string().max(60), dueAt: z.string() }).strict()).max(50),
    /** absent from extracts made before issue #15 */
    stay: extractStaySchema.optional(),
  })
  .strict();
export type ExtractPerson = z.infer<typeof extractPersonSchema>;

/** Everyone held in the period, with the state of each safeguard: the register the team checks. */
export const registerExtractBody = z
  .object({
    extractId: z.uuid(),
    installationId: text(100),
    facilityName: text(200),
    from: isoDate,
    to: isoDate,
    generatedAt: isoInstant,
    generatedBy: text(200),
    persons: z.array(extractPersonSchema).max(20_000),
  })
  .strict();
export type RegisterExtract = z.infer<typeof registerExtractBody>;

/** Recommendations as sent to the facility: no interview content, no pseudonyms, nothing sealed. */
export const recommendationsBody = z
  .object({
    organisationId: text(100),
    organisationName: text(200),
    visitId: text(100),
    /** the facility they are addressed to: its installation id from its identity file */
    installationId: text(100),
    facilityName: text(200),
    visitedFrom: isoDate,
    visitedTo: isoDate,
    issuedAt: isoInstant,
    recommendations: z
      .array(findingSchema.safeExtend({ recommendationId: text(100), dueDate: isoDate }))
      .min(1)
      .max(500),
  })
  .strict();
export type RecommendationsFile = z.infer<typeof recommendationsBody>;

export const responsesBody = z
  .object({
    installationId: text(100),
    facilityName: text(200),
    organisationId: text(100),
    visitId: text(100),
    generatedAt: isoInstant,
    responses: z
      .array(z.object({ recommendationId: text(100), response: authorityResponseSchema }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type ResponsesFile = z.infer<typeof responsesBody>;

/** What the team finds when it lays the extract beside what it saw and heard. */
export const discrepancyKinds = ['met_not_in_register', 'safeguard_disputed', 'overdue_deadline', 'held_past_term'] as const;
export const discrepancySchema = z.object({
  kind: z.enum(discrepancyKinds),
  /** the interview's pseudonym (never a name) or the register number */
  subject: z.string(),
  /** e.g. the safeguard disputed or the obligation overdue */
  detail: z.string().nullable(),
  interviewId: z.string().nullable(),
  personId: z.string().nullable(),
});
export type Discrepancy = z.infer<typeof discrepancySchema>;
