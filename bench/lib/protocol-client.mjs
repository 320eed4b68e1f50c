/**
 * A minimal client of the gateway's WebSocket protocol (request, response, event and ping frames as JSON text),
 * so the benchmark's own cost stays small and the same client drives the gateway and the bare `ws` echo server
 * (which sends each request back: the client takes it for the response of the same id).
 */
import { WebSocket } from 'ws';

export class ProtocolClient {
  #socket;
  #pending = new Map();
  #nextId = 0;
  /** Called with every event frame. */
  /** @type {(frame: any) => void} */
  onEvent = () => {};

  static async connect(baseUrl) {
    const client = new ProtocolClient();
    client.#socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?v=1`, { perMessageDeflate: false });
    client.#socket.on('message', (data) => client.#receive(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => {
      client.#socket.once('open', resolve);
      client.#socket.once('error', reject);
    });
    return client;
  }

  /** Resolves with the response frame. */
  request(action, params) {
    const id = String(this.#nextId++);
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#socket.send(JSON.stringify({ type: 'req', id, action, params }));
    });
  }

  async login(tenantId, agentNo, sessionKey, initialStatus) {
    const response = await this.request('login', {
      tenantId,
      agentNo,
      sessionKey,
      bindEndpoint: { endpointType: 1, endpoint: `1${agentNo.padStart(10, '0')}` },
      initialStatus,
      ...(initialStatus === 2 && { pauseDescription: 'busy' }),
    });
    if (response.code !== 0) throw new Error(`login ${agentNo}: ${response.message}`);
    return response;
  }

  ping() {
    this.#socket.send(JSON.stringify({ type: 'ping', ts: Date.now() }));
  }

  close() {
    this.#socket.close();
  }

  #receive(frame) {
    if (frame.type === 'evt') return this.onEvent(frame);
    const resolve = this.#pending.get(frame.id);
    if (!resolve) return;
    this.#pending.delete(frame.id);
    resolve(frame);
  }
}

/** Runs `task(index)` for indexes 0..count-1, at most `concurrency` at a time. */
export async function inBatches(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
