import { can, type Role } from '../../../core/permissions';
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, randomUUID, scrypt as scryptCb } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../core/canonical-json';
import { ApiError, ruleError } from '../../../core/contract/errors';
import { npmIdentityBody } from '../../../core/npm/files';
import { exceedsOrgKeyCost, orgKeyFileSchema, orgKeyKdfSchema, type OrgKeyFile } from '../../../core/npm/org-key-file';
import { kdfCost } from '../../../db/kdf-cost';
import type { Sealed } from '../../../core/npm/sealed';
import { generateDeviceKeyPair } from '../../../db/chain';
import { scryptMaxmem, unlockWithPassword } from '../../../db/keyslots';
import { generateSealingKeyPair, open, seal, SealedOpenError, sealingKeyId } from '../../../db/sealed';
import { fileSlug, keyFingerprint, signFile, signedFileText, signRotationFile, type FileSigner } from '../../../db/signed-file';
import { orgKeyRotationStatement } from '../../../core/npm/key-rotation';
import type { ReadStore, ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { actor } from '../common';
import type { ServiceInstallation } from '../installation';

/**
 * The ombudsman organisation's two key pairs: X25519 to seal what detainees say in private, Ed25519 to
 * sign recommendation files. Made once on the office's first installation, kept in its encrypted store
 * (meta, never an event: keys must not travel with sync), and carried to another team laptop or the
 * office's HQ console only in a file locked with a passphrase.
 */

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/=]+$/)
  .max(400);

/**
 * A key pair the organisation replaced (docs/npm.md#key-rotation): the sealing private key stays, since
 * notes sealed to it before the rotation must still open; the old signing private key is dropped.
 */
const retiredKeySchema = z.object({ boxPublicKey: b64, boxPrivateKey: b64.nullable(), signingPublicKey: b64, retiredAt: z.string() }).strict();
type RetiredKey = z.infer<typeof retiredKeySchema>;

const orgKeysSchema = z
  .object({
    organisationId: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    createdAt: z.string(),
    boxPublicKey: b64,
    signingPublicKey: b64,
    boxPrivateKey: b64.nullable(),
    signingPrivateKey: b64.nullable(),
    /** keys replaced by rotation, oldest first */
    retired: z.array(retiredKeySchema).max(100).optional(),
    /** the rotation statements made here, oldest first, to hand to centres again */
    rotations: z.array(z.string().max(20_000)).max(100).optional(),
  })
  .strict();
export type OrgKeys = z.infer<typeof orgKeysSchema>;

const metaKey = 'npm_org';

const privatePartsSchema = z.object({ boxPrivateKey: b64, signingPrivateKey: b64, retired: z.array(retiredKeySchema).max(100).optional() }).strict();

export function orgKeys(store: ReadStore): OrgKeys | null {
  const raw = store.meta(metaKey);
  if (!raw) return null;
  return orgKeysSchema.parse(JSON.parse(raw));
}

export function requireOrg(store: ReadStore): OrgKeys {
  const org = orgKeys(store);
  if (!org) throw ruleError('error.npm.noOrganisation');
  return org;
}

/** Seals to the organisation: anyone on an office installation may, whether or not it can open. */
export function sealForOrg(store: ReadStore, value: unknown): Sealed {
  return seal(requireOrg(store).boxPublicKey, value);
}

/**
 * Opens sealed content in memory, or null where this installation does not hold the private key or the
 * content was sealed to another key (it is then simply not readable here, as on a centre device).
 */
export type Opener = (sealed: Sealed) => unknown;
export function openerFor(store: ReadStore): Opener | null {
  const org = orgKeys(store);
  if (!org?.boxPrivateKey) return null;
  // Content sealed before a rotation is sealed to a retired key, which the office keeps for exactly this.
  const keys = new Map([[sealingKeyId(org.boxPublicKey), org.boxPrivateKey]]);
  for (const r of org.retired ?? []) if (r.boxPrivateKey) keys.set(sealingKeyId(r.boxPublicKey), r.boxPrivateKey);
  return (sealed) => {
    const key = keys.get(sealed.kid);
    if (!key) return null;
    try {
      return open(key, sealed);
    } catch (e) {
      if (e instanceof SealedOpenError) return null;
      throw e;
    }
  };
}

