import { REINDEX_AGENT_LUA } from './agent-availability-lua.js';
import { luaScript } from './lua-script.js';

/**
 * reindex-agent-5: indexes a stored agent again after its queues changed (a tenant configuration was upserted),
 * unless the record changed since it was read: that write indexed it by the new queues already.
 * KEYS[1] agent hash  KEYS[2] queues the agent answers (set)  KEYS[3..5] availability indexes of the tenant
 * ARGV[1] the version read  ARGV[2] agentNo  ARGV[3] '1' when that record is available, else '0'
 * ARGV[4..6] its routing keys, in the order of KEYS[3..5]
 * Returns 1 when indexed, 0 when the record changed meanwhile.
 */
export const reindexAgent = luaScript(
  'reindex-agent-5',
  5,
  `${REINDEX_AGENT_LUA}
if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') ~= tonumber(ARGV[1]) then return 0 end
reindexAgent(KEYS[1], KEYS[2], { KEYS[3], KEYS[4], KEYS[5] }, ARGV[2], ARGV[3], { ARGV[4], ARGV[5], ARGV[6] })
return 1
`,
);
