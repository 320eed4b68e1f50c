import { luaScript } from './lua-script.js';

/**
 * take-token-1: takes a token from a token bucket (a new bucket is full); the bucket expires once it would be full
 * again, so idle buckets do not stay.
 * KEYS[1] bucket {tokens, at}
 * ARGV[1] now (ms), ARGV[2] tokens per second, ARGV[3] burst
 * Returns 1 taken; 0 the bucket is empty.
 */
export const takeTokenScript = luaScript(
  'take-token-1',
  1,
  `
local now = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if stored[1] then
  local elapsed = math.max(0, now - tonumber(stored[2]))
  tokens = math.min(burst, tonumber(stored[1]) + elapsed / 1000 * perSecond)
end
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perSecond * 1000) + 1000)
return taken
`,
);
