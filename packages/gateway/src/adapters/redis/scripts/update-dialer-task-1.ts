import { luaScript } from './lua-script.js';

/**
 * update-dialer-task-1: replaces a dialer task that exists.
 * KEYS[1] the tenant's tasks (hash taskId → record JSON)
 * ARGV[1] taskId  ARGV[2] record JSON
 * Returns 1 updated; 0 no such task.
 */
export const updateDialerTask = luaScript(
  'update-dialer-task-1',
  1,
  `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`,
);
