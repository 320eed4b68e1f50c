/** Signs in agents of the bench tenant over the protocol, `concurrency` at a time, with keys the gateway issues. */
import { inBatches, ProtocolClient } from './protocol-client.mjs';

const KEYS_PER_REQUEST = 1_000;

/**
 * @param {any} gateway
 * @param {{ from?: number, count: number, initialStatus: number, concurrency?: number, onClient?: (client: any, index: number) => void }} options
 */
export async function signInAgents(gateway, { from = 0, count, initialStatus, concurrency = 32, onClient = () => {} }) {
  const clients = new Array(count);
  for (let start = 0; start < count; start += KEYS_PER_REQUEST) {
    const chunk = Math.min(KEYS_PER_REQUEST, count - start);
    const keys = await gateway.request('sessionKeys', { from: from + start, count: chunk });
    await inBatches(chunk, concurrency, async (index) => {
      const client = await ProtocolClient.connect(gateway.url);
      onClient(client, start + index);
      await client.login('bench', gateway.agentNos[from + start + index], keys[index], initialStatus);
      clients[start + index] = client;
    });
  }
  return clients;
}
