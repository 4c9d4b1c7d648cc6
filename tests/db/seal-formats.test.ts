import { describe, expect, it } from 'vitest';
import { installationFileSchema, openRecoverySlot, openUserSlot, unlockWithPassword } from '../../db/keyslots';
import { open, sealingKeyId } from '../../db/sealed';
import { unseal } from '../../db/sign-in-log';

/**
 * Fixed vectors for the three X25519 + HKDF-SHA256 + AES-256-GCM formats (key slots, sign-in side log
 * labels, sealed interview notes), written by the code as it stood before the three were folded into
 * db/x25519-seal.ts. What is on disk (installation.json, sign-in-guard.*) and in synced events (sealed
 * notes, also held by HQ) must open for as long as it exists, so these literals must never be regenerated.
 */

const keyslots = {
  file: {
    format: 1,
    installationId: '71587b55-3adc-4346-97bf-ffd50a93a093',
    facilityName: 'Centre',
    facilityKind: 'detention_centre',
    tagSalt: 'NO7bUL7XIK5EEKxal65cXg==',
    slots: [
      {
        kind: 'user',
        tag: 'QdW0VAdXvXdBMSQ7b6kV/11jOafTwnAfVAAV3y8dql8=',
        publicKey: '1ej7UmumT+ST/sTfnCQ71SgCAKSmpqnBnMRzDgyoQXc=',
        kdf: {
          name: 'scrypt',
          N: 131072,
          r: 8,
          p: 1,
          salt: 'D6Q40ZVT2YZr3n8moEoiHw==',
        },
        iv: 'lhIYFChWXueBSdtR',
        wrapped: 'hxMaPQbrzVKDTjKcnK5zpsePXEYtVQ4LSm5nSqXoMh0=',
        authTag: 'su2DOPYhYRGWhnKjBXcQbQ==',
        sealed: {
          ephemeral: 'pY0HdGS/Dp4AFJyEXmnxCxaxsw5NQ7GB4SdB2agpg20=',
          iv: 'T1nqGhKy4aCutw1C',
          wrapped: 'mOT0IF+zw/jqnUMrQY5Bmi7g734UbXy/3HlTN04djxY=',
          authTag: 'Z1zElTI9uN18OFV3Y7E/Sw==',
        },
      },
      {
        kind: 'recovery',
        tag: 'peqmJFeNdOMZIYYX44s/prLTXN5BTwSneq5o9BbevBE=',
        publicKey: 'ZCs/IFgWZIY0vlsPMliVX/mdwcKSqmqFxvXZU5dMoiY=',
        kdf: {
          name: 'scrypt',
          N: 131072,
          r: 8,
          p: 1,
          salt: 'PvkF9JJv4mbpekPefu1BaA==',
        },
        iv: 'Ax9VXpFvi23B8qNT',
        wrapped: 'IXG99UNYWTl9N2ufUpXr2uGAhrLgQcjFEViyCIWr71A=',
        authTag: '6bcRjTX7DVR5vhDN8iJdXQ==',
        sealed: {
          ephemeral: 'a8JAyZ3mvzyhJe2gdqNxfu0QpoZ6bhbV+Fcwx31gOEU=',
          iv: 'wbhDm7Ro0QE9DwJy',
          wrapped: '0Yxt54NikeYP135Sx4CwtJlatOiDUj6PgvclixgBjpc=',
          authTag: 'lYXwlil/f9WXUXtHHowplQ==',
        },
      },
      {
        kind: 'user',
        tag: 'V/+6beqrRkg6DOB962NGK5OVlfeheqRS83Hih0zDZfE=',
        kdf: {
          name: 'scrypt',
          N: 16384,
          r: 8,
          p: 1,
          salt: 'wfoCquuD01ByLaTaEtHSAQ==',
        },
        iv: 'UFsGHdT2BCFR/XoC',
        wrapped: '2RX7ePH63HM9elvGLGMynQB5saVTNqG0ytBIk1wnsbI=',
        authTag: 'DiXH9OJtZ64wuybCNr4fag==',
      },
    ],
    rekey: {
      slots: [
        {
          kind: 'user',
          tag: 'QdW0VAdXvXdBMSQ7b6kV/11jOafTwnAfVAAV3y8dql8=',
          publicKey: '1ej7UmumT+ST/sTfnCQ71SgCAKSmpqnBnMRzDgyoQXc=',
          kdf: {
            name: 'scrypt',
            N: 131072,
            r: 8,
            p: 1,
            salt: 'D6Q40ZVT2YZr3n8moEoiHw==',
          },
          iv: 'lhIYFChWXueBSdtR',
          wrapped: 'hxMaPQbrzVKDTjKcnK5zpsePXEYtVQ4LSm5nSqXoMh0=',
          authTag: 'su2DOPYhYRGWhnKjBXcQbQ==',
          sealed: {
            ephemeral: 'kBjwonBQzYlUV196T4fcBAIfC33dsZ++bKutS9F/Z2I=',
            iv: '7jjJjRiemxKMCWyM',
            wrapped: 'Zogngat/dZWBmuPhc4B9JZmgGxAZH7v64UJS56/keQY=',
            authTag: 'jZFxgpAUA9HAlNzu6eUW6Q==',
          },
        },
        {
          kind: 'recovery',
          tag: 'peqmJFeNdOMZIYYX44s/prLTXN5BTwSneq5o9BbevBE=',
          publicKey: 'ZCs/IFgWZIY0vlsPMliVX/mdwcKSqmqFxvXZU5dMoiY=',
          kdf: {
            name: 'scrypt',
            N: 131072,
            r: 8,
            p: 1,
            salt: 'PvkF9JJv4mbpekPefu1BaA==',
          },
          iv: 'Ax9VXpFvi23B8qNT',
          wrapped: 'IXG99UNYWTl9N2ufUpXr2uGAhrLgQcjFEViyCIWr71A=',
          authTag: '6bcRjTX7DVR5vhDN8iJdXQ==',
          sealed: {
            ephemeral: 'gYMjw+93DXwIpIDF5NBCFLtCbj9iIDGD+huPSA1f3A0=',
            iv: 'gp5LjvamORy9GX2z',
            wrapped: 'i8S+AoFX+QK75MXnspR2VXVi75VM7Gdjs/Ss9Mr8+2Q=',
            authTag: 'anhjAc+mfaACG4TvHqEKXQ==',
          },
        },
      ],
    },
  },
  dbKey: 'tdhwFFZmIkirjdSFjTaCQO7FdVBk/cgDHqG+y7RU3dM=',
  newKey: 'QUZ2lMWnJ4zUmRJFu+5ql+9182IvFGNwObG7bVr8774=',
  recoveryKey: 'YF0Y-M56G-D99H-MA5H-TVZS-ASVZ-C2PD-7FJ9-T3E2-20GB-36WB-9WHK-Y12G',
} as const;

