/** Session keys: issued server to server, stored hashed, bound to one tenant and agent, expiring and revocable. */
import type { BusinessErrorName } from '@agentsdk/protocol';
import type { Clock } from '../ports/clock.js';
import type { SessionKeyRecord, SessionKeyStore } from '../ports/store.js';
import { hashSecret } from '../domain/secret-hash.js';
import { newSecret } from './secrets.js';

export type KeyCheck = { ok: true; record: SessionKeyRecord } | { ok: false; error: BusinessErrorName; message: string };

export class SessionKeys {
  constructor(
    private readonly store: SessionKeyStore,
    private readonly clock: Clock,
  ) {}

  async issue(tenantId: string, agentNo: string, ttlSeconds: number): Promise<{ sessionKey: string; expiresAt: number }> {
    const sessionKey = newSecret();
    const createdAt = this.clock.now();
    const expiresAt = createdAt + ttlSeconds * 1000;
    await this.store.insert({ keyHash: hashSecret(sessionKey), tenantId, agentNo, createdAt, expiresAt });
    return { sessionKey, expiresAt };
  }

  /** Checks a key presented for `tenantId` and `agentNo`. */
  async check(sessionKey: string, tenantId: string, agentNo: string): Promise<KeyCheck> {
    const record = await this.store.findByHash(hashSecret(sessionKey));
    if (!record || record.revokedAt !== undefined) return { ok: false, error: 'SESSION_KEY_INVALID', message: 'invalid session key' };
    if (record.tenantId !== tenantId || record.agentNo !== agentNo) {
      return { ok: false, error: 'SESSION_KEY_MISMATCH', message: 'session key not issued for this tenant and agent' };
    }
    if (record.expiresAt <= this.clock.now()) return { ok: false, error: 'SESSION_KEY_EXPIRED', message: 'session key expired' };
    return { ok: true, record };
  }

  /** Revokes a key of the tenant; returns its hash, or undefined when the tenant has no such live key. */
  async revoke(tenantId: string, sessionKey: string): Promise<string | undefined> {
    const keyHash = hashSecret(sessionKey);
    const record = await this.store.findByHash(keyHash);
    if (!record || record.tenantId !== tenantId) return undefined;
    return (await this.store.revoke(keyHash, this.clock.now())) ? keyHash : undefined;
  }
}
