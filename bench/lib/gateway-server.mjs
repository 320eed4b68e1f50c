/**
 * A gateway as `npm start` runs it (embedded: SQLite file in a data directory, in-process bus, carrier simulator),
 * rate limits lifted, logging at `info` to /dev/null, with a tenant of `agentCount` agents answering queue 0.
 * Argument: JSON `{ agentCount, dataDir }`.
 */
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TENANT_FILE, loadTenantConfigFile, startGateway } from '@agentsdk/gateway';
import { pino } from 'pino';
import { profilerRequests } from './cpu-profile.mjs';
import { serveBenchRequests } from './server-ipc.mjs';

const { agentCount, dataDir } = JSON.parse(process.argv[2]);
const demo = JSON.parse(readFileSync(DEMO_TENANT_FILE, 'utf8'));
const agents = Array.from({ length: agentCount }, (_, index) => ({
  agentNo: String(100_000 + index),
  name: `Agent ${index}`,
  role: 'agent',
  queues: ['0'],
  permissions: ['outbound', 'internalCall', 'transfer', 'ivr', 'survey'],
}));
// Through the tenant file's loader, as `npm start` reads tenants: it validates and keeps only the API key's hash.
mkdirSync(dataDir, { recursive: true });
const tenantFile = join(dataDir, 'bench-tenant.json');
writeFileSync(
  tenantFile,
  JSON.stringify({
    ...demo,
    tenantId: 'bench',
    apiKey: 'bench-api-key',
    agents,
    queues: demo.queues.map((queue) => ({ ...queue, wrapupSeconds: 0 })),
  }),
);
const [tenant] = await loadTenantConfigFile(tenantFile);

const unlimited = { perSecond: 1_000_000_000, burst: 1_000_000_000 };
const gateway = await startGateway({
  port: 0,
  dataDir,
  tenants: [tenant],
  logLevel: 'info',
  logDestination: pino.destination({ dest: openSync('/dev/null', 'w'), sync: false }),
  rateLimits: {
    sessionRequests: unlimited,
    tenantApiRequests: unlimited,
    telemetryUploads: unlimited,
    signInsPerAddress: unlimited,
    signInsPerAgent: unlimited,
  },
  // Every bench client connects from 127.0.0.1: lift the per-address cap with the rate limits.
  maxConnectionsPerAddress: Number.MAX_SAFE_INTEGER,
});

serveBenchRequests(
  {
    ...profilerRequests(),
    /** Session keys for agents `from` .. `from + count - 1`, issued as the key API does. */
    async sessionKeys({ from, count }) {
      const keys = [];
      for (let index = from; index < from + count; index++) {
        const issued = await gateway.services.sessionKeys.issue('bench', agents[index].agentNo, 3600);
        keys.push(issued.sessionKey);
      }
      return keys;
    },
  },
  () => gateway.close(),
);
process.send({ ready: { url: gateway.url, agentNos: agents.map((agent) => agent.agentNo) } });
