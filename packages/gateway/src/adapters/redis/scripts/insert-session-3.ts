import { luaScript } from './lua-script.js';

/**
 * insert-session-3: stores a new live session and adds it to the live indexes.
 * KEYS[1] session hash {record, endedAt?, endReason?}
 * KEYS[2] live sessions (sorted set, score createdAt)
 * KEYS[3] live sessions of the session's key hash (set)
 * ARGV[1] record (JSON)  ARGV[2] sessionId  ARGV[3] createdAt (ms)
 * Returns 1 inserted; 0 a session with this id exists.
 */
export const insertSession = luaScript(
  'insert-session-3',
  3,
  `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return 1
`,
);
