import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../core/contract';
import { locales } from '../../../core/fields';
import { catalogs } from '../../../core/i18n';
import { contractResolver } from '../../../renderer/contract-form';
import { href, parseHash, type Route } from '../../../renderer/routes';
import { identityPreview, keyFingerprint } from '../../../renderer/screens/npm/fingerprint';
import * as labels from '../../../renderer/screens/npm/labels';
import { keyFingerprint as backendFingerprint } from '../../../db/signed-file';

describe('ombudsman addresses', () => {
  it('every visit screen has one address that reads back as itself', () => {
    const routes: Route[] = [
      { name: 'npmVisits' },
      { name: 'visit', visitId: 'v 1/ü' },
      { name: 'npmFacilities' },
      { name: 'organisation' },
      { name: 'npmCentre' },
      { name: 'printVisit', visitId: 'abc', lang: 'ru' },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });

  it('the addresses stay as they were before the routes took the npm names', () => {
    expect(href({ name: 'npmVisits' })).toBe('#/visits');
    expect(href({ name: 'npmCentre' })).toBe('#/oversight');
  });

  it('a report address without a known language is written in Azerbaijani', () => {
    expect(parseHash('#/print/visit/abc')).toEqual({ name: 'printVisit', visitId: 'abc', lang: 'az' });
    expect(parseHash('#/print/visit/abc?lang=fr')).toEqual({ name: 'printVisit', visitId: 'abc', lang: 'az' });
  });
});

describe('visit labels', () => {
  it.each(locales)('every code the visit screens show has a %s name', (locale) => {
    const maps = (Object.values(labels) as unknown[]).filter((v): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v));
    expect(maps.length).toBeGreaterThan(15);
    const missing = maps.flatMap((m) => Object.values(m)).filter((key) => !catalogs[locale][key]);
    expect(missing).toEqual([]);
  });

  it('a discrepancy detail names the disputed safeguard or the overdue obligation', () => {
    expect(labels.discrepancyDetailKey('rights_informed')).toBe('vis.claim.rights_informed');
    expect(labels.discrepancyDetailKey('rights_notification')).toBe('sg.obligation.rights_notification');
    expect(labels.discrepancyDetailKey('something_new')).toBeNull();
    expect(labels.discrepancyDetailKey(null)).toBeNull();
  });
});

describe('fingerprints shown before a key is trusted', () => {
  it('match the fingerprint the backend shows for the same key', async () => {
    for (let i = 0; i < 5; i++) {
      const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      expect(await keyFingerprint(raw)).toBe(backendFingerprint(raw));
    }
  });

  it('read whose identity file it is, and nothing from a file that is not one', () => {
    const body = JSON.stringify({ installationId: 'i', facilityName: 'Bakı Mərkəzi', deviceId: 'd', deviceName: 'Masa 1', publicKey: 'AAAA', issuedAt: '2026-01-01T00:00:00Z' });
    expect(identityPreview(JSON.stringify({ format: 'qeyd-facility-identity', body }))).toEqual({ name: 'Bakı Mərkəzi', deviceName: 'Masa 1', publicKey: 'AAAA' });
    const office = JSON.stringify({ organisationId: 'o', name: 'Ombudsman', signingPublicKey: 'BBBB', issuedAt: '2026-01-01T00:00:00Z' });
    expect(identityPreview(JSON.stringify({ format: 'qeyd-npm-identity', body: office }))).toEqual({ name: 'Ombudsman', deviceName: null, publicKey: 'BBBB' });
    expect(identityPreview(JSON.stringify({ format: 'qeyd-register-extract', body }))).toBeNull();
    expect(identityPreview('not json')).toBeNull();
  });
});

describe('interview form', () => {
  const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as never;
  const interview = (consentScope: string[]) => ({
    visitId: 'v',
    interview: {
      private: true,
      kind: 'individual',
      at: '2026-11-23T10:00:00.000Z',
      consentScope,
      reprisalRisk: 'low',
      interpreterUsed: false,
      confidential: { notes: 'Said what happened.', allegations: [], claims: {} },
    },
  });

  it('without a scope of consent it says so on the consent group, in the words the server would use', async () => {
    const resolver = contractResolver(contract.npmVisits.recordInterview.input, (v: { consent: string[] }) => interview(v.consent));
    const result = await resolver({ consent: [] }, undefined, resolverOptions);
    expect((result.errors as { interview?: { consentScope?: { message?: string } } }).interview?.consentScope?.message).toBe('error.npm.consentScopeRequired');
    for (const locale of locales) expect(catalogs[locale]['error.npm.consentScopeRequired']).toBeTruthy();
    const ok = await resolver({ consent: ['internal_only'] }, undefined, resolverOptions);
    expect(ok.errors).toEqual({});
  });
});
