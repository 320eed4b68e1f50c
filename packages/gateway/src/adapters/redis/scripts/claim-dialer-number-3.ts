import { luaScript } from './lua-script.js';

/**
 * claim-dialer-number-3: claims the task's due number with the earliest nextAttemptAt (then upload order) not after now.
 * KEYS[1] the task's due numbers (sorted set, score nextAttemptAt, member `<seq, 12 digits>:<number>`)
 * KEYS[2] the task's claimed numbers (sorted set, score claim expiry, member number)
 * KEYS[3] the task's numbers (hash number → record JSON)
 * ARGV[1] now (ms)  ARGV[2] owner  ARGV[3] lease (ms)
 * Returns the claimed record JSON; nil when no number is due.
 */
export const claimDialerNumber = luaScript(
  'claim-dialer-number-3',
  3,
  `
local first = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)[1]
if not first then return false end
local number = string.sub(first, 14)
redis.call('ZREM', KEYS[1], first)
local record = cjson.decode(redis.call('HGET', KEYS[3], number))
local now = tonumber(ARGV[1])
record.state = 'claimed'
record.claim = { owner = ARGV[2], at = now, expiresAt = now + tonumber(ARGV[3]) }
local json = cjson.encode(record)
redis.call('HSET', KEYS[3], number, json)
redis.call('ZADD', KEYS[2], record.claim.expiresAt, number)
return json
`,
);
