import { describe, expect, it } from 'vitest';
import { npmIdentityBody } from '../../../core/npm/files';
import { readSignedFile } from '../../../db/signed-file';
import { rowToEvent, type EventRow } from '../../../db/store';
import { adminPassword } from '../../helpers/backend';
import { refusal } from '../../helpers/centre';
import { interview, introduce, secrets, useCentre, useOffice, visitOnSite, type Office } from './helpers';

const office = useOffice();
const centre = useCentre();
const passphrase = 'carry this to laptop two';

/** What another laptop receives by sync: every event of this one, in order. */
function eventsOf(o: Office) {
  const s = o.backend.installation.requireStore();
  return (s.sqlite.prepare('SELECT * FROM events ORDER BY local_seq').all() as EventRow[]).map(rowToEvent);
}

describe('organisation keys', () => {
  it('are made once, on an ombudsman office installation only', async () => {
    const o = await office({ createOrg: false });
    expect(await o.monitor.npmOrg.status({})).toEqual({ configured: false, canOpenSealed: false, organisationId: null, name: null, fingerprint: null, retiredKeys: [], lastRotationAt: null });
    expect((await refusal(o.monitor.npmOrg.identity({}))).messageKey).toBe('error.npm.noOrganisation');
    await o.admin.npmOrg.create({ name: 'Ombudsman' });
    const status = await o.monitor.npmOrg.status({});
    expect(status).toMatchObject({ configured: true, canOpenSealed: true, name: 'Ombudsman' });
    expect(status.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    expect((await refusal(o.admin.npmOrg.create({ name: 'Again' }))).messageKey).toBe('error.npm.orgExists');
    expect((await refusal(o.monitor.npmOrg.create({ name: 'Monitor' }))).code).toBe('forbidden');

    const c = await centre();
    const e = await refusal(c.inst.admin.npmOrg.create({ name: 'A centre pretending' }));
    expect(e).toMatchObject({ code: 'rule', messageKey: 'error.npm.onlyOmbudsman' });
    // the keys never become events: nothing of them travels with sync
    const store = o.backend.installation.requireStore();
    const meta = JSON.parse(store.meta('npm_org')!) as { boxPrivateKey: string; signingPrivateKey: string };
    const log = JSON.stringify(store.sqlite.prepare('SELECT * FROM events').all());
    expect(log).not.toContain(meta.boxPrivateKey);
    expect(log).not.toContain(meta.signingPrivateKey);
  });

  it('gives a signed identity file that a centre checks against the organisation key inside it', async () => {
    const o = await office();
    const { content, fileName } = await o.monitor.npmOrg.identity({});
    expect(fileName).toMatch(/^qeyd-ombudsman-identity-.*\.json$/);
    const status = await o.monitor.npmOrg.status({});
    const { file, body } = readSignedFile(content, 'qeyd-npm-identity', npmIdentityBody, (s) => (s.kind === 'organisation' ? s.publicKey : null));
    expect(body).toMatchObject({ organisationId: status.organisationId, name: status.name, signingPublicKey: file.signer.publicKey });
    expect(file.signer).toMatchObject({ kind: 'organisation', id: status.organisationId });
    // and the centre's own oversight screen takes it, showing the same fingerprint
    const c = await centre();
    const head = await c.as('centre_head');
    expect(await head.npmCentre.trustOmbudsman({ content })).toMatchObject({ organisationId: status.organisationId, fingerprint: status.fingerprint });
  });

  // Export and each import run scrypt at N = 2^20 (seconds each on a loaded machine): room for that work.
  it('travel to a second laptop under a passphrase; that laptop then opens the interviews it syncs', async () => {
    const one = await office({ name: 'Office laptop 1' });
    const c = await centre();
    const visitId = await visitOnSite(one, await introduce(one, await c.as('registrar')));
    const { interviewId } = await one.monitor.npmVisits.recordInterview({ visitId, interview: interview(one.iso()) });

    const two = await office({ createOrg: false, name: 'Office laptop 2' });
    two.backend.installation.requireStore().ingest(eventsOf(one));
    // before the key: the visit is there, what was said is not
    const before = (await two.monitor.npmVisits.get({ visitId })).visit;
    expect(before.interviews.map((i) => [i.interviewId, i.pseudonym, i.confidential])).toEqual([[interviewId, 'P-01', null]]);
    expect((await two.monitor.npmOrg.status({})).configured).toBe(false);

    const exported = await one.admin.npmOrg.exportKey({ currentPassword: adminPassword, passphrase });
    expect(exported.fileName).toMatch(/^qeyd-organisation-key-.*\.json$/);
    const onePrivate = JSON.parse(one.backend.installation.requireStore().meta('npm_org')!) as { boxPrivateKey: string; signingPrivateKey: string };
    expect(exported.content).not.toContain(onePrivate.boxPrivateKey);
    expect(exported.content).not.toContain(onePrivate.signingPrivateKey);
    expect(JSON.parse(exported.content)).toMatchObject({ format: 'qeyd-npm-org-key', version: 1, kdf: { name: 'scrypt' } });

    expect((await refusal(two.admin.npmOrg.importKey({ content: exported.content, passphrase: 'not the passphrase' }))).messageKey).toBe('error.npm.badPassphrase');
    expect((await refusal(two.admin.npmOrg.importKey({ content: '{"format":"something else"}', passphrase }))).messageKey).toBe('error.npm.badFile');
    expect((await refusal(two.admin.npmOrg.importKey({ content: 'not json at all', passphrase }))).messageKey).toBe('error.npm.badFile');
    const swapped = JSON.stringify({ ...JSON.parse(exported.content), name: 'Someone else' });
    expect((await refusal(two.admin.npmOrg.importKey({ content: swapped, passphrase }))).messageKey).toBe('error.npm.badPassphrase');
    expect((await two.monitor.npmOrg.status({})).configured).toBe(false);

    await two.admin.npmOrg.importKey({ content: exported.content, passphrase });
    expect(await two.monitor.npmOrg.status({})).toEqual(await one.monitor.npmOrg.status({}));
    const after = (await two.monitor.npmVisits.get({ visitId })).visit;
    expect(after.interviews[0]!.confidential).toMatchObject({ notes: secrets.notes, intervieweeName: secrets.name, allegations: [secrets.allegation] });
    // importing the same key again changes nothing
    await two.admin.npmOrg.importKey({ content: exported.content, passphrase });

    // an installation with another organisation refuses it
    const other = await office({ name: 'Another office' });
    expect((await refusal(other.admin.npmOrg.importKey({ content: exported.content, passphrase }))).messageKey).toBe('error.npm.otherOrganisation');
    // a centre never takes the organisation key
    expect((await refusal(c.inst.admin.npmOrg.importKey({ content: exported.content, passphrase }))).messageKey).toBe('error.npm.onlyOmbudsman');
  });
});
