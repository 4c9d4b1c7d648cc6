import type { TestInstallation } from './backend';

type Api = Awaited<ReturnType<TestInstallation['userWith']>>;

/**
 * The examination before leaving (issue #15 §4) that an exit needs, recorded by a medical officer, for tests
 * whose subject is the exit itself. `doctor` holds medical.write.
 */
export async function examinedBeforeLeaving(doctor: Api, episodeId: string, at: number): Promise<void> {
  await doctor.health.recordVisit({ episodeId, visit: { kind: 'exit_exam', at: new Date(at).toISOString(), clinician: 'Dr. N. Həsənova', finding: 'Fit to leave; no new injuries' } });
}

/** Why a person leaves without that examination (a court releasing them at the hearing), recorded by staff with person.write. */
export async function leavesWithoutExamination(staff: Api, episodeId: string, at: number, reason = 'Released by the court at the hearing; not brought back to the centre.'): Promise<void> {
  await staff.health.recordExitExamNotDone({ episodeId, notDone: { at: new Date(at).toISOString(), reason } });
}
