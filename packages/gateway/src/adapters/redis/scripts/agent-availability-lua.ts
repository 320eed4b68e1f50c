/**
 * The Lua both agent scripts share: moves an agent between the availability indexes (one sorted set per tenant and
 * routing strategy, all scores 0, members `queueNo \0 routing key \0 agentNo`, so one queue's agents are a lexical
 * range in strategy order). The agent hash remembers what it indexed (`indexedQueues`, `indexedKeys`) to remove it.
 */
export const REINDEX_AGENT_LUA = `
local function reindexAgent(agentKey, queuesKey, indexKeys, agentNo, available, routingKeys)
  local oldQueues = redis.call('HGET', agentKey, 'indexedQueues')
  local oldKeys = redis.call('HGET', agentKey, 'indexedKeys')
  if oldQueues and oldKeys then
    local keys = {}
    for key in string.gmatch(oldKeys, '[^\\n]+') do keys[#keys + 1] = key end
    for queue in string.gmatch(oldQueues, '[^\\n]+') do
      for i = 1, 3 do redis.call('ZREM', indexKeys[i], queue .. '\\0' .. keys[i] .. '\\0' .. agentNo) end
    end
  end
  if available ~= '1' then
    redis.call('HDEL', agentKey, 'indexedQueues', 'indexedKeys')
    return
  end
  local queues = redis.call('SMEMBERS', queuesKey)
  for _, queue in ipairs(queues) do
    for i = 1, 3 do redis.call('ZADD', indexKeys[i], 0, queue .. '\\0' .. routingKeys[i] .. '\\0' .. agentNo) end
  end
  redis.call('HSET', agentKey, 'indexedQueues', table.concat(queues, '\\n'), 'indexedKeys', table.concat(routingKeys, '\\n'))
end
`;
