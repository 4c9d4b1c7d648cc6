import type { TracingCentreSource } from '../../main/services/tracing-centre';
import type { HqDatabase } from '../db';
import { insertTracingRequest, tracingRequestsOfInquiry } from '../sync/tracing-requests';

/** The console's view of HQ's tracing requests to centres (docs/sync.md#tracing-requests-to-a-centre). */
export function tracingCentreSource(hq: HqDatabase): TracingCentreSource {
  return {
    async deviceFacilities() {
      const rows = await hq.db.selectFrom('devices').select(['device_id', 'facility_id']).execute();
      return new Map(rows.map((r) => [r.device_id, r.facility_id]));
    },
    ask: (request) => insertTracingRequest(hq, request),
    ofInquiry: (inquiryId) => tracingRequestsOfInquiry(hq, inquiryId),
  };
}
