import { luaScript } from './lua-script.js';

/**
 * end-session-3: marks a live session ended, drops its SIP HA1 (it authenticates nothing any more) and removes it from
 * the live indexes.
 * KEYS[1] session hash {record, endedAt?, endReason?}
 * KEYS[2] live sessions (sorted set)
 * KEYS[3] live sessions of the session's key hash (set)
 * ARGV[1] sessionId  ARGV[2] endedAt (ms)  ARGV[3] endReason  ARGV[4] ms the ended session stays (then it expires)
 * Returns 1 ended; 0 unknown or already ended.
 */
export const endSession = luaScript(
  'end-session-3',
  3,
  `
if redis.call('HEXISTS', KEYS[1], 'record') == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'endedAt', ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'endReason', ARGV[3])
local record = cjson.decode(redis.call('HGET', KEYS[1], 'record'))
if record.sipHa1 ~= nil then
  record.sipHa1 = nil
  redis.call('HSET', KEYS[1], 'record', cjson.encode(record))
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`,
);
