/** The stored form of a secret (session keys, tenant API keys): SHA-256, hex. The secret itself is never stored. */
import { createHash } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