/** The organisation signing key, for recommendation and identity files. */
export function orgSigner(store: ReadStore): FileSigner {
  const org = requireOrg(store);
  if (!org.signingPrivateKey) throw ruleError('error.npm.noPrivateKey');
  return { kind: 'organisation', id: org.organisationId, publicKey: org.signingPublicKey, privateKey: org.signingPrivateKey };
}

function isOffice(inst: ServiceInstallation, store: ServiceStore, allowConsole: boolean): boolean {
  const kind = inst.info?.facilityKind ?? store.meta('facility_kind');
  return kind === 'ombudsman_office' || (allowConsole && kind === 'headquarters');
}

function scrypt(secret: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: scryptMaxmem(p) }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** The public parts are bound into the tag: a file cannot pair these private keys with other names or keys. */
function fileAad(f: { organisationId: string; name: string; boxPublicKey: string; signingPublicKey: string }): Buffer {
  return Buffer.from(canonicalJson({ format: 'qeyd-npm-org-key', organisationId: f.organisationId, name: f.name, boxPublicKey: f.boxPublicKey, signingPublicKey: f.signingPublicKey }));
}

/** Whether a private key is the other half of a public key (both base64 DER). */
function pairs(privateKey: string, publicKey: string): boolean {
  try {
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
    return derived.export({ type: 'spki', format: 'der' }).toString('base64') === publicKey;
  } catch {
    return false;
  }
}

export async function exportOrgKey(org: OrgKeys, passphrase: string): Promise<string> {
  if (!org.boxPrivateKey || !org.signingPrivateKey) throw ruleError('error.npm.noPrivateKey');
  const salt = randomBytes(16);
  const cost = kdfCost().orgKey;
  const kek = await scrypt(passphrase, salt, cost);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(fileAad(org));
  // Retired sealing keys travel too: another laptop or the console must open notes sealed before a rotation.
  const parts = { boxPrivateKey: org.boxPrivateKey, signingPrivateKey: org.signingPrivateKey, ...(org.retired?.length ? { retired: org.retired } : {}) };
  const ct = Buffer.concat([cipher.update(canonicalJson(parts), 'utf8'), cipher.final()]);
  kek.fill(0);
  const file: OrgKeyFile = {
    format: 'qeyd-npm-org-key',
    version: 1,
    organisationId: org.organisationId,
    name: org.name,
    boxPublicKey: org.boxPublicKey,
    signingPublicKey: org.signingPublicKey,
    kdf: { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The checks that cost nothing, made before the passphrase's seconds of scrypt: malformed (or a tag
 * shorter than 16 bytes) → badFile; a KDF costlier than export writes → keyFileTooCostly.
 */
export function parseOrgKeyFile(content: string): OrgKeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw ruleError('error.npm.badFile');
  }
  const parsed = orgKeyFileSchema.safeParse(raw);
  if (!parsed.success) throw ruleError('error.npm.badFile');
  const kdf = orgKeyKdfSchema.safeParse(parsed.data.kdf);
  if (!kdf.success) throw ruleError(exceedsOrgKeyCost(parsed.data.kdf) ? 'error.npm.keyFileTooCostly' : 'error.npm.badFile');
  return { ...parsed.data, kdf: kdf.data };
}

