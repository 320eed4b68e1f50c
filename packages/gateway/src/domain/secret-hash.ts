/** The stored form of a secret (session keys, tenant API keys): SHA-256, hex. The secret itself is never stored. */
import { createHash } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The digest realm of every SIP registration with the gateway (softphones and desk phones). */
export const SIP_REALM = 'agentsdk';

/**
 * The stored form of a SIP digest password: HA1 = MD5(username:realm:password), what digest authentication needs
 * (RFC 2617 §3.2.2.2). It opens only that username in that realm, but guessing a weak password from it is cheap:
 * passwords stay long and random.
 */
export function digestHa1(username: string, realm: string, password: string): string {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
}
