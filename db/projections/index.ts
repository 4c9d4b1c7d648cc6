import type { ProjectorMap } from './types';
import { personCorrected, personMerged, personRegistered, personUnmerged } from './persons';
import * as r from './register';

/** Every event type has exactly one projector (the type checker refuses a missing one). */
export const projectors: ProjectorMap = {
  'person.registered': personRegistered,
  'person.corrected': personCorrected,
  'person.merged': personMerged,
  'person.unmerged': personUnmerged,
  'document.recorded': r.documentRecorded,
  'document.corrected': r.documentCorrected,
  'episode.apprehended': r.episodeApprehended,
  'episode.admitted': r.episodeAdmitted,
  'episode.medicalChecked': r.episodeMedicalChecked,
  'episode.extensionRequested': r.episodeExtensionRequested,
  'episode.extended': r.episodeExtended,
  'episode.reviewed': r.episodeReviewed,
  'episode.transferred': r.episodeTransferred,
  'episode.exitScheduled': r.episodeExitScheduled,
  'episode.closed': r.episodeClosed,
  'episode.corrected': r.episodeCorrected,
  'screening.recorded': r.screeningRecorded,
  'age.assessed': r.ageAssessed,
  'guardian.appointed': r.guardianAppointed,
  'referral.created': r.referralCreated,
  'referral.progressed': r.referralProgressed,
  'asylum.expressed': r.asylumExpressed,
  'asylum.forwarded': r.asylumForwarded,
  'asylum.statusChanged': r.asylumStatusChanged,
  'nonRefoulement.checked': r.nonRefoulementChecked,
};

/** State tables that projections own; a rebuild empties them and replays the log. Drafts are not here. */
export const projectedTables = [
  'persons',
  'person_name_keys',
  'person_events',
  'documents',
  'episodes',
  'screenings',
  'referrals',
  'asylum_claims',
  'age_assessments',
  'guardians',
  'nr_checks',
] as const;
