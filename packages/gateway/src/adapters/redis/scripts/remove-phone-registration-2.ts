import { luaScript } from './lua-script.js';

/**
 * remove-phone-registration-2: forgets a phone's registration if the node still holds it, and unlists it from the node.
 * KEYS[1] phone registration hash {record, ownerId}
 * KEYS[2] phone registrations of the owner (set of KEYS[1] names)
 * ARGV[1] ownerId
 * Returns 1 removed; 0 the phone is registered with no node or with another.
 */
export const removePhoneRegistration = luaScript(
  'remove-phone-registration-2',
  2,
  `
redis.call('SREM', KEYS[2], KEYS[1])
if redis.call('HGET', KEYS[1], 'ownerId') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`,
);
