import { luaScript } from './lua-script.js';

/**
 * compare-and-set-call-7: writes a call when its stored version is the expected one, and moves it between the
 * call indexes in the same step. The caller read the stored record at the expected version to name the indexes it
 * leaves; a version match proves that record is still the stored one.
 * KEYS[1] call hash {record, version}
 * KEYS[2] queued calls of the stored record's queue (sorted set, score queuedAt), or KEYS[3] when none
 * KEYS[3] queued calls of the new record's queue, or a key never written when none
 * KEYS[4] active calls of the tenant (sorted set, score 0: callId order)
 * KEYS[5] ended calls of the tenant (sorted set, score endedAt)
 * KEYS[6] request index of the stored record (string: callId), or KEYS[7] when none
 * KEYS[7] request index of the new record (string: callId), or a key never written when none
 * ARGV[1] expected version (0: absent)  ARGV[2] record (JSON)  ARGV[3] callId
 * ARGV[4] queuedAt when the new record is queued, else ''
 * ARGV[5] '1' when the new record is not ended (active), else '0'
 * ARGV[6] endedAt when the new record is ended, else ''
 * ARGV[7] '1' when the new record has a request index (KEYS[7]), else '0'
 * ARGV[8] ms an ended call stays: its hash and request index expire then, and the ended index drops the calls that
 *         ended that long before this one
 * Returns the new version; 0 on a lost race.
 */
export const compareAndSetCall = luaScript(
  'compare-and-set-call-7',
  7,
  `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return 0 end
local callId = ARGV[3]
redis.call('HSET', KEYS[1], 'record', ARGV[2], 'version', version + 1)
redis.call('ZREM', KEYS[2], callId)
if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], callId) else redis.call('ZREM', KEYS[3], callId) end
if ARGV[5] == '1' then redis.call('ZADD', KEYS[4], 0, callId) else redis.call('ZREM', KEYS[4], callId) end
if ARGV[6] ~= '' then redis.call('ZADD', KEYS[5], ARGV[6], callId) else redis.call('ZREM', KEYS[5], callId) end
if redis.call('GET', KEYS[6]) == callId then redis.call('DEL', KEYS[6]) end
if ARGV[7] == '1' then redis.call('SET', KEYS[7], callId) end
if ARGV[6] ~= '' then
  local ttl = tonumber(ARGV[8])
  redis.call('PEXPIRE', KEYS[1], ttl)
  if ARGV[7] == '1' then redis.call('PEXPIRE', KEYS[7], ttl) end
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. (tonumber(ARGV[6]) - ttl))
end
return version + 1
`,
);
