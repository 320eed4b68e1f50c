import { luaScript } from './lua-script.js';

/**
 * put-phone-registration-2: records where a phone is registered, expiring with the registration, and lists it under
 * the node that holds it (whose lapsed lease removes it). A phone that moved stays listed under its former node,
 * whose removal then finds it held by another and leaves it.
 * KEYS[1] phone registration hash {record, ownerId}
 * KEYS[2] phone registrations of the owner (set of KEYS[1] names)
 * ARGV[1] record (JSON)  ARGV[2] ownerId  ARGV[3] expiresAt (ms)
 * Returns 1.
 */
export const putPhoneRegistration = luaScript(
  'put-phone-registration-2',
  2,
  `
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'ownerId', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], KEYS[1])
if redis.call('PTTL', KEYS[2]) == -1 then
  redis.call('PEXPIREAT', KEYS[2], ARGV[3])
else
  redis.call('PEXPIREAT', KEYS[2], ARGV[3], 'GT')
end
return 1
`,
);
