import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../core/canonical-json';
import { ruleError } from '../core/contract/errors';
import { signedFileSchema, type SignedFile, type signedFileKinds } from '../core/npm/files';
import { rotationBody } from '../core/npm/key-rotation';
import { isWellFormedDeep } from '../core/well-formed';
import { signWith, verifyWith } from './device-auth';

/**
 * Signed files that travel between the two trust domains (centre ↔ ombudsman office) on a stick or by
 * e-mail. The signature covers `qeyd-file-v1\n<format>\n<body>` so a valid body cannot be replayed
 * under another format. A file is only ever checked against a key the receiver ALREADY trusts: the
 * key the file carries in `signer` is a hint for the lookup, never a reason to believe it.
 */

export type SignedFileKind = (typeof signedFileKinds)[number];

export interface FileSigner {
  kind: 'device' | 'organisation';
  /** device id or organisation id */
  id: string;
  /** Ed25519, base64 DER (spki) */
  publicKey: string;
  /** Ed25519, base64 DER (pkcs8) */
  privateKey: string;
}

function signedMessage(format: string, body: string): Buffer {
  return Buffer.from(`qeyd-file-v1\n${format}\n${body}`, 'utf8');
}

/** Builds the envelope: `body` becomes canonical JSON, exactly the text that is signed. */
export function signFile(format: SignedFileKind, body: unknown, signer: FileSigner): SignedFile {
  const text = canonicalJson(body);
  return {
    format,
    version: 1,
    signer: { kind: signer.kind, id: signer.id, publicKey: signer.publicKey },
    body: text,
    signature: signWith(signer.privateKey, signedMessage(format, text)),
  };
}

/** The file's text as written to disk. */
export function signedFileText(file: SignedFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function verifyFile(file: SignedFile, publicKey: string): boolean {
  return verifyWith(publicKey, signedMessage(file.format, file.body), file.signature);
}

/**
 * A file's JSON may escape a lone surrogate or a NUL that the router never saw: read, it would be stored
 * altered (or break a hash), so such a file is refused as a whole (core/well-formed.ts, issue #10).
 */
function refuseIllFormed(raw: unknown): void {
  if (!isWellFormedDeep(raw)) throw ruleError('error.npm.badFile', { content: { key: 'error.field.illFormedText' } });
}

/** Parses the envelope of a picked file; anything that is not one of ours is `error.npm.badFile`. */
export function parseSignedFile(content: string, format: SignedFileKind): SignedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw ruleError('error.npm.badFile');
  }
  refuseIllFormed(raw);
  const parsed = signedFileSchema.safeParse(raw);
  if (!parsed.success || parsed.data.format !== format) throw ruleError('error.npm.badFile');
  return parsed.data;
}

/**
 * The whole check, in an order that gives the honest reason: not our file format → badFile; signer we
 * do not know → unknownSigner; signature does not match the trusted key → badSignature; signed but not
 * a valid body → badFile. `trustedKey` returns the public key the receiver holds for that signer.
 */
export function readSignedFile<S extends z.ZodType>(
  content: string,
  format: SignedFileKind,
  bodySchema: S,
  trustedKey: (signer: SignedFile['signer']) => string | null,
): { file: SignedFile; body: z.infer<S> } {
  const file = parseSignedFile(content, format);
  const key = trustedKey(file.signer);
  if (!key) throw ruleError('error.npm.unknownSigner');
  if (!verifyFile(file, key)) throw ruleError('error.npm.badSignature');
  let raw: unknown;
  try {
    raw = JSON.parse(file.body);
  } catch {
    throw ruleError('error.npm.badFile');
  }
  refuseIllFormed(raw);
  const body = bodySchema.safeParse(raw);
  if (!body.success) throw ruleError('error.npm.badFile');
  return { file, body: body.data };
}

function rotationMessage(format: string, statement: unknown): Buffer {
  return Buffer.from(`qeyd-key-rotation-v1\n${format}\n${canonicalJson(statement)}`, 'utf8');
}

/**
 * A key rotation file (docs/npm.md#key-rotation): the statement signed by the new key inside the body,
 * the whole body signed by the old key in the envelope. The receiver checks the envelope against the
 * key it trusts now, so only whoever holds that key can hand its trust on, and the inner signature
 * against the new key, so nobody can name a key they do not hold.
 */
export function signRotationFile(format: 'qeyd-npm-key-rotation' | 'qeyd-facility-key-rotation', statement: unknown, oldSigner: FileSigner, newPrivateKey: string): SignedFile {
  return signFile(format, { statement, newKeySignature: signWith(newPrivateKey, rotationMessage(format, statement)) }, oldSigner);
}

/**
 * Reads a rotation file: envelope and statement shape (badFile), the old key's signature against the
 * key `trustedKey` names for the signer (unknownSigner / badSignature via readSignedFile), then the new
 * key's (badSignature). Which key the receiver trusts, and whether to move, is the caller's decision.
 */
export function readRotationFile<S extends z.ZodType>(
  content: string,
  format: 'qeyd-npm-key-rotation' | 'qeyd-facility-key-rotation',
  statementSchema: S,
  trustedKey: (signer: SignedFile['signer']) => string | null,
  newKeyOf: (statement: z.infer<S>) => string,
): { file: SignedFile; statement: z.infer<S> } {
  const { file, body } = readSignedFile(content, format, rotationBody(statementSchema), trustedKey);
  const { statement, newKeySignature } = body as { statement: z.infer<S>; newKeySignature: string };
  if (!verifyWith(newKeyOf(statement), rotationMessage(format, statement), newKeySignature)) throw ruleError('error.npm.badSignature');
  return { file, statement };
}

/** What a person compares on screen to confirm a key: 20 hex digits of its SHA-256, in groups of four. */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** A safe file-name part from a facility or device name. */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 40) || 'file'
  );
}
