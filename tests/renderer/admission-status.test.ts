import { describe, expect, it } from 'vitest';
import { rightsDelayReasons } from '../../core/admission-status';
import { contract } from '../../core/contract';
import { locales } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { rightsDelayLabel } from '../../renderer/components/AdmissionStatus';
import { contractResolver } from '../../renderer/contract-form';

describe('the admission status words (issue #11 §3)', () => {
  it.each(locales)('every delay reason and both qualified forms of the state word are said in %s', (locale) => {
    for (const r of rightsDelayReasons) expect(catalogs[locale][rightsDelayLabel[r]]).toBeTruthy();
    // The qualified forms always carry the state word and what is still missing, never the state alone.
    expect(catalogs[locale]['status.rightsPending']).toContain('{state}');
    expect(catalogs[locale]['status.delayExplained']).toMatch(/\{state\}.*\{reason\}/);
  });

  it('the delay form puts a missing "other" explanation on the details field, in the catalog\'s words', async () => {
    const resolve = contractResolver<{ at: string; reason: string; note: string }, unknown>(
      contract.safeguards.recordRightsDelay.input,
      (v) => ({
        episodeId: 'e1',
        delay: { at: '2026-12-07T10:00:00.000Z', reason: v.reason, note: v.note || undefined },
      }),
      { toFormPath: (p) => (p.startsWith('delay.') ? p.slice(6) : p) },
    );
    const result = await resolve({ at: '', reason: 'other', note: '' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(result.errors).toMatchObject({ note: { message: 'error.rights.delayNoteRequired' } });
    expect(catalogs.en['error.rights.delayNoteRequired']).toBeTruthy();
  });
});
