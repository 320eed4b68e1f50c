import { luaScript } from './lua-script.js';

/**
 * revoke-session-key-1: marks a session key revoked, once.
 * KEYS[1] session key hash {record, revokedAt?}
 * ARGV[1] revokedAt (ms)
 * Returns 1 revoked; 0 unknown or already revoked.
 */
export const revokeSessionKey = luaScript(
  'revoke-session-key-1',
  1,
  `
if redis.call('HEXISTS', KEYS[1], 'record') == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'revokedAt', ARGV[1]) == 0 then return 0 end
return 1
`,
);
