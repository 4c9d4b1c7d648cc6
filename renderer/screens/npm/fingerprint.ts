/**
 * What a person compares before trusting a file's signer: the key's fingerprint, computed the way the
 * backend shows it (db/signed-file.ts keyFingerprint: SHA-256 of the raw key, first 20 hex digits in
 * groups of four). Shown before a file is sent, so a wrong identity file can be refused by a person;
 * the backend still checks every signature itself.
 */
export async function keyFingerprint(publicKeyBase64: string): Promise<string | null> {
  try {
    const raw = Uint8Array.from(atob(publicKeyBase64), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
    const hex = [...digest]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .slice(0, 20)
      .toUpperCase();
    return hex.match(/.{4}/g)!.join(' ');
  } catch {
    return null;
  }
}

export interface IdentityPreview {
  name: string;
  deviceName: string | null;
  publicKey: string;
}

/**
 * The names and key inside an identity file (a centre's or the office's), read for display only.
 * Anything unexpected gives null: the backend then says what is wrong with the file.
 */
export function identityPreview(content: string): IdentityPreview | null {
  try {
    const envelope = JSON.parse(content) as { format?: unknown; body?: unknown };
    if (typeof envelope.body !== 'string') return null;
    const body = JSON.parse(envelope.body) as Record<string, unknown>;
    if (envelope.format === 'qeyd-facility-identity' && typeof body.facilityName === 'string' && typeof body.publicKey === 'string') {
      return { name: body.facilityName, deviceName: typeof body.deviceName === 'string' ? body.deviceName : null, publicKey: body.publicKey };
    }
    if (envelope.format === 'qeyd-npm-identity' && typeof body.name === 'string' && typeof body.signingPublicKey === 'string') {
      return { name: body.name, deviceName: null, publicKey: body.signingPublicKey };
    }
    return null;
  } catch {
    return null;
  }
}
