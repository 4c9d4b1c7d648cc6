import { describe, expect, it } from 'vitest';
import { facilityIdentityBody } from '../../../core/npm/files';
import { generateDeviceKeyPair } from '../../../db/chain';
import { keyFingerprint, signFile, signedFileText } from '../../../db/signed-file';
import { refusal } from '../../helpers/centre';
import { useCentre, useOffice } from './helpers';

const office = useOffice();
const centre = useCentre();

describe('facilities the office knows', () => {
  it('are added from a centre identity file whose fingerprint matches the centre device', async () => {
    const o = await office();
    const c = await centre();
    const registrar = await c.as('registrar');
    const { content } = await registrar.npmCentre.identity({});
    const { facility } = await o.monitor.npmFacilities.add({ content });
    const centreStore = c.inst.backend.installation.requireStore();
    expect(facility).toMatchObject({
      facilityId: c.inst.backend.installation.info!.installationId,
      installationId: c.inst.backend.installation.info!.installationId,
      name: 'Baku Temporary Accommodation Centre',
      devices: [{ deviceId: centreStore.device.deviceId, deviceName: 'Duty desk 1', fingerprint: keyFingerprint(centreStore.device.publicKey) }],
    });
    expect((await o.monitor.npmFacilities.list({})).facilities).toEqual([facility]);

    // the same file twice changes nothing
    const events = o.count('events');
    expect((await o.monitor.npmFacilities.add({ content })).facility).toEqual(facility);
    expect(o.count('events')).toBe(events);
  });

  it('a second device of a known centre adds its key to the same facility', async () => {
    const o = await office();
    const c = await centre();
    const { content } = await (await c.as('registrar')).npmCentre.identity({});
    const { facility } = await o.monitor.npmFacilities.add({ content });
    const laptop = generateDeviceKeyPair();
    const body = facilityIdentityBody.parse({
      installationId: facility.installationId,
      facilityName: facility.name,
      deviceId: '4d7c7a3e-0e0f-4a43-8d37-8d9f4b0f3b51',
      deviceName: 'Duty desk 2',
      publicKey: laptop.publicKey,
      issuedAt: o.iso(),
    });
    const second = signedFileText(signFile('qeyd-facility-identity', body, { kind: 'device', id: body.deviceId, ...laptop }));
    const added = (await o.monitor.npmFacilities.add({ content: second })).facility;
    expect(added.devices.map((d) => d.deviceName)).toEqual(['Duty desk 1', 'Duty desk 2']);
    expect((await o.monitor.npmFacilities.list({})).facilities).toHaveLength(1);

    // the same device coming back with another key is not silently believed
    const impostor = generateDeviceKeyPair();
    const changed = signedFileText(signFile('qeyd-facility-identity', { ...body, publicKey: impostor.publicKey }, { kind: 'device', id: body.deviceId, ...impostor }));
    expect((await refusal(o.monitor.npmFacilities.add({ content: changed }))).messageKey).toBe('error.npm.deviceKeyChanged');
  });

  it('refuses a tampered, a mis-signed or a malformed identity file and keeps nothing', async () => {
    const o = await office();
    const c = await centre();
    const { content } = await (await c.as('registrar')).npmCentre.identity({});
    const tampered = content.replace('Baku Temporary', 'Bakı Temporary');
    expect(tampered).not.toBe(content);
    expect((await refusal(o.monitor.npmFacilities.add({ content: tampered }))).messageKey).toBe('error.npm.badSignature');
    // signed by one key while naming another
    const other = generateDeviceKeyPair();
    const file = JSON.parse(content) as { body: string };
    const named = JSON.parse(file.body) as Record<string, string>;
    const mismatch = signedFileText(signFile('qeyd-facility-identity', named, { kind: 'device', id: named.deviceId!, ...other }));
    expect((await refusal(o.monitor.npmFacilities.add({ content: mismatch }))).messageKey).toBe('error.npm.badFile');
    expect((await refusal(o.monitor.npmFacilities.add({ content: '{"hello":"world"}' }))).messageKey).toBe('error.npm.badFile');
    expect((await refusal(o.monitor.npmFacilities.add({ content: '' }))).fields?.content?.key).toBe('error.npm.fileEmpty');
    expect((await o.monitor.npmFacilities.list({})).facilities).toEqual([]);
    expect(o.count('npm_facility_keys')).toBe(0);
  });
});
