import { REINDEX_AGENT_LUA } from './agent-availability-lua.js';
import { luaScript } from './lua-script.js';

/**
 * compare-and-set-agent-6: writes an agent record when its stored version is the expected one, and moves the agent
 * between the availability indexes in the same step.
 * KEYS[1] agent hash {record, version, indexedQueues, indexedKeys}
 * KEYS[2] agents of the tenant (sorted set, score 0, member agentNo: lexical order)
 * KEYS[3] queues the agent answers (set, from the tenant configuration)
 * KEYS[4..6] availability indexes of the tenant: longest idle, round robin, fewest calls
 * ARGV[1] expected version (0: absent)  ARGV[2] record (JSON)  ARGV[3] agentNo
 * ARGV[4] '1' when the new record is available, else '0'  ARGV[5..7] its routing keys, in the order of KEYS[4..6]
 * Returns the new version; 0 on a lost race.
 */
export const compareAndSetAgent = luaScript(
  'compare-and-set-agent-6',
  6,
  `${REINDEX_AGENT_LUA}
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[2], 'version', version + 1)
redis.call('ZADD', KEYS[2], 0, ARGV[3])
reindexAgent(KEYS[1], KEYS[3], { KEYS[4], KEYS[5], KEYS[6] }, ARGV[3], ARGV[4], { ARGV[5], ARGV[6], ARGV[7] })
return version + 1
`,
);
