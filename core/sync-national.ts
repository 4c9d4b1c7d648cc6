import { z } from 'zod';
import { nationalityCode } from './countries';
import { isoDate } from './fields';
import { personNames } from './person';

/**
 * The national duplicate check (issue #14 §2, docs/sync.md#national-duplicate-check): a device asks HQ
 * whether the person at its intake desk is already recorded at another facility. HQ answers with a
 * minimal card per candidate — facility, register number, names, birth year, current state — and never
 * a protection detail (asylum, trafficking, vulnerabilities, ombudsman visits): whoever reads the card
 * at another centre has no need of them to tell whether it is the same person.
 */

/** Where the person stands now, from their latest episode (core/events episode.* events). */
export const nationalStates = ['registered', 'awaiting_decision', 'held', 'released', 'transferred', 'removed', 'deceased', 'escaped', 'refugee'] as const;
export const nationalState = z.enum(nationalStates);
export type NationalState = z.infer<typeof nationalState>;

/** A record at another facility, as a device names it in a link: the facility and HQ's person id there. */
export const hqPersonRef = z.object({ facilityId: z.string().min(1).max(100), personId: z.uuid() }).strict();
export type HqPersonRef = z.infer<typeof hqPersonRef>;

export const nationalCheckRequest = z
  .object({
    names: personNames,
    birthDate: isoDate.optional(),
    nationalities: z.array(nationalityCode).max(5).default([]),
    /** the device user who asked (their user id on the device), for HQ's audit of lookups */
    askedBy: z.string().min(1).max(100),
    /** the local record being checked again after an offline intake, if any: never returned to itself */
    personId: z.uuid().optional(),
  })
  .strict();
export type NationalCheckRequest = z.input<typeof nationalCheckRequest>;

export const nationalCard = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  personId: z.string(),
  /** as the registering device numbers it: "3F9A-57" (core/register-number.ts) */
  registerNo: z.string(),
  names: z.object({ original: z.string(), latin: z.string(), aliases: z.array(z.string()) }),
  birthYear: z.number().int().nullable(),
  state: nationalState,
  /** when the state began (admission, exit), if known */
  stateSince: z.string().nullable(),
  score: z.number(),
  /** core/name-matching.ts MatchReason: kept open here, so that a reason HQ learns first still parses */
  reasons: z.array(z.string().max(40)).max(20),
  /** records at other facilities already linked to this one as the same person */
  links: z.array(z.object({ facilityId: z.string(), facilityName: z.string(), personId: z.string(), registerNo: z.string() })).max(50),
});
export type NationalCard = z.infer<typeof nationalCard>;

export const nationalCheckResponse = z.object({ candidates: z.array(nationalCard).max(20), checkedAt: z.string() });

/** Lookups a device may make in a minute (HQ refuses more, translated: error.sync.nationalRateLimited). */
export const nationalChecksPerMinute = 30;
/** A candidate this likely raises a task for the registrar when found by a check at sync. */
export const likelyNationalMatch = 0.8;
/** How long the intake waits for HQ before it says "not checked nationally". */
export const nationalCheckTimeoutMs = 3000;
