/**
 * What the embedded store keeps when the gateway process is killed (docs/durability.md): a state change the client was
 * answered `code 0` for is in the SQLite file, however the process ends.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@agentsdk/gateway';
import { closeClients, signIn } from './helpers/agent-client.js';
import { DEMO_API_KEY, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
afterEach(closeClients);
afterAll(() => dataDir.remove());

const GATEWAY_PROCESS = `
import { startGateway } from '@agentsdk/gateway';
// The case sends 41 state changes as fast as they are answered: more than a session's default burst of requests.
const gateway = await startGateway({
  port: 0,
  logLevel: 'silent',
  dataDir: process.argv[1],
  rateLimits: { sessionRequests: { perSecond: 1000, burst: 1000 } },
});
process.send(gateway.url);
`;

/** A gateway in a child process on `dataDir`, with what signIn needs of it. */
async function gatewayProcess(path: string) {
  const child = fork('--input-type=module', ['-e', GATEWAY_PROCESS, path], { execArgv: [], stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve(String(message)));
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
  });
  const issueKey = async (agentNo: string) => {
    const response = await fetch(`${url}/api/v1/tenants/demo/session-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentNo }),
    });
    return ((await response.json()) as { sessionKey: string }).sessionKey;
  };
  const killed = new Promise((resolve) => child.once('exit', resolve));
  return {
    gateway: { url, issueKey } as unknown as TestGateway,
    kill: () => {
      child.kill('SIGKILL');
      return killed;
    },
  };
}

describe('a gateway killed with SIGKILL', () => {
  it('keeps every agent state change it answered code 0 for', async () => {
    const { gateway, kill } = await gatewayProcess(dataDir.path);
    const agent = await signIn(gateway, '1001');
    for (let round = 0; round < 20; round++) {
      expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).toMatchObject({ code: 0 });
      expect(await agent.sdk.unpause()).toMatchObject({ code: 0 });
    }
    expect(await agent.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).toMatchObject({ code: 0 });
    await kill();

    const store = openSqliteStore(join(dataDir.path, 'agent-gateway.sqlite'));
    try {
      expect((await store.agents.get('demo', '1001'))?.value).toMatchObject({ loginStatus: 2, pauseDescription: 'MEETING' });
    } finally {
      await store.close();
    }
  });
});
