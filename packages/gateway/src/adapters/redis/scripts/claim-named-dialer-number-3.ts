import { luaScript } from './lua-script.js';

/**
 * claim-named-dialer-number-3: claims one named number of a task when it is due, whenever its next attempt was meant
 * to be (a preview agent calls it now).
 * KEYS[1] the task's due numbers (sorted set, score nextAttemptAt, member `<seq, 12 digits>:<number>`)
 * KEYS[2] the task's claimed numbers (sorted set, score claim expiry, member number)
 * KEYS[3] the task's numbers (hash number → record JSON)
 * ARGV[1] number  ARGV[2] now (ms)  ARGV[3] owner  ARGV[4] lease (ms)
 * Returns the claimed record JSON; nil when the task has no such number or it is not due.
 */
export const claimNamedDialerNumber = luaScript(
  'claim-named-dialer-number-3',
  3,
  `
local json = redis.call('HGET', KEYS[3], ARGV[1])
if not json then return false end
local record = cjson.decode(json)
if record.state ~= 'due' then return false end
redis.call('ZREM', KEYS[1], string.format('%012d:', record.seq) .. ARGV[1])
local now = tonumber(ARGV[2])
record.state = 'claimed'
record.claim = { owner = ARGV[3], at = now, expiresAt = now + tonumber(ARGV[4]) }
json = cjson.encode(record)
redis.call('HSET', KEYS[3], ARGV[1], json)
redis.call('ZADD', KEYS[2], record.claim.expiresAt, ARGV[1])
return json
`,
);
