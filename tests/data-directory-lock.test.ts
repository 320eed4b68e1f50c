/** A data directory belongs to one gateway process: a second gateway started on it is refused with a clear reason. */
import { afterAll, expect, it } from 'vitest';
import { spawnGateway } from './helpers/gateway-process.js';
import { startTestGateway, temporaryDataDir } from './helpers/test-gateway.js';

const dataDir = temporaryDataDir();
afterAll(() => dataDir.remove());

it('refuses to start a second gateway on a data directory another gateway holds, naming the directory', async () => {
  const first = await startTestGateway({ dataDir: dataDir.path });
  try {
    await expect(startTestGateway({ dataDir: dataDir.path })).rejects.toThrow(
      `the data directory ${dataDir.path} is in use by another gateway process`,
    );
    // `npm start` says so in one line and exits with 1.
    const refused = await spawnGateway({ dataDir: dataDir.path }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toBe(
      `gateway exited with 1: Agent Gateway did not start: the data directory ${dataDir.path} is in use by another gateway process (agent-gateway.sqlite is locked)\n`,
    );
    // The first gateway is untouched by the attempts.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  } finally {
    await first.close();
  }
  // Once the first has stopped, the directory can be used again.
  const next = await startTestGateway({ dataDir: dataDir.path });
  await next.close();
});
