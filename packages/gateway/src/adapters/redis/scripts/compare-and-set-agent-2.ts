import { luaScript } from './lua-script.js';

/**
 * compare-and-set-agent-2: writes an agent record when its stored version is the expected one.
 * KEYS[1] agent hash {record, version}
 * KEYS[2] agents of the tenant (sorted set, score 0, member agentNo: lexical order)
 * ARGV[1] expected version (0: absent)  ARGV[2] record (JSON)  ARGV[3] agentNo
 * Returns the new version; 0 on a lost race.
 */
export const compareAndSetAgent = luaScript(
  'compare-and-set-agent-2',
  2,
  `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[2], 'version', version + 1)
redis.call('ZADD', KEYS[2], 0, ARGV[3])
return version + 1
`,
);
