/**
 * Records other than episodes that some reports count (filled by the console's handler,
 * main/services/reports/extras.ts). Only what a count needs: no wording of a recommendation or an answer,
 * no requester or subject of an inquiry.
 */
export interface ReportExtras {
  /**
   * The ombudsman's recommendations as each centre received them, and the centre's answers (the office's
   * sealed content, interviews and its own follow-up, never reaches SMS: docs/domain.md §1).
   */
  recommendations: readonly ReceivedRecommendation[];
  /** HQ's tracing inquiries (docs/domain.md §9) */
  inquiries: readonly InquiryRecord[];
}

export interface ReceivedRecommendation {
  /** HQ's id of the centre that received it (its device recorded the file), null when not known */
  facilityId: string | null;
  visitId: string;
  /** the visit's first day, as the office wrote it */
  visitedFrom: string;
  issuedAt: string;
  /** the day the centre's response is due (ISO date) */
  dueDate: string;
  /** the centre's first response, if any */
  answeredAt: string | null;
  /** what the latest response says of the recommendation */
  answer: 'accepted' | 'partially_accepted' | 'rejected' | null;
}

export interface InquiryRecord {
  /** the day the inquiry was received (ISO date) */
  receivedOn: string;
  dueOn: string;
  status: 'open' | 'answered' | 'closed';
  /** when the requester was first told an answer */
  answeredAt: string | null;
  /** the latest answer's outcome */
  outcome: 'located' | 'not_located' | 'withheld' | 'contact_refused' | null;
}
