import type { Generated } from 'kysely';

/** Table types for Kysely. Booleans are 0/1 and JSON columns are text, as SQLite stores them. */

export interface MetaTable {
  key: string;
  value: string;
}

export interface EventsTable {
  local_seq: Generated<number>;
  event_id: string;
  device_id: string;
  device_seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity_id: string;
  payload: string;
  schema_version: number;
  supersedes: string;
  prev_hash: string;
  hash: string;
  server_seq: number | null;
}

export interface ChainHeadsTable {
  device_id: string;
  seq: number;
  hash: string;
  signature: string;
  signed_at: string;
}

export interface DevicesTable {
  device_id: string;
  name: string;
  public_key: string;
  is_self: number;
}

export interface UsersTable {
  user_id: string;
  username: string;
  display_name: string;
  roles: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  method: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface PersonsTable {
  person_id: string;
  /** The device that registered the person; register_no counts that device's registrations. */
  register_device: string;
  register_no: number;
  name_original: string;
  name_latin: string;
  patronymic: string | null;
  aliases: string;
  sex: string;
  birth_date: string | null;
  birth_estimated: number;
  birth_basis: string | null;
  nationalities: string;
  stateless: number;
  languages: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  last_event_id: string;
  merged_into: string | null;
  flags: string;
  restricted: number;
}

/** The same person's record at another facility (migration 0014, issue #14 §2). */
export interface NationalLinksTable {
  person_id: string;
  other_facility_id: string;
  other_person_id: string;
  other_facility_name: string;
  other_register_no: string;
  reason: string;
  linked_at: string;
  linked_by: string;
  last_event_id: string;
}

/** This device's intakes and their national check: pending until HQ answered (migration 0014). */
export interface NationalChecksTable {
  person_id: string;
  /** pending: not checked yet; clear: nothing likely; match: a likely candidate, a task; dismissed / linked: the registrar decided */
  status: 'pending' | 'clear' | 'match' | 'dismissed' | 'linked';
  asked_at: string;
  asked_by: string;
  checked_at: string | null;
  /** HQ's cards (core/sync-national.ts nationalCard), JSON */
  candidates: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface PersonNameKeysTable {
  key: string;
  person_id: string;
}

export interface PersonEventsTable {
  person_id: string;
  local_seq: number;
}

export interface DocumentsTable {
  document_id: string;
  person_id: string;
  type: string;
  series: string | null;
  number: string | null;
  issuing_state: string | null;
  valid_until: string | null;
  verification: string;
  held_receipt: string | null;
  recorded_at: string;
  last_event_id: string;
}

export interface EpisodesTable {
  episode_id: string;
  person_id: string;
  facility_id: string;
  facility_name: string;
  regime: string | null;
  state: string;
  decision: string | null;
  term_end: string | null;
  apprehension: string;
  apprehended_at: string;
  admitted_at: string | null;
  handover: string | null;
  medical: string | null;
  medical_at: string | null;
  property: string;
  extensions: string;
  transfers: string;
  extension_requested_at: string | null;
  last_review_at: string | null;
  planned_exit: string | null;
  exit: string | null;
  exit_at: string | null;
  outcome: string | null;
  override: string | null;
  /** The device whose admission took the book line, its count, and the admission event. */
  book_device: string | null;
  book_no: number | null;
  book_event: string | null;
  next_due_at: string | null;
  next_due_kind: string | null;
  next_warn_at: string | null;
  status_changed_at: string | null;
  /** JSON of the latest recorded rights delay, with its recording clock (migration 11). */
  rights_delay: string | null;
  /** Taken to hospital while still held, since when (migration 20): the one health fact every role sees. */
  in_hospital_since: string | null;
  /** JSON of why the person left without the examination before leaving (migration 20). */
  exit_exam_not_done: string | null;
  /** The transfer under way while an escort holds the person (migration 22, docs/sync.md#transfers-between-centres). */
  in_transfer: string | null;
  created_at: string;
  updated_at: string;
  last_event_id: string;
}

export interface ScreeningsTable {
  screening_id: string;
  person_id: string;
  episode_id: string;
  at: string;
  items: string;
  flags: string;
}

export interface ReferralsTable {
  referral_id: string;
  person_id: string;
  episode_id: string;
  type: string;
  reason: string;
  created_at: string;
  stage: string | null;
  sent_at: string | null;
  accepted_at: string | null;
  declined_at: string | null;
  outcome_at: string | null;
  last_note: string | null;
}

export interface AsylumClaimsTable {
  claim_id: string;
  person_id: string;
  episode_id: string | null;
  expressed_at: string;
  place: string;
  words: string;
  language: string;
  recorded_by: string;
  forwarded_at: string | null;
  reference: string | null;
  status: string;
  decision: string | null;
  updated_at: string;
}

export interface AgeAssessmentsTable {
  assessment_id: string;
  person_id: string;
  at: string;
  method: string;
  assessor: string;
  min_age: number;
  max_age: number;
  notes: string | null;
}

export interface GuardiansTable {
  guardian_id: string;
  person_id: string;
  appointed_at: string;
  authority: string;
  name: string;
  contact: string;
}

export interface NrChecksTable {
  check_id: string;
  person_id: string;
  episode_id: string;
  at: string;
  result: string;
  basis: string;
  recorded_by: string;
}

export interface DraftsTable {
  draft_id: string;
  kind: string;
  owner: string;
  title: string;
  data: string;
  updated_at: string;
}

export interface RightsNotificationsTable {
  notification_id: string;
  person_id: string;
  episode_id: string;
  at: string;
  mode: string;
  language: string;
  template_id: string | null;
  template_version: string | null;
  interpreter_use_id: string | null;
  items: string;
  acknowledgement: string;
  copy_handed: number;
  recorded_by: string;
  verify_code: string;
  /** 'reviewed' | 'draft'; null for an oral notification (migration 0012). */
  letter_status: string | null;
  interpreter_checked_letter: number;
}

export interface InterpreterUsesTable {
  use_id: string;
  person_id: string;
  episode_id: string | null;
  at: string;
  language: string;
  interpreter_name: string;
  kind: string;
  purpose: string;
  gender_preference_met: number | null;
  affiliation_checked: number;
  affiliated: number;
}

export interface ConsularNoticesTable {
  notice_id: string;
  person_id: string;
  episode_id: string;
  states: string;
  informed_at: string;
  wish: string;
  consent: string | null;
  sent: string | null;
  sent_at: string | null;
  acknowledged_at: string | null;
  visited_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  /** JSON consularDisclosureReviewSchema, once a disclosure conflict was reviewed (0010). */
  disclosure_review: string | null;
}

export interface LegalAidRequestsTable {
  request_id: string;
  person_id: string;
  episode_id: string;
  requested_at: string;
  requested_by: string;
  funding: string;
  note: string | null;
  defender: string | null;
  defender_assigned_at: string | null;
  first_contact_at: string | null;
  contacts: string;
  issues: string;
}

/** Requests and complaints (migration 0018, issue #15 §2). */
export interface ComplaintsTable {
  complaint_id: string;
  person_id: string;
  episode_id: string;
  kind: string;
  category: string;
  subject: string;
  lodged_by: string;
  lodged_by_name: string | null;
  received_at: string;
  addressee: string;
  about_staff: number;
  staff_named: string | null;
  staff_user_ids: string;
  escalated_from: string | null;
  forwarded_at: string | null;
  forward_via: string | null;
  answered_at: string | null;
  answer_from: string | null;
  answer_text: string | null;
  escalated_to: string | null;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  last_event_id: string;
}

/** Appeals against the placement decision or an extension (migration 0018). */
export interface AppealsTable {
  appeal_id: string;
  person_id: string;
  episode_id: string;
  decision: string;
  extension_no: number | null;
  filed_at: string;
  note: string | null;
  court: string;
  hearings: string;
  outcome: string | null;
  outcome_at: string | null;
  new_term_end: string | null;
  term_end_before: string | null;
  term_applied: number;
  outcome_note: string | null;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  last_event_id: string;
}

/** Health during the stay (migration 20, core/health.ts): medical content, read with medical.read only. */
export interface HealthVisitsTable {
  visit_id: string;
  person_id: string;
  episode_id: string;
  kind: string;
  at: string;
  clinician: string;
  complaint: string | null;
  finding: string;
  treatment: string | null;
  follow_up_on: string | null;
  recorded_by: string;
  event_id: string;
}

export interface HospitalStaysTable {
  stay_id: string;
  person_id: string;
  episode_id: string;
  admitted_at: string;
  hospital: string;
  reason: string;
  escort: string;
  returned_at: string | null;
  recorded_by: string;
  event_id: string;
}

export interface InjuriesTable {
  injury_id: string;
  person_id: string;
  episode_id: string;
  examined_at: string;
  examiner: string;
  region: string;
  location_note: string | null;
  account: string;
  finding: string;
  seen_at_admission: number;
  recorded_by: string;
  event_id: string;
}

export interface InjuryReportsTable {
  injury_id: string;
  addressee: string;
  sent_to: string;
  sent_at: string;
  reference: string;
  recorded_by: string;
  event_id: string;
}

export interface LegalAidWaiversTable {
  waiver_id: string;
  person_id: string;
  episode_id: string;
  at: string;
  witness: string;
  statement: string | null;
}

/** A recorded step of an episode's exit pathway (issue #15 §6, core/exits.ts); `details` is the step as recorded. */
export interface ExitStepsTable {
  episode_id: string;
  person_id: string;
  pathway: string;
  step: string;
  details: string;
  done_at: string;
  recorded_at: string;
  recorded_by: string;
  event_id: string;
}

/** A death in custody; `certificate` and `body` are JSON (core/exits.ts deathSchema, bodyRecordSchema). */
export interface DeathsTable {
  episode_id: string;
  person_id: string;
  died_at: string;
  place: string;
  circumstances: string;
  found_by: string;
  found_at: string;
  certificate: string;
  family_known: number;
  body: string | null;
  recorded_at: string;
  recorded_by: string;
  event_id: string;
}

export interface DeathNotificationsTable {
  episode_id: string;
  person_id: string;
  recipient: string;
  notified_at: string;
  to_whom: string;
  channel: string;
  reference: string | null;
  recorded_at: string;
  recorded_by: string;
  event_id: string;
}

export interface SyncQuarantineTable {
  event_id: string;
  reason: string;
  received_at: string;
}

export interface FieldHeadsTable {
  entity_id: string;
  field: string;
  event_id: string;
  entity_type: string;
  value: string;
  hlc: string;
  actor: string;
}

export interface SupersededEventsTable {
  event_id: string;
}

export interface RegisterCountersTable {
  device_id: string;
  series: 'person' | 'book';
  last_no: number;
}

/** Migration 0008: a centre's side of the ombudsman (NPM). JSON columns: `response`. */
export interface NpmTrustTable {
  organisation_id: string;
  name: string;
  signing_public_key: string;
  trusted_at: string;
  event_id: string;
}

export interface ReceivedRecommendationsTable {
  recommendation_id: string;
  visit_id: string;
  organisation_id: string;
  facility_name: string;
  visited_from: string;
  visited_to: string;
  issued_at: string;
  title: string;
  standard: string;
  severity: string;
  area: string | null;
  finding: string;
  recommendation: string;
  addressee: string;
  due_date: string;
  received_at: string;
}

export interface ReceivedRecommendationFilesTable {
  body_hash: string;
  visit_id: string;
  received_at: string;
  event_id: string;
}

export interface RecommendationResponsesTable {
  event_id: string;
  recommendation_id: string;
  visit_id: string;
  at: string;
  response: string;
  local_seq: number;
}

/**
 * Migration 0009: an ombudsman office's visits. JSON columns: `team`, `sources`, `consent_scope`,
 * `response`; `sealed` and `sealed_note` are sealed JSON (core/npm/sealed.ts), never opened by a query.
 */
export interface NpmFacilitiesTable {
  facility_id: string;
  installation_id: string;
  name: string;
  added_at: string;
}

export interface NpmFacilityKeysTable {
  facility_id: string;
  device_id: string;
  device_name: string;
  public_key: string;
  added_at: string;
}

export interface VisitsTable {
  visit_id: string;
  facility_id: string;
  type: string;
  announced: number;
  planned_for: string;
  team: string;
  follows_visit_id: string | null;
  purpose: string | null;
  state: string;
  arrived_at: string | null;
  left_at: string | null;
  report_drafted_at: string | null;
  report_sent_at: string | null;
  follow_up_at: string | null;
  created_at: string;
  created_by: string;
}

export interface VisitAreasTable {
  event_id: string;
  visit_id: string;
  area: string;
  rating: string;
  note: string | null;
  sources: string;
  at: string;
  local_seq: number;
}

export interface VisitRegisterChecksTable {
  event_id: string;
  visit_id: string;
  register: string;
  note: string | null;
  at: string;
  local_seq: number;
}

export interface VisitInterviewsTable {
  interview_id: string;
  visit_id: string;
  facility_id: string;
  pseudonym: string;
  private: number;
  kind: string;
  group_size: number | null;
  at: string;
  consent_scope: string;
  reprisal_risk: string;
  language: string | null;
  interpreter_used: number;
  sealed: string;
}

export interface VisitReprisalChecksTable {
  event_id: string;
  interview_id: string;
  visit_id: string;
  at: string;
  outcome: string;
  sealed_note: string | null;
}

export interface VisitExtractsTable {
  visit_id: string;
  extract_id: string;
  event_id: string;
  imported_at: string;
  from_date: string;
  to_date: string;
  generated_at: string;
  persons: number;
  body: string;
  local_seq: number;
}

export interface RecommendationsTable {
  recommendation_id: string;
  visit_id: string;
  facility_id: string;
  title: string;
  standard: string;
  severity: string;
  area: string | null;
  finding: string;
  recommendation: string;
  addressee: string;
  due_date: string;
  created_at: string;
  local_seq: number;
  issued_at: string | null;
  response: string | null;
  implementation: string | null;
  verified_at: string | null;
  verified_on_visit_id: string | null;
  verification_note: string | null;
}

/** A tracing request HQ sent this centre with a pull (migration 0013): not an event, kept as received. */
export interface TracingRequestsTable {
  request_id: string;
  person_id: string;
  /** JSON array: consent_to_disclose, contact_notice */
  kinds: string;
  requester_category: string;
  asked_at: string;
  received_at: string;
}

/** The person's answer to a tracing request (migration 0013), a projection of person.tracingAnswered. */
export interface TracingAnswersTable {
  request_id: string;
  person_id: string;
  consent_to_disclose: string | null;
  contact: string | null;
  note: string | null;
  /** why the centre could not ask (person.tracingNotAsked, migration 0016); the answers are empty then */
  could_not_ask: string | null;
  answered_at: string;
  answered_by: string;
  /** the device that recorded it: HQ's console counts an answer only from the facility asked */
  device_id: string;
  /** the recording clock: of two answers recorded offline on two devices, the later stands on every replica */
  hlc: string;
  event_id: string;
}

/** HQ's tracing inquiries (migration 0015), projections of the console's tracing.* events. */
export interface TracingInquiriesTable {
  inquiry_id: string;
  category: string;
  /** JSON: category, name, contact, organisation */
  requester: string;
  /** JSON: names, sex, birthDate, age, nationality, lastKnownPlace, distinguishing */
  subject: string;
  legal_basis: string;
  consent: string;
  consent_note: string | null;
  received_on: string;
  due_on: string;
  status: string;
  closed_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  last_event_id: string;
}

/** An analyst's latest decision on one candidate of an inquiry (migration 0015). */
export interface TracingReviewsTable {
  inquiry_id: string;
  candidate_kind: string;
  candidate_id: string;
  decision: string;
  note: string;
  reviewed_at: string;
  reviewed_by: string;
  event_id: string;
}

/** What HQ told the requester, to whom and when (migration 0015). */
export interface TracingInquiryAnswersTable {
  answer_id: string;
  inquiry_id: string;
  outcome: string;
  candidate_id: string | null;
  told_to: string;
  told_at: string;
  channel: string;
  summary: string;
  recorded_at: string;
  recorded_by: string;
}

/** A record of an unidentified person or of a death, matchable by inquiries (migration 0015). */
export interface TracingRecordsTable {
  record_id: string;
  kind: string;
  /** JSON array of names, if any are known */
  names: string;
  sex: string;
  age_min: number | null;
  age_max: number | null;
  nationality: string | null;
  description: string;
  photo_ref: string | null;
  found_place: string;
  found_on: string;
  circumstance: string | null;
  facility_name: string | null;
  recorded_at: string;
  recorded_by: string;
  event_id: string;
}

/** Outside contacts (migration 0019, issue #15 §1): one row per visit, call, letter or parcel. */
export interface ContactsTable {
  contact_id: string;
  person_id: string;
  episode_id: string;
  kind: string;
  category: string | null;
  who_name: string;
  who_relation: string | null;
  direction: string | null;
  at: string;
  duration_minutes: number | null;
  supervision: string | null;
  supervised_by: string | null;
  outcome: string;
  /** JSON of the refusal (reason, basis, by) */
  refusal: string | null;
  note: string | null;
  notice_id: string | null;
  legal_aid_request_id: string | null;
  /** `log` (recorded as a contact) or `consular` (an old consular.visited event) */
  source: string;
  /** JSON of the head's review of a refused lawyer or ombudsman contact, with who recorded it */
  review: string | null;
  corrections: Generated<number>;
  recorded_at: string;
  recorded_by: string;
  last_event_id: string;
}

/** A transfer between centres (migration 22, docs/sync.md#transfers-between-centres): a projection of transfer.* events. */
export interface TransfersTable {
  transfer_id: string;
  person_id: string;
  episode_id: string;
  from_facility_id: string;
  from_facility_name: string;
  to_facility_id: string;
  to_facility_name: string;
  dispatched_at: string;
  reason: string;
  /** JSON: escort, documents and property going with the person, note */
  handover: string;
  /** dispatched | received | refused */
  status: string;
  outcome_at: string | null;
  /** JSON: the receiving centre's handover check, or its refusal */
  outcome: string | null;
  discrepancies: number;
  /** 1 where this store holds the receiving centre's admission (the person continues here) */
  received_here: number;
  /** when the sending centre recorded the outcome HQ told it */
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
  last_event_id: string;
}

/** Transfer packages for this centre not yet admitted or refused (migration 22): not events. */
export interface TransferInboxTable {
  transfer_id: string;
  person_id: string;
  from_facility_id: string;
  from_facility_name: string;
  /** the signed package as it arrived (JSON) */
  package: string;
  /** hq | file */
  source: string;
  arrived_at: string;
}

/** A breach of the internal rules and its one measure (migration 0021, core/discipline.ts); JSON columns hold the recorded parts. */
export interface DisciplineCasesTable {
  case_id: string;
  episode_id: string;
  person_id: string;
  facility_id: string;
  breach: string;
  occurred_at: string;
  detected_at: string;
  inquiry: number;
  inquiry_done_at: string | null;
  hearing: string | null;
  measure_type: string | null;
  decision: string | null;
  decision_no: string | null;
  decided_at: string | null;
  starts_on: string | null;
  ends_on: string | null;
  notice: string | null;
  copy_handed_at: string | null;
  appeal_notice_at: string | null;
  appeal: string | null;
  appeal_outcome: string | null;
  /** open | decided | dropped | annulled */
  status: string;
  dropped: string | null;
  created_at: string;
  updated_at: string;
  last_event_id: string;
}

/** One item or sum the centre holds for a person (migration 0021, core/property.ts). */
export interface PropertyItemsTable {
  item_id: string;
  episode_id: string;
  person_id: string;
  facility_id: string;
  source: string;
  kind: string;
  description: string;
  quantity: number;
  amount: string | null;
  currency: string | null;
  condition: string | null;
  storage: string | null;
  notes: string | null;
  taken_at: string;
  state: string;
  disposition: string | null;
  disposed_at: string | null;
  created_at: string;
  updated_at: string;
  last_event_id: string;
}

export interface PropertyAcknowledgementsTable {
  ack_id: string;
  episode_id: string;
  person_id: string;
  acknowledgement: string;
  item_ids: string;
  at: string;
  last_event_id: string;
}

/** HQ's per-episode facts for the national reports (migration 0023, issue #16 §5). */
export interface ReportFactsTable {
  episode_id: string;
  person_id: string;
  admitted_facility: string | null;
  current_facility: string | null;
  nationality: string;
  sex: string;
  age_band: string;
  regime: string | null;
  apprehended_at: string;
  apprehended_day: string;
  closed_at: string | null;
  closed_day: string | null;
  outcome: string | null;
  destination: string | null;
  open: number;
  /** JSON: the language of each interpreter use of the episode */
  interpreters: string;
  facts: string;
  /** JSON: the episode's obligations (core/due-now.ts obligations), which do not depend on the time */
  obligations: string;
  /** the newest event (local_seq) the row reflects */
  seq: number;
}

export interface Database {
  meta: MetaTable;
  events: EventsTable;
  chain_heads: ChainHeadsTable;
  devices: DevicesTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  persons: PersonsTable;
  person_name_keys: PersonNameKeysTable;
  national_links: NationalLinksTable;
  national_checks: NationalChecksTable;
  person_events: PersonEventsTable;
  documents: DocumentsTable;
  episodes: EpisodesTable;
  screenings: ScreeningsTable;
  referrals: ReferralsTable;
  asylum_claims: AsylumClaimsTable;
  age_assessments: AgeAssessmentsTable;
  guardians: GuardiansTable;
  nr_checks: NrChecksTable;
  drafts: DraftsTable;
  rights_notifications: RightsNotificationsTable;
  interpreter_uses: InterpreterUsesTable;
  consular_notices: ConsularNoticesTable;
  contacts: ContactsTable;
  legal_aid_requests: LegalAidRequestsTable;
  legal_aid_waivers: LegalAidWaiversTable;
  health_visits: HealthVisitsTable;
  hospital_stays: HospitalStaysTable;
  injuries: InjuriesTable;
  injury_reports: InjuryReportsTable;
  complaints: ComplaintsTable;
  appeals: AppealsTable;
  exit_steps: ExitStepsTable;
  deaths: DeathsTable;
  death_notifications: DeathNotificationsTable;
  discipline_cases: DisciplineCasesTable;
  property_items: PropertyItemsTable;
  property_acknowledgements: PropertyAcknowledgementsTable;
  sync_quarantine: SyncQuarantineTable;
  field_heads: FieldHeadsTable;
  superseded_events: SupersededEventsTable;
  register_counters: RegisterCountersTable;
  npm_trust: NpmTrustTable;
  received_recommendations: ReceivedRecommendationsTable;
  received_recommendation_files: ReceivedRecommendationFilesTable;
  recommendation_responses: RecommendationResponsesTable;
  npm_facilities: NpmFacilitiesTable;
  npm_facility_keys: NpmFacilityKeysTable;
  visits: VisitsTable;
  visit_areas: VisitAreasTable;
  visit_register_checks: VisitRegisterChecksTable;
  visit_interviews: VisitInterviewsTable;
  visit_reprisal_checks: VisitReprisalChecksTable;
  visit_extracts: VisitExtractsTable;
  recommendations: RecommendationsTable;
  tracing_inquiries: TracingInquiriesTable;
  tracing_reviews: TracingReviewsTable;
  tracing_inquiry_answers: TracingInquiryAnswersTable;
  tracing_records: TracingRecordsTable;
  tracing_requests: TracingRequestsTable;
  tracing_answers: TracingAnswersTable;
  transfers: TransfersTable;
  transfer_inbox: TransferInboxTable;
  report_facts: ReportFactsTable;
}