const signIn = {
  sealPrivateKey: 'MC4CAQAwBQYDK2VuBCIEIBDc+hMUjY71FxbUpjDVeSgiV3ZBY1v01itYswRI4L57',
  sealPublicKey: 'MCowBQYDK2VuAyEA+7IQbqruWROUiAe1HvXKaAikLJthBTAI4ZJYqGF/ojs=',
  sealed: {
    epk: 'MCowBQYDK2VuAyEApn3D7oX1oOrEse6nhOC7gRGNxb8v2nAzIhhwUAZi5D0=',
    iv: 'cEZRr4KJOhwD2P3q',
    ct: 'DEI3hdtZCUVNW8VD70/UYK/ISjGcYOvWJ+ynkotUnPCO6Qc=',
    tag: 'ewHjrVZwCbbSDjNKbAncgA==',
  },
} as const;

const notes = {
  publicKey: 'MCowBQYDK2VuAyEA3U0MaTBI6yEkMTetmZhfAOkdS28//TNt0vkeLLeF8H4=',
  privateKey: 'MC4CAQAwBQYDK2VuBCIEIJhhPddJHj1AGVz76Od21tUIKcOsokn1+VjLJzyATrtN',
  sealed: {
    alg: 'x25519-hkdf-sha256-aes256gcm',
    kid: 'c052341e070e8d88',
    epk: 'RYWAavpnyHpWSI90vLWFXBL7DhxQLMtTx6q3z/NU0iQ=',
    iv: 'WumvULFwnIastHbH',
    ct: 'AHhBetYCjpbvAiGCI3k1G9ayD+sKcKG7fQ/myphpMt/txk/KMd/wJn00cMvq7YKgOQTSXD+Y8QINH5YmdTIV7c8UByaIM/s=',
    tag: 'LE4wAW25vPOKb0L9M+/Uew==',
  },
} as const;

const b64 = (s: string) => Buffer.from(s, 'base64');

describe('what earlier versions sealed still opens', () => {
  it("an installation.json written before the refactor opens with the admin's password, both keys of its pending re-key", async () => {
    const file = installationFileSchema.parse(keyslots.file);
    const opened = await openUserSlot(file, 'admin', 'first password 1');
    expect(opened?.current?.equals(b64(keyslots.dbKey))).toBe(true);
    expect(opened?.next?.equals(b64(keyslots.newKey))).toBe(true);
    expect(await openUserSlot(file, 'admin', 'first password 2')).toBeNull();
  });

  it('its recovery slot opens with the printed recovery key', async () => {
    const file = installationFileSchema.parse(keyslots.file);
    const opened = await openRecoverySlot(file, keyslots.recoveryKey);
    expect(opened?.current?.equals(b64(keyslots.dbKey))).toBe(true);
    expect(opened?.next?.equals(b64(keyslots.newKey))).toBe(true);
  });

  it('a format-1 slot (the database key wrapped directly by the password) still opens', async () => {
    const file = installationFileSchema.parse(keyslots.file);
    expect((await unlockWithPassword(file, 'legacy', 'legacy password 1'))?.equals(b64(keyslots.dbKey))).toBe(true);
    expect(await unlockWithPassword(file, 'legacy', 'legacy password 2')).toBeNull();
  });

  it('a sign-in side log label sealed before the refactor opens with the store’s sealing key', () => {
    expect(unseal(signIn.sealPrivateKey, signIn.sealed)).toBe('Ağa Səfərov — refused at 02:14');
    expect(unseal(signIn.sealPrivateKey, { ...signIn.sealed, ct: Buffer.from('x').toString('base64') })).toBeNull();
  });

  it('an interview note sealed before the refactor opens with the organisation key and names the same key id', () => {
    expect(sealingKeyId(notes.publicKey)).toBe(notes.sealed.kid);
    expect(open(notes.privateKey, notes.sealed)).toEqual({ notes: 'Beaten in the corridor by the night shift', pseudonym: 'P-7' });
  });
});