/** Opens a parsed key file: wrong passphrase (or altered) → badPassphrase; keys that do not pair → badFile. */
export async function openOrgKeyFile(f: OrgKeyFile, passphrase: string, now: string): Promise<OrgKeys> {
  const kek = await scrypt(passphrase, Buffer.from(f.kdf.salt, 'base64'), f.kdf);
  let plain: string;
  try {
    // A 16-byte tag and no less: GCM would otherwise accept a tag cut to 4 bytes, a forgery in 2^32 tries.
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(f.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(fileAad(f));
    decipher.setAuthTag(Buffer.from(f.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(f.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw ruleError('error.npm.badPassphrase');
  } finally {
    kek.fill(0);
  }
  const keys = privatePartsSchema.safeParse(JSON.parse(plain));
  if (!keys.success || !pairs(keys.data.boxPrivateKey, f.boxPublicKey) || !pairs(keys.data.signingPrivateKey, f.signingPublicKey)) throw ruleError('error.npm.badFile');
  if ((keys.data.retired ?? []).some((r) => r.boxPrivateKey !== null && !pairs(r.boxPrivateKey, r.boxPublicKey))) throw ruleError('error.npm.badFile');
  return { organisationId: f.organisationId, name: f.name, createdAt: now, boxPublicKey: f.boxPublicKey, signingPublicKey: f.signingPublicKey, ...keys.data };
}

/** The organisation's public status is for its monitors and for the administrator who manages its keys. */
function requireOrgReader(roles: readonly Role[]): void {
  if (!can(roles, 'visit.read') && !can(roles, 'settings.manage')) throw new ApiError({ code: 'forbidden', messageKey: 'error.forbidden' });
}

export function npmOrgHandlers(inst: ServiceInstallation, now: () => number): Handlers['npmOrg'] {
  return {
    status: (_input, env) => {
      requireOrgReader(env.session.roles);
      const org = orgKeys(inst.requireStore());
      return {
        configured: org !== null,
        canOpenSealed: Boolean(org?.boxPrivateKey),
        organisationId: org?.organisationId ?? null,
        name: org?.name ?? null,
        fingerprint: org ? keyFingerprint(org.signingPublicKey) : null,
        retiredKeys: (org?.retired ?? []).map((r) => ({ fingerprint: keyFingerprint(r.signingPublicKey), retiredAt: r.retiredAt, canOpenSealed: r.boxPrivateKey !== null })),
        lastRotationAt: org?.retired?.at(-1)?.retiredAt ?? null,
      };
    },

    rotateKey: (_input, env) => {
      const store = inst.requireStore();
      if (!isOffice(inst, store, false)) throw ruleError('error.npm.onlyOmbudsman');
      const org = requireOrg(store);
      const oldSigner = orgSigner(store);
      if (!org.boxPrivateKey) throw ruleError('error.npm.noPrivateKey');
      const box = generateSealingKeyPair();
      const signing = generateDeviceKeyPair();
      const rotatedAt = new Date(now()).toISOString();
      const statement = orgKeyRotationStatement.parse({
        organisationId: org.organisationId,
        name: org.name,
        oldSigningPublicKey: org.signingPublicKey,
        oldFingerprint: keyFingerprint(org.signingPublicKey),
        newSigningPublicKey: signing.publicKey,
        newBoxPublicKey: box.publicKey,
        rotatedAt,
      });
      const content = signedFileText(signRotationFile('qeyd-npm-key-rotation', statement, oldSigner, signing.privateKey));
      const retired: RetiredKey = { boxPublicKey: org.boxPublicKey, boxPrivateKey: org.boxPrivateKey, signingPublicKey: org.signingPublicKey, retiredAt: rotatedAt };
      const next: OrgKeys = {
        ...org,
        boxPublicKey: box.publicKey,
        boxPrivateKey: box.privateKey,
        signingPublicKey: signing.publicKey,
        signingPrivateKey: signing.privateKey,
        retired: [...(org.retired ?? []), retired],
        rotations: [...(org.rotations ?? []), content],
      };
      store.command(actor(env), env.method, (tx) => {
        store.setMeta(metaKey, JSON.stringify(next));
        tx.audit({
          action: 'npm.orgKeyRotated',
          method: env.method,
          entityType: 'npm_org',
          entityId: org.organisationId,
          outcome: 'ok',
          detail: JSON.stringify({ oldFingerprint: statement.oldFingerprint, newFingerprint: keyFingerprint(signing.publicKey) }),
        });
      });
      return { ...rotationFileOf(org.name, rotatedAt, content), oldFingerprint: statement.oldFingerprint, newFingerprint: keyFingerprint(signing.publicKey) };
    },

    rotationFile: (_input, env) => {
      requireOrgReader(env.session.roles);
      const org = requireOrg(inst.requireStore());
      const last = org.rotations?.at(-1);
      const at = org.retired?.at(-1)?.retiredAt;
      if (!last || !at) throw ruleError('error.npm.noRotation');
      return rotationFileOf(org.name, at, last);
    },

    create: ({ name }, env) => {
      const store = inst.requireStore();
      if (!isOffice(inst, store, false)) throw ruleError('error.npm.onlyOmbudsman');
      if (orgKeys(store)) throw ruleError('error.npm.orgExists');
      const box = generateSealingKeyPair();
      const signing = generateDeviceKeyPair();
      const org: OrgKeys = {
        organisationId: randomUUID(),
        name,
        createdAt: new Date(now()).toISOString(),
        boxPublicKey: box.publicKey,
        signingPublicKey: signing.publicKey,
        boxPrivateKey: box.privateKey,
        signingPrivateKey: signing.privateKey,
      };
      store.command(actor(env), env.method, (tx) => {
        store.setMeta(metaKey, JSON.stringify(org));
        tx.audit({ action: 'npm.orgCreated', method: env.method, entityType: 'npm_org', entityId: org.organisationId, outcome: 'ok' });
      });
      return { ok: true as const };
    },

    exportKey: async ({ currentPassword, passphrase }, env) => {
      const store = inst.requireStore();
      const org = requireOrg(store);
      // The file opens every interview the office sealed: whoever asks must prove, here and now, that
      // they are the administrator signed in, not someone at a laptop left unlocked (issue #10 §6).
      const key = await unlockWithPassword(inst.requireFile(), env.session.username, currentPassword);
      const confirmed = key !== null && key.equals(inst.requireKey());
      key?.fill(0);
      if (!confirmed) {
        store.audit({ actor: env.session.userId, action: 'npm.orgKeyExportRefused', method: env.method, entityType: 'npm_org', entityId: org.organisationId, outcome: 'denied' });
        throw new ApiError({ code: 'rule', messageKey: 'error.auth.wrongCurrentPassword', fields: { currentPassword: { key: 'error.auth.wrongCurrentPassword' } } });
      }
      const content = await exportOrgKey(org, passphrase);
      store.audit({ actor: env.session.userId, action: 'npm.orgKeyExported', method: env.method, entityType: 'npm_org', entityId: org.organisationId, outcome: 'ok' });
      return { fileName: `qeyd-organisation-key-${fileSlug(org.name)}.json`, content };
    },

    importKey: async ({ content, passphrase }, env) => {
      const store = inst.requireStore();
      if (!isOffice(inst, store, true)) throw ruleError('error.npm.onlyOmbudsman');
      const file = parseOrgKeyFile(content);
      const current = orgKeys(store);
      // The public parts are bound into the file's tag, so comparing them before the passphrase is safe.
      if (current && current.organisationId !== file.organisationId) throw ruleError('error.npm.otherOrganisation');
      const sameKeys = current !== null && current.boxPublicKey === file.boxPublicKey && current.signingPublicKey === file.signingPublicKey;
      const imported = await openOrgKeyFile(file, passphrase, new Date(now()).toISOString());
      // Other keys of the same organisation: taken only when the file's keys succeed this laptop's by
      // rotation (its retired keys include ours); a file older than what this laptop holds is refused.
      if (current && !sameKeys && !(imported.retired ?? []).some((r) => r.signingPublicKey === current.signingPublicKey)) {
        throw ruleError((current.retired ?? []).some((r) => r.signingPublicKey === file.signingPublicKey) ? 'error.npm.keyFileOlder' : 'error.npm.otherOrganisation');
      }
      if (sameKeys && current.boxPrivateKey && current.signingPrivateKey) return { ok: true as const };
      store.command(actor(env), env.method, (tx) => {
        store.setMeta(metaKey, JSON.stringify({ ...imported, createdAt: current?.createdAt ?? imported.createdAt, rotations: current?.rotations }));
        tx.audit({ action: 'npm.orgKeyImported', method: env.method, entityType: 'npm_org', entityId: imported.organisationId, outcome: 'ok' });
      });
      return { ok: true as const };
    },

    identity: (_input, env) => {
      requireOrgReader(env.session.roles);
      const store = inst.requireStore();
      const org = requireOrg(store);
      const body = npmIdentityBody.parse({ organisationId: org.organisationId, name: org.name, signingPublicKey: org.signingPublicKey, issuedAt: new Date(now()).toISOString() });
      const file = signFile('qeyd-npm-identity', body, orgSigner(store));
      store.audit({ actor: env.session.userId, action: 'npm.identityExported', method: env.method, entityType: 'npm_org', entityId: org.organisationId, outcome: 'ok' });
      return { fileName: `qeyd-ombudsman-identity-${fileSlug(org.name)}.json`, content: signedFileText(file) };
    },
  };
}

function rotationFileOf(name: string, at: string, content: string): { fileName: string; content: string } {
  return { fileName: `qeyd-ombudsman-key-change-${fileSlug(name)}-${at.slice(0, 10)}.json`, content };
}

/** The organisation key's fingerprint as sealed content names it (for diagnostics and tests). */
export function sealingFingerprint(org: OrgKeys): string {
  return sealingKeyId(org.boxPublicKey);
}
