/** Phone registrations in Redis: one hash per phone expiring with its registration, and a set of each node's phones. */
import type { Redis } from 'ioredis';
import type { PhoneRegistration, PhoneRegistrationStore } from '../../ports/store.js';
import { putPhoneRegistration } from './scripts/put-phone-registration-2.js';
import { removePhoneRegistration } from './scripts/remove-phone-registration-2.js';

export function redisPhoneRegistrations(redis: Redis, prefix: string): PhoneRegistrationStore {
  const phoneKey = (tenantId: string, kind: string, address: string) =>
    `${prefix}phone:${encodeURIComponent(tenantId)}:${kind}:${encodeURIComponent(address)}`;
  const ownerKey = (ownerId: string) => `${prefix}phones:owner:${ownerId}`;
  const remove = async (key: string, ownerId: string) =>
    (await removePhoneRegistration.run(redis, [key, ownerKey(ownerId)], [ownerId])) === 1;

  return {
    async put(registration) {
      const { tenantId, kind, address, ownerId, expiresAt } = registration;
      await putPhoneRegistration.run(
        redis,
        [phoneKey(tenantId, kind, address), ownerKey(ownerId)],
        [JSON.stringify(registration), ownerId, expiresAt],
      );
    },
    async find(tenantId, kind, address, now) {
      const json = await redis.hget(phoneKey(tenantId, kind, address), 'record');
      if (json === null) return undefined;
      const registration = JSON.parse(json) as PhoneRegistration;
      return registration.expiresAt > now ? registration : undefined;
    },
    remove: (tenantId, kind, address, ownerId) => remove(phoneKey(tenantId, kind, address), ownerId),
    async removeOwner(ownerId) {
      let removed = 0;
      for (const key of await redis.smembers(ownerKey(ownerId))) if (await remove(key, ownerId)) removed += 1;
      await redis.del(ownerKey(ownerId));
      return removed;
    },
  };
}
