import { z } from 'zod';

/**
 * Shapes the HQ tracing inquiries (helper C1, core/contract/tracing.ts) and the HQ -> centre channel
 * (core/contract/tracing-centre.ts) share, declared once so the two cannot drift (issue #14 §3).
 *
 * Note for the inquiry screen: the contract assembles one namespace per file, so the centre channel's
 * methods live in the `tracingCentre` namespace: `tracingCentre.askCentre` and `tracingCentre.centreAnswers`
 * (inputs and outputs as fixed for `tracing.askCentre` / `tracing.centreAnswers` in the issue split).
 */

/**
 * Who is looking for the person, as the centre may be told it. Only the category travels to a centre,
 * never the requester's name or contact: the person needs to know "your family" or "the ICRC" to decide,
 * and a centre has no use for the rest (data minimisation, docs/sync.md#tracing-requests-to-a-centre).
 */
export const requesterCategory = z.enum(['family', 'consulate', 'icrc_red_crescent', 'unhcr', 'iom', 'ombudsman', 'court', 'other']);
export type RequesterCategory = z.infer<typeof requesterCategory>;

/**
 * What HQ asks the centre to do: ask the person's consent to disclose their whereabouts to the requester,
 * and/or tell the person who is looking for them (they may refuse contact).
 */
export const tracingRequestKind = z.enum(['consent_to_disclose', 'contact_notice']);
export type TracingRequestKind = z.infer<typeof tracingRequestKind>;

/** A request to a centre as HQ keeps it (hq/sync/tracing-requests.ts) and HQ's console reads it (main/services/tracing-centre.ts). */
export interface CentreRequestRecord {
  requestId: string;
  inquiryId: string;
  facilityId: string;
  personId: string;
  kinds: TracingRequestKind[];
  requesterCategory: RequesterCategory;
  askedAt: string;
  askedBy: string;
}
