import { luaScript } from './lua-script.js';

/**
 * release-dialer-claim-3: gives the owner's claim back undialled; the number is due again as before.
 * KEYS[1] the task's numbers (hash number → record JSON)
 * KEYS[2] the task's due numbers (sorted set, score nextAttemptAt, member `<seq, 12 digits>:<number>`)
 * KEYS[3] the task's claimed numbers (sorted set, score claim expiry, member number)
 * ARGV[1] number  ARGV[2] owner
 * Returns 1 released; 0 the owner does not hold a claim on the number.
 */
export const releaseDialerClaim = luaScript(
  'release-dialer-claim-3',
  3,
  `
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local record = cjson.decode(json)
if record.state ~= 'claimed' or type(record.claim) ~= 'table' or record.claim.owner ~= ARGV[2] then return 0 end
record.claim = nil
record.state = 'due'
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[2], record.nextAttemptAt, string.format('%012d:', record.seq) .. ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
return 1
`,
);
