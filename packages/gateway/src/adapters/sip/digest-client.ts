/** The gateway answering a carrier's digest challenge (RFC 2617 / RFC 3261 §22.2): MD5, with or without qop=auth. */
import { randomBytes } from 'node:crypto';
import type { Trunk } from '../../domain/tenant.js';
import { md5 } from '../webrtc-edge/sip-digest.js';
import { parseDigest } from '../webrtc-edge/sip-headers.js';

export interface DigestAnswer {
  /** `Authorization` for a 401, `Proxy-Authorization` for a 407. */
  header: 'Authorization' | 'Proxy-Authorization';
  value: string;
}

/** A trunk's credentials: its password, or (kept instead of it) the HA1 for the carrier's realm. */
export interface DigestCredentials {
  username: string;
  password?: string;
  realm?: string;
  ha1?: string;
}

/** A trunk's digest credentials, its username defaulting to `username`. */
export function trunkCredentials(trunk: Trunk, username: string): DigestCredentials {
  return {
    username: trunk.username ?? username,
    ...(trunk.password !== undefined && { password: trunk.password }),
    ...(trunk.realm !== undefined && { realm: trunk.realm }),
    ...(trunk.ha1 !== undefined && { ha1: trunk.ha1 }),
  };
}

/**
 * The credentials answering the challenge of `status` (401 or 407); undefined when the challenge cannot be read or
 * is for a realm whose HA1 the gateway does not have.
 */
export function answerChallenge(
  status: number,
  challenge: string | undefined,
  method: string,
  uri: string,
  credentials: DigestCredentials,
): DigestAnswer | undefined {
  const params = challenge === undefined ? undefined : parseDigest(challenge);
  if (!params?.nonce || params.realm === undefined) return undefined;
  if ((params.algorithm ?? 'MD5').toUpperCase() !== 'MD5') return undefined;
  const { username } = credentials;
  const ha1 =
    credentials.ha1 !== undefined && credentials.realm === params.realm
      ? credentials.ha1
      : credentials.password === undefined
        ? undefined
        : md5(`${username}:${params.realm}:${credentials.password}`);
  if (ha1 === undefined) return undefined;
  const ha2 = md5(`${method}:${uri}`);
  const qops = (params.qop ?? '').split(',').map((item) => item.trim());
  const fields = [`username="${username}"`, `realm="${params.realm}"`, `nonce="${params.nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
  if (qops.includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${params.nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${params.nonce}:${ha2}`)}"`);
  }
  if (params.opaque !== undefined) fields.push(`opaque="${params.opaque}"`);
  return { header: status === 407 ? 'Proxy-Authorization' : 'Authorization', value: `Digest ${fields.join(', ')}` };
}
