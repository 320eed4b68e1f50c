import { luaScript } from './lua-script.js';

/**
 * add-dialer-numbers-3: adds numbers to a dialer task, due at ARGV[1], each after the task's last in upload order;
 * a number the task already has is left as it is.
 * KEYS[1] the task's numbers (hash number → record JSON)
 * KEYS[2] the task's due numbers (sorted set, score nextAttemptAt, member `<seq, 12 digits>:<number>`)
 * KEYS[3] the task's counters (hash: seq, total, dialled, remaining, outcome:<outcome>)
 * ARGV[1] at (ms)  ARGV[2] tenantId  ARGV[3] taskId  ARGV[4..] pairs of number, variables JSON
 * Returns per pair 1 added, 0 already in the task.
 */
export const addDialerNumbers = luaScript(
  'add-dialer-numbers-3',
  3,
  `
local at = tonumber(ARGV[1])
local results = {}
for i = 4, #ARGV, 2 do
  local number = ARGV[i]
  if redis.call('HEXISTS', KEYS[1], number) == 1 then
    results[#results + 1] = 0
  else
    local seq = redis.call('HINCRBY', KEYS[3], 'seq', 1)
    local record = { tenantId = ARGV[2], taskId = ARGV[3], number = number, seq = seq, variables = cjson.decode(ARGV[i + 1]),
      state = 'due', attempts = 0, nextAttemptAt = at, history = {} }
    redis.call('HSET', KEYS[1], number, cjson.encode(record))
    redis.call('ZADD', KEYS[2], at, string.format('%012d:', seq) .. number)
    redis.call('HINCRBY', KEYS[3], 'total', 1)
    redis.call('HINCRBY', KEYS[3], 'remaining', 1)
    results[#results + 1] = 1
  end
end
return results
`,
);
