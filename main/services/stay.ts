import { staySections, stayRecordTypes, type StayFigures, type StaySection, type StaySectionFigures } from '../../core/contract/stay';
import { addCalendarDays, startOfLocalDay } from '../../core/time';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { complaintsFigures } from './complaints';
import { contactsFigures } from './contacts';
import { disciplineFigures } from './discipline';
import { exitsFigures } from './exits';
import { healthFigures } from './health';
import type { HqFleetSource } from './hq-console';
import { facilityOf } from './intake';
import type { ServiceInstallation } from './installation';
import { propertyFigures } from './property';
import { transfersFigures } from './transfers';

/**
 * Keeps what is a count in a section's figures: numbers, and records of numbers (by kind). Whatever else
 * a section returns beside them (its period, say) is not a figure; one level of nesting deeper is read
 * as `outer.inner`, so no section has to be shaped for this screen.
 */
export function countsOf(figures: object): StaySectionFigures {
  const out: StaySectionFigures = {};
  for (const [key, value] of Object.entries(figures)) {
    if (typeof value === 'number') out[key] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner: Record<string, number> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'number') inner[k] = v;
        else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) if (typeof v2 === 'number') inner[`${k}.${k2}`] = v2;
      }
      out[key] = inner;
    }
  }
  return out;
}

/** Each section's own figures, computed by the section (main/services/<section>.ts) over the same store. */
const sectionFigures: Record<StaySection, (store: ReadStore, from: string, to: string, now: number) => object> = {
  contacts: (s, from, to) => contactsFigures(s, from, to),
  complaints: (s, from, to, now) => complaintsFigures(s, from, to, now),
  discipline: (s, from, to) => disciplineFigures(s, from, to),
  property: (s, from, to) => propertyFigures(s, from, to),
  health: (s, from, to) => healthFigures(s, from, to),
  exits: (s, from, to) => exitsFigures(s, from, to),
  transfers: (s, from, to) => transfersFigures(s, from, to),
};

const recordTypes: readonly string[] = staySections.flatMap((s) => stayRecordTypes[s]);

/**
 * Records of each kind made in the period (by the clock of their event, on the facility's local days),
 * by the facility of the device that made them. Every record counts where it was made, corrections and
 * later steps included: this is the feed's view, what reached HQ, not a judgement of it.
 */
export function recordsByDevice(store: ReadStore, from: string, to: string): Map<string, Record<string, number>> {
  const tz = store.settings.timeZone;
  // A clock value begins with its ISO instant, so a period is a range of its text.
  const lo = new Date(startOfLocalDay(from, tz)).toISOString();
  const hi = new Date(startOfLocalDay(addCalendarDays(to, 1), tz)).toISOString();
  const rows = store.q.all(
    store.qb
      .selectFrom('events')
      .select(['device_id', 'type'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', 'in', recordTypes)
      .where('hlc', '>=', lo)
      .where('hlc', '<', hi)
      .groupBy(['device_id', 'type']),
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = out.get(r.device_id) ?? {};
    counts[r.type] = (counts[r.type] ?? 0) + Number(r.n);
    out.set(r.device_id, counts);
  }
  return out;
}

function add(into: Record<string, number>, counts: Record<string, number>) {
  for (const [k, n] of Object.entries(counts)) into[k] = (into[k] ?? 0) + n;
}

/**
 * The figures of the whole stay (issue #15 §7). On a device: its facility's. On HQ's console (`source`
 * present): every facility's together, and the records of each kind each facility's devices made.
 */
export function stayHandlers(inst: ServiceInstallation, source: HqFleetSource | null, now: () => number): Handlers['stay'] {
  return {
    figures: async (input): Promise<StayFigures> => {
      const store = inst.readStore();
      const at = now();
      const sections = Object.fromEntries(staySections.map((s) => [s, countsOf(sectionFigures[s](store, input.from, input.to, at))])) as Record<StaySection, StaySectionFigures>;
      const byDevice = recordsByDevice(store, input.from, input.to);
      let facilities: StayFigures['facilities'];
      if (source) {
        facilities = (await source.fleet()).map((f) => {
          const records: Record<string, number> = {};
          for (const d of f.devices) add(records, byDevice.get(d.deviceId) ?? {});
          return { facilityId: f.facilityId, name: f.name, records };
        });
      } else {
        // A centre's store holds its own devices' records and, after sync, nothing of other facilities.
        const records: Record<string, number> = {};
        for (const counts of byDevice.values()) add(records, counts);
        const own = facilityOf(store);
        facilities = [{ facilityId: own.facilityId, name: own.facilityName, records }];
      }
      return { from: input.from, to: input.to, sections, facilities, asOf: new Date(at).toISOString() };
    },
  };
}
