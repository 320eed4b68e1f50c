import { luaScript } from './lua-script.js';

/**
 * record-dialer-outcome-4: records how the owner's claimed number's attempt ended: due again, or done
 * (domain/dialer-campaign.ts afterOutcome, kept in step).
 * KEYS[1] the task's numbers (hash number → record JSON)
 * KEYS[2] the task's due numbers (sorted set, score nextAttemptAt, member `<seq, 12 digits>:<number>`)
 * KEYS[3] the task's claimed numbers (sorted set, score claim expiry, member number)
 * KEYS[4] the task's counters (hash: seq, total, dialled, remaining, outcome:<outcome>)
 * ARGV[1] number  ARGV[2] owner  ARGV[3] outcome  ARGV[4] at (ms)  ARGV[5] nextAttemptAt (ms; '' done)
 * ARGV[6] '1' when the outcome counts as an attempt  ARGV[7] callId ('' none)
 * Returns 1 recorded; 0 the owner does not hold a claim on the number.
 */
export const recordDialerOutcome = luaScript(
  'record-dialer-outcome-4',
  4,
  `
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return 0 end
local record = cjson.decode(json)
if record.state ~= 'claimed' or type(record.claim) ~= 'table' or record.claim.owner ~= ARGV[2] then return 0 end
record.claim = nil
redis.call('ZREM', KEYS[3], ARGV[1])
if ARGV[6] == '1' then
  if record.attempts == 0 then redis.call('HINCRBY', KEYS[4], 'dialled', 1) end
  record.attempts = record.attempts + 1
end
if record.lastOutcome then redis.call('HINCRBY', KEYS[4], 'outcome:' .. record.lastOutcome, -1) end
record.lastOutcome = ARGV[3]
redis.call('HINCRBY', KEYS[4], 'outcome:' .. ARGV[3], 1)
local attempt = { at = tonumber(ARGV[4]), outcome = ARGV[3] }
if ARGV[7] ~= '' then attempt.callId = ARGV[7] end
if type(record.history) ~= 'table' then record.history = {} end
table.insert(record.history, attempt)
if ARGV[5] == '' then
  record.state = 'done'
  redis.call('HINCRBY', KEYS[4], 'remaining', -1)
else
  record.state = 'due'
  record.nextAttemptAt = tonumber(ARGV[5])
  redis.call('ZADD', KEYS[2], record.nextAttemptAt, string.format('%012d:', record.seq) .. ARGV[1])
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
return 1
`,
);
