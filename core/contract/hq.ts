import { z } from 'zod';
import { isoDate } from '../fields';
import { needs } from '../permissions';
import { everywhere, method } from './method';

/**
 * The HQ console: the cross-facility views HQ staff need (docs/architecture.md §6). These methods answer only
 * in the console installation that the HQ server runs beside its event store (hq/console); a centre's
 * device refuses them with `error.hq.only`.
 */

export const hqDeviceView = z.object({
  deviceId: z.string(),
  name: z.string(),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  /** why HQ revoked it, and who (issue #13 §1) */
  revokedReason: z.string().nullable(),
  revokedBy: z.string().nullable(),
  /** the last authenticated request from the device */
  lastSeenAt: z.string().nullable(),
  /** the last push HQ committed from it */
  lastPushAt: z.string().nullable(),
  /** events HQ holds from the device (its verified chain head) */
  ackedSeq: z.number().int(),
  /** what the device said was still waiting after its last push; null until it has said */
  pending: z.number().int().nullable(),
  quarantined: z.number().int(),
  /** restored from a backup (issue #13 §4): the latest restore, what it lost, and whether an older copy still calls */
  restore: z.object({ restoredAt: z.string(), incarnation: z.number().int(), lost: z.number().int(), olderCopySeenAt: z.string().nullable() }).nullable(),
});

export const hqFacilityView = z.object({
  facilityId: z.string(),
  name: z.string(),
  kind: z.string(),
  devices: z.array(hqDeviceView),
  /** people in open detention episodes recorded by the facility's devices */
  heldNow: z.number().int(),
});

/** One facility's (or all facilities') safeguard figures over a period of apprehensions. */
export const complianceFigures = z.object({
  /** episodes whose apprehension falls in the period */
  episodes: z.number().int(),
  rightsWithinLimit: z.number().int(),
  rightsLate: z.number().int(),
  rightsMissing: z.number().int(),
  consularSent: z.number().int(),
  consularBlocked: z.number().int(),
  /** ready to send, past the service level and not sent */
  consularOverdue: z.number().int(),
  medianHoursToDefender: z.number().nullable(),
  withoutDefender: z.number().int(),
  /** open episodes today with at least one overdue obligation (not limited to the period) */
  overdueNow: z.number().int(),
  /** children in open episodes today (not limited to the period) */
  childrenHeldNow: z.number().int(),
  heldNow: z.number().int(),
  /** consulates told before the person became a protection case (docs/domain.md §5 rule 3), whatever the period */
  disclosureConflicts: z.number().int(),
  disclosureUnreviewed: z.number().int(),
  /** asylum claims made in the period, by the day the person asked (docs/domain.md §6) */
  asylumRequests: z.number().int(),
  /** people held now whose claim awaits its final decision */
  asylumPendingNow: z.number().int(),
  /** people held now whose removal a non-refoulement lock holds (docs/domain.md §5 rule 4, §6) */
  nonRefoulementHoldsNow: z.number().int(),
  /** episodes in the period whose rights were explained with an unreviewed (draft) letter (issue #11 §7) */
  rightsDraftLetter: z.number().int(),
  /** refused lawyers' and ombudsmen's contacts in the period, by the day of the refusal (issue #15 §1) */
  contactRefusalsLawyer: z.number().int(),
  contactRefusalsOmbudsman: z.number().int(),
  /** of every such refusal on record, those the centre head has not reviewed */
  contactRefusalsUnreviewed: z.number().int(),
});
export type ComplianceFigures = z.infer<typeof complianceFigures>;

export const complianceIssues = [
  'rights_late',
  'rights_missing',
  'consular_blocked',
  'consular_overdue',
  'without_defender',
  'overdue',
  'child',
  'consular_disclosure',
  'asylum_requests',
  'asylum_pending',
  'nonrefoulement_hold',
  'rights_draft_letter',
  'contact_refused',
] as const;
export const complianceIssue = z.enum(complianceIssues);
export type ComplianceIssue = z.infer<typeof complianceIssue>;

/**
 * Why a device is revoked: said to the device on its sync screen and kept in the console's audit log,
 * so a line of plain text, long enough to mean something ("stolen from the duty office car").
 */
export const revocationReason = z
  .string()
  .trim()
  .min(3)
  .max(500)
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'error.hq.revokeReasonLine' });

const period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] });

export const hqContract = {
  hq: {
    facilities: method({
      input: z.object({}).strict(),
      output: z.object({
        facilities: z.array(hqFacilityView),
        /** events stored at HQ, and how many of them the console has not read yet */
        hqEvents: z.number().int(),
        consoleBehind: z.number().int(),
        /** the console's settings fleetStaleAmberHours and fleetStaleRedHours, by which the screen colours each device */
        staleAfterHours: z.object({ amber: z.number(), red: z.number() }),
        asOf: z.string(),
      }),
      access: needs('fleet.read'),
      readsRecords: true,
    }),
    compliance: method({
      input: period,
      output: z.object({
        from: isoDate,
        to: isoDate,
        facilities: z.array(complianceFigures.extend({ facilityId: z.string(), name: z.string() })),
        total: complianceFigures,
        rightsLimitHours: z.number(),
        asOf: z.string(),
      }),
      access: needs('reports.read'),
      readsRecords: true,
    }),
    /**
     * Revokes a lost or retired device: its requests are refused from now on, with the reason, and its
     * facility's bundle key is rotated (docs/sync.md#revocation). HQ's administrators only.
     */
    revokeDevice: method({
      input: z.object({ deviceId: z.uuid(), reason: revocationReason }).strict(),
      output: z.object({ deviceId: z.string(), revokedAt: z.string(), bundleKeyId: z.number().int() }),
      access: needs('devices.revoke'),
      // A change, but of HQ's own devices table, never of a person's record: the console serves it (a
      // device has no fleet and refuses it with error.hq.only, as every hq.* method).
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'device', entityId: (i) => i.deviceId },
    }),
    /** The people behind one figure: names only, each opened through persons.view (audited). */
    cases: method({
      input: z
        .object({
          from: isoDate,
          to: isoDate,
          issue: complianceIssue,
          facilityId: z.string().min(1).max(100).nullable().default(null),
          limit: z.number().int().min(1).max(500).default(200),
        })
        .strict()
        .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] }),
      output: z.object({
        items: z.array(
          z.object({
            personId: z.string(),
            episodeId: z.string(),
            nameLatin: z.string(),
            facilityId: z.string().nullable(),
            facilityName: z.string().nullable(),
            apprehendedAt: z.string(),
            /** hours late, hours to defender, or the obligation kind: what makes this person a case */
            detail: z.string().nullable(),
          }),
        ),
        truncated: z.boolean(),
      }),
      access: needs('reports.read'),
      readsRecords: true,
      audit: { kind: 'read', entityType: 'compliance_cases', entityId: (i) => `${i.issue}:${i.facilityId ?? 'all'}` },
    }),
  },
};
